package dev.routewise.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated API key; carries no secret. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal principal;

    ApiKeyAuthentication(ApiKeyPrincipal principal) {
        super(principal.role().authorities());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.owner() != null ? principal.owner() : principal.auditName();
    }
}
