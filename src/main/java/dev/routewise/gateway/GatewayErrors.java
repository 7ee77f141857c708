package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.web.ProblemResponses;
import dev.routewise.routing.RuleDeniedException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/**
 * Errors on {@code /v1/**} in OpenAI's shape ({@code {"error": {"message", "type", "param", "code"}}}), which
 * OpenAI clients and SDKs read; the rest of the API keeps problem details.
 */
@RestControllerAdvice(basePackageClasses = GatewayErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayErrors {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(ProblemResponses.openAiError(e.getMessage(), "invalid_request_error",
                e.field()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemResponses.openAiError(
                "This API key's role does not allow this request.", "permission_error", "insufficient_role"));
    }

    /** A deny rule refused the request, or another error that already knows its status. */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<Map<String, Object>> statusError(ErrorResponseException e) {
        String message = e.getBody().getDetail() != null ? e.getBody().getDetail() : e.getMessage();
        boolean denied = e instanceof RuleDeniedException;
        return ResponseEntity.status(e.getStatusCode()).body(ProblemResponses.openAiError(message,
                denied ? "permission_error" : "invalid_request_error", denied ? "denied_by_rule" : null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Unexpected error on the gateway", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ProblemResponses.openAiError(
                "Routewise failed to handle this request; the server log has the details.", "server_error", null));
    }

    /** Any other path under /v1: OpenAI's 404, not the console's page. */
    @RestController
    static class UnknownPath {

        @RequestMapping("/v1/**")
        ResponseEntity<Map<String, Object>> unknown(HttpServletRequest request) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemResponses.openAiError("Unknown request URL: "
                    + request.getMethod() + " " + request.getRequestURI() + ".", "invalid_request_error",
                    "unknown_url"));
        }
    }
}
