package dev.routewise.security;

/** Role names for {@code @RolesAllowed} on views and endpoints. Higher roles include the lower ones. */
public final class AppRoles {

    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String VIEWER = "VIEWER";

    private AppRoles() {
    }
}
