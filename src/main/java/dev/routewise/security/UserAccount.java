package dev.routewise.security;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Objects;

/** A team member as stored; the password is only ever a one-way hash. */
@Table("app_user")
record UserAccount(@Id Long id, String username, String passwordHash, Role role, boolean enabled,
                   Instant createdAt, Instant passwordChangedAt, Instant lastLoginAt) {

    UserAccount {
        Objects.requireNonNull(username);
        Objects.requireNonNull(passwordHash);
        Objects.requireNonNull(role);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(passwordChangedAt);
    }

    static UserAccount create(String username, String passwordHash, Role role, Instant now) {
        return new UserAccount(null, username, passwordHash, role, true, now, now, null);
    }

    UserAccount withId(Long newId) {
        return new UserAccount(newId, username, passwordHash, role, enabled, createdAt, passwordChangedAt, lastLoginAt);
    }

    UserAccount withPassword(String newHash, Instant now) {
        return new UserAccount(id, username, newHash, role, enabled, createdAt, now, lastLoginAt);
    }

    UserAccount withRole(Role newRole) {
        return new UserAccount(id, username, passwordHash, newRole, enabled, createdAt, passwordChangedAt, lastLoginAt);
    }

    UserAccount withEnabled(boolean newEnabled) {
        return new UserAccount(id, username, passwordHash, role, newEnabled, createdAt, passwordChangedAt, lastLoginAt);
    }

    UserAccount withLastLogin(Instant at) {
        return new UserAccount(id, username, passwordHash, role, enabled, createdAt, passwordChangedAt, at);
    }

    TeamMember toMember() {
        return new TeamMember(id, username, role, enabled, createdAt, lastLoginAt);
    }
}
