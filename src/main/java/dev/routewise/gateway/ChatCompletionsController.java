package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.web.ProblemResponses;
import dev.routewise.security.ApiKeyPrincipal;
import dev.routewise.routing.RoutingService;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}: OpenAI's request and answer, whole or as Server-Sent Events, with the route
 * taken in response headers.
 */
@RestController
class ChatCompletionsController {

    static final String DECISION_HEADER = "x-routewise-decision-id";
    static final String MODEL_HEADER = "x-routewise-model";
    static final String FALLBACKS_HEADER = "x-routewise-fallbacks";
    static final String BUDGET_HEADER = "x-routewise-budget";

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ChatGateway gateway;
    private final JsonMapper json = JsonMapper.builder().build();

    ChatCompletionsController(ChatGateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping("/v1/chat/completions")
    void complete(@RequestBody(required = false) JsonNode body, Authentication auth, HttpServletRequest http,
                  HttpServletResponse response)
            throws InterruptedException, IOException {
        if (!(body instanceof ObjectNode request)) {
            throw new InvalidInputException("body", "Send an OpenAI chat completion request as a JSON object");
        }
        ChatGateway.Caller caller = new ChatGateway.Caller(auth.getName(),
                auth.getPrincipal() instanceof ApiKeyPrincipal key ? key.keyId() : null, context(http),
                blankToNull(http.getHeader("x-routewise-task")));
        ChatGateway.Result r = ChatGateway.wantsStream(request)
                ? gateway.stream(request, caller, new Sse(response)) : gateway.complete(request, caller);
        if (r == null) {
            return;
        }
        response.setStatus(r.status());
        headers(response, r.decisionId(), r.model(), r.fallbacks(), r.budget());
        if (r.status() == 429) {
            // a budget refusal: OpenAI's SDKs retry a 429 unless told not to, and retrying cannot help
            response.setHeader("x-should-retry", "false");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] bytes = json.writeValueAsBytes(r.body());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * What routing rules may test, from headers an OpenAI client can add without changing its body:
     * {@code x-routewise-user}, {@code -team}, {@code -space}, {@code -labels} (comma-separated),
     * {@code -priority}, {@code -session}, {@code -workflow} and {@code -stage}.
     */
    static RoutingService.RequestContext context(HttpServletRequest http) {
        String priority = blankToNull(http.getHeader("x-routewise-priority"));
        Integer p = null;
        if (priority != null) {
            try {
                p = Integer.valueOf(priority.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("x-routewise-priority", "Send the priority as a whole number");
            }
        }
        String labels = blankToNull(http.getHeader("x-routewise-labels"));
        return new RoutingService.RequestContext(p, labels == null ? List.of() : Arrays.stream(labels.split(","))
                .map(String::strip).filter(l -> !l.isEmpty()).toList(), blankToNull(http.getHeader("x-routewise-user")),
                blankToNull(http.getHeader("x-routewise-team")), blankToNull(http.getHeader("x-routewise-space")),
                blankToNull(http.getHeader("x-routewise-session")), blankToNull(http.getHeader("x-routewise-workflow")),
                blankToNull(http.getHeader("x-routewise-stage")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void headers(HttpServletResponse response, String decisionId, String model, int fallbacks,
                                String budget) {
        response.setHeader(DECISION_HEADER, decisionId);
        response.setHeader(FALLBACKS_HEADER, Integer.toString(fallbacks));
        if (model != null) {
            response.setHeader(MODEL_HEADER, model);
        }
        if (budget != null) {
            response.setHeader(BUDGET_HEADER, budget);
        }
    }

    /** Server-Sent Events straight to the servlet's stream, flushed event by event. */
    private static final class Sse implements ChatGateway.StreamSink {
        private final HttpServletResponse response;
        private ServletOutputStream out;

        Sse(HttpServletResponse response) {
            this.response = response;
        }

        @Override
        public void open(String decisionId, String model, int fallbacks, String budget) throws IOException {
            response.setStatus(200);
            headers(response, decisionId, model, fallbacks, budget);
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            out = response.getOutputStream();
        }

        @Override
        public void send(String data) throws IOException {
            out.write(DATA);
            out.write(data.getBytes(StandardCharsets.UTF_8));
            out.write(END);
            out.flush();
        }

        @Override
        public void finish() throws IOException {
            out.write(DONE);
            out.flush();
        }
    }

    @ExceptionHandler(ChatGateway.ModelNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(ChatGateway.ModelNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemResponses.openAiError(e.getMessage(),
                "invalid_request_error", "model_not_found"));
    }
}
