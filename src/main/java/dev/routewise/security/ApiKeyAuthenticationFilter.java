package dev.routewise.security;

import dev.routewise.base.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <key>} on the REST chain. A request without the
 * header goes on anonymously (and is refused later where a role is needed); a wrong key is
 * refused at once with 401.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;
    private final JsonMapper json;
    private final SecurityContextHolderStrategy contexts;

    /** {@code contexts}: the strategy the rest of the filter chain reads the signed-in caller from. */
    ApiKeyAuthenticationFilter(ApiKeyService keys, JsonMapper json, SecurityContextHolderStrategy contexts) {
        this.keys = keys;
        this.json = json;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "Use the header 'Authorization: Bearer <API key>'.");
            return;
        }
        Optional<ApiKeyPrincipal> principal = keys.authenticate(header.substring(BEARER.length()).trim());
        if (principal.isEmpty()) {
            refuse(request, response, "The API key is not valid or has been revoked.");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(principal.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED, detail, request.getRequestURI());
    }
}
