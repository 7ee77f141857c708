package dev.routewise.security;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Objects;

/** An API key as stored: the secret itself is never kept, only its SHA-256 hash and a short prefix to recognise it. */
@Table("api_key")
record ApiKey(@Id Long id, String name, String prefix, String secretHash, Role role, Long ownerId,
              String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    ApiKey {
        Objects.requireNonNull(name);
        Objects.requireNonNull(prefix);
        Objects.requireNonNull(secretHash);
        Objects.requireNonNull(role);
        Objects.requireNonNull(createdBy);
        Objects.requireNonNull(createdAt);
    }

    ApiKey withId(Long newId) {
        return new ApiKey(newId, name, prefix, secretHash, role, ownerId, createdBy, createdAt, lastUsedAt, revokedAt);
    }

    ApiKey withRevokedAt(Instant at) {
        return new ApiKey(id, name, prefix, secretHash, role, ownerId, createdBy, createdAt, lastUsedAt, at);
    }

    boolean active() {
        return revokedAt == null;
    }
}
