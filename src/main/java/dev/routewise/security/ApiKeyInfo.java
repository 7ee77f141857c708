package dev.routewise.security;

import java.time.Instant;

/** An API key as the console and the API list it: never the secret nor its hash. */
public record ApiKeyInfo(long id, String name, String prefix, Role role, String owner, String createdBy,
                         Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
