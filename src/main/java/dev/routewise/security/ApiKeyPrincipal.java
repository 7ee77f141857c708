package dev.routewise.security;

import java.util.Objects;

/**
 * The caller behind an API key on {@code /api/**} and {@code /v1/**}.
 *
 * @param keyId  null for the master key, which is not stored
 * @param owner  user name of the key's owner, null when it has none
 */
public record ApiKeyPrincipal(Long keyId, String name, String prefix, Role role, String owner) {

    public ApiKeyPrincipal {
        Objects.requireNonNull(name);
        Objects.requireNonNull(prefix);
        Objects.requireNonNull(role);
    }

    boolean master() {
        return keyId == null;
    }

    /** How the key appears as an actor in the audit log. */
    public String auditName() {
        return master() ? "master-key" : "key:" + prefix;
    }
}
