package dev.routewise.security;

import dev.routewise.base.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** 401 and 403 on the REST chain: problem details, or OpenAI's error shape on the OpenAI-compatible /v1/**. */
final class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemAuthenticationHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        if (openAi(request)) {
            ProblemResponses.writeOpenAiError(response, json, HttpStatus.UNAUTHORIZED, "Missing or invalid API key: "
                    + "send 'Authorization: Bearer <Routewise API key>'.", "invalid_request_error", "invalid_api_key");
            return;
        }
        ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED,
                "An API key is required: send 'Authorization: Bearer <API key>'.", request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        if (openAi(request)) {
            ProblemResponses.writeOpenAiError(response, json, HttpStatus.FORBIDDEN,
                    "This API key's role does not allow this request.", "permission_error", "insufficient_role");
            return;
        }
        ProblemResponses.write(response, json, HttpStatus.FORBIDDEN,
                "This API key's role does not allow this request.", request.getRequestURI());
    }

    private static boolean openAi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    }
}
