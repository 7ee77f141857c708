package dev.routewise.gateway.protocol;

import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's chat completions, spoken by OpenAI, Groq, OpenRouter, Vercel AI Gateway, DeepSeek, xAI, Ollama's
 * {@code /v1} and any compatible server: the request goes as the client sent it, with the provider's model name
 * and, when streaming, {@code stream_options.include_usage} so the stream reports its usage.
 */
public final class OpenAiProtocol implements ChatProtocol {

    private final JsonMapper json;

    public OpenAiProtocol(JsonMapper json) {
        this.json = json;
    }

    @Override
    public UpstreamRequest request(SourceEndpoint endpoint, String upstreamModel, ObjectNode request,
                                   boolean stream) {
        ObjectNode body = request.deepCopy();
        body.put("model", upstreamModel);
        if (stream) {
            body.put("stream", true);
            JsonNode options = body.get("stream_options");
            ObjectNode o = options instanceof ObjectNode on ? on : body.putObject("stream_options");
            o.put("include_usage", true);
        } else {
            body.remove("stream");
            body.remove("stream_options");
        }
        String root = endpoint.type() == SourceType.OLLAMA ? endpoint.baseUrl() + "/v1" : endpoint.baseUrl();
        Map<String, String> headers = new LinkedHashMap<>(endpoint.extraHeaders());
        headers.put("Content-Type", "application/json");
        if (endpoint.hasApiKey()) {
            headers.put("Authorization", "Bearer " + endpoint.apiKey().trim());
        }
        if (stream) {
            headers.put("Accept", "text/event-stream");
        }
        return new UpstreamRequest(URI.create(root + "/chat/completions"), headers, json.writeValueAsBytes(body));
    }

    @Override
    public ObjectNode completion(JsonNode answer, String model) {
        if (!(answer instanceof ObjectNode o)) {
            throw new UpstreamStreamException("The provider answered with something that is not a chat completion",
                    FailureClass.TRANSIENT);
        }
        o.put("model", model);
        return o;
    }

    @Override
    public Usage usage(JsonNode answer) {
        return usageOf(answer.get("usage"));
    }

    /** OpenAI's usage object, or null when absent. */
    static Usage usageOf(JsonNode u) {
        if (u == null || !u.isObject() || !u.has("prompt_tokens")) {
            return null;
        }
        return new Usage(u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0),
                u.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                u.path("prompt_tokens_details").path("cache_write_tokens").asLong(0),
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }

    @Override
    public StreamTranslator stream(String model, boolean includeUsage) {
        return new Stream(model, includeUsage);
    }

    @Override
    public String errorMessage(String body) {
        return ProtocolJson.errorMessage(json, body);
    }

    /** Chunks pass through with the catalog's model name; the usage chunk only when the client asked for it. */
    private final class Stream implements StreamTranslator {

        private final String model;
        private final boolean includeUsage;
        private boolean finished;
        private Usage usage;
        private String finishReason;

        Stream(String model, boolean includeUsage) {
            this.model = model;
            this.includeUsage = includeUsage;
        }

        @Override
        public void onEvent(String event, String data, List<String> out) {
            if (data.equals("[DONE]")) {
                finished = true;
                return;
            }
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (JacksonException e) {
                throw new UpstreamStreamException("The provider streamed something that is not JSON",
                        FailureClass.TRANSIENT);
            }
            if (!(chunk instanceof ObjectNode o)) {
                return;
            }
            if (o.has("error")) {
                String message = ProtocolJson.errorMessage(o);
                throw new UpstreamStreamException(message, FailureClass.of(500, message));
            }
            JsonNode choices = o.get("choices");
            boolean hasChoices = choices != null && choices.isArray() && !choices.isEmpty();
            if (hasChoices) {
                String reason = choices.get(0).path("finish_reason").asString(null);
                if (reason != null) {
                    finishReason = reason;
                }
            }
            Usage u = usageOf(o.get("usage"));
            if (u != null) {
                usage = u;
                if (!includeUsage) {
                    if (!hasChoices) {
                        return;
                    }
                    o.remove("usage");
                }
            }
            o.put("model", model);
            out.add(json.writeValueAsString(o));
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public Usage usage() {
            return usage;
        }

        @Override
        public String finishReason() {
            return finishReason;
        }
    }
}
