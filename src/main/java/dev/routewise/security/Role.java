package dev.routewise.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/**
 * A team member's or API key's role. Each role grants its own authority and those of the roles
 * below it, so {@code @RolesAllowed(VIEWER)} admits operators and admins as well.
 */
public enum Role {
    VIEWER("Viewer", "Read-only: sees the console, the catalog, decisions and spend."),
    OPERATOR("Operator", "Viewer, plus router configuration, model sources and discovery."),
    ADMIN("Admin", "Everything, including users, API keys and the audit log.");

    private final String label;
    private final String description;
    private final List<GrantedAuthority> authorities;

    Role(String label, String description) {
        this.label = label;
        this.description = description;
        this.authorities = java.util.stream.IntStream.rangeClosed(0, ordinal())
                .mapToObj(i -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + valueOfOrdinal(i)))
                .toList();
    }

    private static String valueOfOrdinal(int ordinal) {
        return switch (ordinal) {
            case 0 -> AppRoles.VIEWER;
            case 1 -> AppRoles.OPERATOR;
            default -> AppRoles.ADMIN;
        };
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public List<GrantedAuthority> authorities() {
        return authorities;
    }

    /** True when this role includes everything {@code other} may do. */
    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }
}
