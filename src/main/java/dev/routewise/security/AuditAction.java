package dev.routewise.security;

/** The kinds of security events the audit log records. */
public enum AuditAction {
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGIN_THROTTLED,
    LOGOUT,
    USER_CREATED,
    USER_ENABLED,
    USER_DISABLED,
    USER_ROLE_CHANGED,
    USER_PASSWORD_RESET,
    PASSWORD_CHANGED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    ADMIN_BOOTSTRAPPED,
    ROUTER_CHANGED,
    CLUSTERS_CHANGED,
    RULES_CHANGED,
    BUDGETS_CHANGED,
    ALERTS_CHANGED
}
