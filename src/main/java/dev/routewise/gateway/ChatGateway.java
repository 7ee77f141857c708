package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.ClassifyInputs;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceService;
import dev.routewise.discovery.SourceType;
import dev.routewise.routing.RoutingService;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Executes a non-streaming OpenAI chat completion: routes it (the {@code model} is {@code auto},
 * {@code router/<profile>} or a catalog model), then calls the chosen model and, when a provider fails with a
 * connection error, a timeout, 402, 408, 429 or 5xx, the next model of the fallback chain.
 * <p>
 * This first part speaks the OpenAI-compatible protocol only (OpenAI, Groq, OpenRouter, Vercel, Ollama's /v1, any
 * compatible server); models of Anthropic and Gemini sources are skipped with that reason until their adapters
 * come. A model that keeps failing rests for a while ({@link Cooldowns}). No retries within a model yet, no
 * streaming.
 */
@Service
public class ChatGateway {

    /** What the gateway answers: the upstream status and body, and the route it took. */
    public record Result(int status, JsonNode body, String decisionId, String model, int fallbacks,
                         List<String> attempts) {
    }

    static final Set<SourceType> OPENAI_PROTOCOL = EnumSet.of(SourceType.OPENAI, SourceType.GROQ,
            SourceType.OPENROUTER, SourceType.VERCEL, SourceType.OLLAMA, SourceType.OPENAI_COMPATIBLE);

    private final RoutingService routing;
    private final ClassifierService classifier;
    private final CatalogService catalog;
    private final SourceService sources;
    private final Cooldowns cooldowns;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ChatGateway(RoutingService routing, ClassifierService classifier, CatalogService catalog, SourceService sources,
                Cooldowns cooldowns) {
        this.cooldowns = cooldowns;
        this.routing = routing;
        this.classifier = classifier;
        this.catalog = catalog;
        this.sources = sources;
    }

    @PermitAll
    public Result complete(ObjectNode body, String caller) throws InterruptedException {
        String model = body.path("model").asString("");
        if (model.isBlank()) {
            throw new InvalidInputException("model", "Name a model: auto, router/<profile> or a model id from "
                    + "GET /v1/models");
        }
        if (body.path("stream").asBoolean(false)) {
            throw new InvalidInputException("stream", "Streaming is not available on this server yet; send "
                    + "\"stream\": false");
        }
        List<JsonNode> messages = new ArrayList<>();
        body.path("messages").forEach(messages::add);
        if (messages.isEmpty()) {
            throw new InvalidInputException("messages", "Send at least one message");
        }
        String profile = null;
        RouteConstraints constraints = RouteConstraints.NONE;
        if (model.startsWith("router/")) {
            profile = model.substring("router/".length());
        } else if (!model.equals("auto")) {
            if (catalog.byId(model).isEmpty()) {
                throw new ModelNotFoundException(model);
            }
            constraints = constraints.withAllowedModels(List.of(model));
        }
        String format = body.path("response_format").path("type").asString("");
        RoutingService.Routed routed = routing.route(new RoutingService.Command(
                ClassifyInputs.from(null, messages, null, null, classifier.maxPromptChars()), profile, constraints,
                body.path("tools").isArray() && !body.path("tools").isEmpty(),
                format.equals("json_object") || format.equals("json_schema"), caller));
        RouteDecision d = routed.decision();
        if (!d.routed()) {
            return new Result(422, json.valueToTree(java.util.Map.of("error", java.util.Map.of("message",
                    "No model fits this request: " + String.join("; ", d.reasons()), "type",
                    "invalid_request_error", "code", "no_eligible_model"))), routed.decisionId(), null, 0, List.of());
        }
        List<String> chain = new ArrayList<>();
        chain.add(d.chosen().id());
        chain.addAll(d.fallbackChain());
        List<String> attempts = new ArrayList<>();
        Result last = null;
        for (int i = 0; i < chain.size(); i++) {
            String id = chain.get(i);
            CatalogModel m = catalog.byId(id).orElse(null);
            if (m == null) {
                attempts.add(id + ": no longer in the catalog");
                continue;
            }
            java.time.Instant cooling = cooldowns.coolingUntil(id);
            if (cooling != null) {
                attempts.add(id + ": cooling down after failures until " + cooling);
                continue;
            }
            SourceEndpoint endpoint = sources.endpoint(m.sourceId());
            if (!OPENAI_PROTOCOL.contains(endpoint.type())) {
                attempts.add(id + ": the " + endpoint.type().label() + " protocol is not available yet");
                continue;
            }
            ObjectNode upstream = body.deepCopy();
            upstream.put("model", m.modelId());
            try {
                HttpResponse<String> r = http.send(request(endpoint, upstream), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = parse(r.body());
                last = new Result(r.statusCode(), answer, routed.decisionId(), id, i, attempts);
                if (r.statusCode() / 100 == 2) {
                    cooldowns.succeeded(id);
                    if (answer.isObject()) {
                        ((ObjectNode) answer).put("model", id);
                    }
                    attempts.add(id + ": " + r.statusCode());
                    return new Result(r.statusCode(), answer, routed.decisionId(), id, i, List.copyOf(attempts));
                }
                attempts.add(id + ": " + r.statusCode());
                if (retryable(r.statusCode())) {
                    cooldowns.failed(id, r.statusCode());
                }
                if (!retryable(r.statusCode())) {
                    return new Result(r.statusCode(), answer, routed.decisionId(), id, i, List.copyOf(attempts));
                }
            } catch (IOException e) {
                cooldowns.failed(id, 0);
                attempts.add(id + ": " + e.getClass().getSimpleName());
            }
        }
        if (last != null && !retryable(last.status())) {
            return last;
        }
        return new Result(502, json.valueToTree(java.util.Map.of("error", java.util.Map.of("message",
                "Every model of the chain failed: " + String.join("; ", attempts), "type", "server_error",
                "code", "upstream_failed"))), routed.decisionId(), null, chain.size() - 1, List.copyOf(attempts));
    }

    /** Worth another model: the provider (or the account with it, 402), not the request, is at fault. */
    static boolean retryable(int status) {
        return status == 402 || status == 408 || status == 429 || status >= 500;
    }

    private HttpRequest request(SourceEndpoint endpoint, ObjectNode body) {
        String base = endpoint.type() == SourceType.OLLAMA ? endpoint.baseUrl() + "/v1" : endpoint.baseUrl();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (endpoint.apiKey() != null) {
            b.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        endpoint.extraHeaders().forEach(b::header);
        return b.build();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return json.valueToTree(java.util.Map.of("error", java.util.Map.of("message",
                    "The provider answered something that is not JSON", "type", "server_error")));
        }
    }

    /** A concrete model the catalog does not have. */
    static final class ModelNotFoundException extends RuntimeException {
        ModelNotFoundException(String model) {
            super("The model '" + model + "' does not exist in the catalog: see GET /v1/models");
        }
    }
}
