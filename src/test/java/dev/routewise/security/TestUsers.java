package dev.routewise.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

/** Creates team members for tests, acting as the bootstrapped admin. */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String PASSWORD = "a-long-test-password";

    private TestUsers() {
    }

    /** Ensures a user with this name and role exists (password {@link #PASSWORD}). */
    public static void ensure(UserService users, String username, Role role) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(asAdmin());
        try {
            if (users.list().stream().noneMatch(u -> u.username().equals(username))) {
                users.create(username, PASSWORD, role);
            }
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    public static Authentication asAdmin() {
        User admin = new User(ADMIN, "n/a", Role.ADMIN.authorities());
        return new UsernamePasswordAuthenticationToken(admin, null, Role.ADMIN.authorities());
    }

    /** A new API key with {@code role}, created as the admin; returns its secret. */
    public static String apiKey(ApiKeyService keys, Role role) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(asAdmin());
        try {
            return keys.create("test " + role + " " + System.nanoTime(), role).secret();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
