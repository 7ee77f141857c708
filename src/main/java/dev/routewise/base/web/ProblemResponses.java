package dev.routewise.base.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes RFC 9457 problem details from places outside Spring MVC (security filters), in the
 * same shape {@link RestExceptionHandler} produces inside it.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The error body OpenAI's API answers with, which OpenAI clients parse on {@code /v1/**}. */
    public static Map<String, Object> openAiError(String message, String type, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return body;
    }

    public static void writeOpenAiError(HttpServletResponse response, JsonMapper json, HttpStatus status,
                                        String message, String type, String code) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), openAiError(message, type, code));
    }

    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail,
                             String instance) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
