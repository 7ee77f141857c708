package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** {@code POST /v1/chat/completions}, OpenAI's request and answer, with the route taken in response headers. */
@RestController
class ChatCompletionsController {

    private final ChatGateway gateway;

    ChatCompletionsController(ChatGateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping("/v1/chat/completions")
    ResponseEntity<JsonNode> complete(@RequestBody(required = false) JsonNode body, Authentication caller)
            throws InterruptedException {
        if (!(body instanceof ObjectNode request)) {
            throw new InvalidInputException("body", "Send an OpenAI chat completion request as a JSON object");
        }
        ChatGateway.Result r = gateway.complete(request, caller.getName());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(r.status())
                .header("x-routewise-decision-id", r.decisionId())
                .header("x-routewise-fallbacks", Integer.toString(r.fallbacks()));
        if (r.model() != null) {
            answer.header("x-routewise-model", r.model());
        }
        return answer.body(r.body());
    }

    @ExceptionHandler(ChatGateway.ModelNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(ChatGateway.ModelNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemResponses.openAiError(e.getMessage(),
                "invalid_request_error", "model_not_found"));
    }
}
