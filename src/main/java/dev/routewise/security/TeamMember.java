package dev.routewise.security;

import java.time.Instant;

/** A team member as the console and the API show it: never the password hash. */
public record TeamMember(long id, String username, Role role, boolean enabled, Instant createdAt,
                         Instant lastLoginAt) {
}
