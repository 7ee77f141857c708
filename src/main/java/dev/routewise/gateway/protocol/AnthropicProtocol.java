package dev.routewise.gateway.protocol;

import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.client.AnthropicClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST {baseUrl}/messages}), translated to and from OpenAI's chat completions so
 * Claude models answer OpenAI clients.
 * <p>
 * What does not map one to one:
 * <ul>
 *   <li>system and developer messages, wherever they stand, become the top-level {@code system};</li>
 *   <li>{@code role: tool} messages become {@code tool_result} blocks of a user message, and consecutive messages
 *       of one role are merged, because Anthropic wants user and assistant turns to alternate;</li>
 *   <li>{@code max_tokens} is required by Anthropic: {@value #DEFAULT_MAX_TOKENS} when the client names none;</li>
 *   <li>{@code temperature} is capped at 1, Anthropic's maximum (OpenAI's goes to 2); {@code top_p} goes only
 *       without a temperature, since Claude 4.5 and later refuse both at once; stop sequences of whitespace alone,
 *       which Anthropic refuses, are left out;</li>
 *   <li>{@code response_format} (json_object, json_schema) has no Anthropic counterpart: it becomes an instruction
 *       appended to {@code system} asking for one JSON object (conforming to the schema, which is quoted);</li>
 *   <li>{@code n}, {@code logprobs}, penalties and {@code seed} have no counterpart and are not sent; thinking
 *       blocks in an answer are left out, since OpenAI's message has no place for them.</li>
 * </ul>
 */
public final class AnthropicProtocol implements ChatProtocol {

    static final int DEFAULT_MAX_TOKENS = 4096;

    private final JsonMapper json;
    private final Clock clock;

    public AnthropicProtocol(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    // --- request ---

    @Override
    public UpstreamRequest request(SourceEndpoint endpoint, String upstreamModel, ObjectNode request,
                                   boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", upstreamModel);
        Integer maxTokens = OpenAiShapes.maxTokens(request);
        body.put("max_tokens", maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens);

        List<ObjectNode> system = new ArrayList<>();
        ArrayNode messages = json.createArrayNode();
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> system.addAll(blocks(message.get("content"), role));
                case "user" -> append(messages, "user", blocks(message.get("content"), null));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool" -> append(messages, "user", List.of(toolResult(message)));
                default -> throw OpenAiShapes.unsupported("messages with role \"" + role + "\"");
            }
        }
        String jsonInstruction = jsonInstruction(request.get("response_format"));
        if (jsonInstruction != null) {
            system.add(textBlock(jsonInstruction));
        }
        if (!system.isEmpty()) {
            body.set("system", system(system));
        }
        body.set("messages", messages);

        List<JsonNode> functions = OpenAiShapes.functions(request);
        if (!functions.isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (JsonNode f : functions) {
                ObjectNode tool = tools.addObject();
                tool.put("name", f.path("name").asString());
                if (f.hasNonNull("description")) {
                    tool.put("description", f.get("description").asString());
                }
                JsonNode parameters = f.get("parameters");
                if (parameters instanceof ObjectNode p) {
                    tool.set("input_schema", p);
                } else {
                    tool.putObject("input_schema").put("type", "object").putObject("properties");
                }
            }
            ObjectNode choice = toolChoice(OpenAiShapes.toolChoice(request),
                    request.path("parallel_tool_calls").asBoolean(true));
            if (choice != null) {
                body.set("tool_choice", choice);
            }
        }

        JsonNode temperature = request.get("temperature");
        if (temperature != null && temperature.isNumber()) {
            body.put("temperature", Math.min(1.0, temperature.asDouble()));
        }
        JsonNode topP = request.get("top_p");
        if (topP != null && topP.isNumber() && !body.has("temperature")) {
            body.put("top_p", topP.asDouble());
        }
        // Anthropic refuses stop sequences of whitespace alone
        List<String> stops = OpenAiShapes.stops(request.get("stop")).stream().filter(x -> !x.isBlank()).toList();
        if (!stops.isEmpty()) {
            ArrayNode s = body.putArray("stop_sequences");
            stops.forEach(s::add);
        }
        String user = request.path("user").asString("");
        if (!user.isBlank()) {
            body.putObject("metadata").put("user_id", user);
        }
        if (stream) {
            body.put("stream", true);
        }

        Map<String, String> headers = new LinkedHashMap<>(endpoint.extraHeaders());
        headers.put("Content-Type", "application/json");
        if (endpoint.hasApiKey()) {
            headers.put("x-api-key", endpoint.apiKey().trim());
        }
        headers.put("anthropic-version", AnthropicClient.API_VERSION);
        if (stream) {
            headers.put("Accept", "text/event-stream");
        }
        return new UpstreamRequest(URI.create(endpoint.baseUrl() + "/messages"), headers,
                json.writeValueAsBytes(body));
    }

    /** One system text as a plain string; blocks when one carries {@code cache_control}, which a string cannot. */
    private JsonNode system(List<ObjectNode> blocks) {
        if (blocks.stream().anyMatch(b -> b.has("cache_control"))) {
            ArrayNode array = json.createArrayNode();
            blocks.forEach(array::add);
            return array;
        }
        return json.getNodeFactory().stringNode(String.join("\n\n",
                blocks.stream().map(b -> b.path("text").asString()).toList()));
    }

    /**
     * Adds a turn, merged into the previous one when it has the same role. In a user turn the tool results go
     * first, as Anthropic requires, then the other blocks, each in their order.
     */
    private void append(ArrayNode messages, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return; // Anthropic refuses empty turns; an empty message says nothing anyway
        }
        ArrayNode content;
        if (!messages.isEmpty() && messages.get(messages.size() - 1).path("role").asString().equals(role)) {
            content = (ArrayNode) messages.get(messages.size() - 1).get("content");
        } else {
            ObjectNode message = messages.addObject();
            message.put("role", role);
            content = message.putArray("content");
        }
        List<JsonNode> results = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        content.forEach(b -> (isToolResult(b) ? results : others).add(b));
        blocks.forEach(b -> (isToolResult(b) ? results : others).add(b));
        content.removeAll();
        results.forEach(content::add);
        others.forEach(content::add);
    }

    private static boolean isToolResult(JsonNode block) {
        return block.path("type").asString().equals("tool_result");
    }

    /**
     * A message's content as Anthropic blocks; empty texts are left out (Anthropic refuses them).
     *
     * @param textOnlyRole the role of a message that may hold text only, or null when images and files may come
     */
    private List<ObjectNode> blocks(JsonNode content, String textOnlyRole) {
        List<ObjectNode> blocks = new ArrayList<>();
        for (JsonNode part : OpenAiShapes.parts(json, content)) {
            String type = part.path("type").asString("text");
            switch (type) {
                case "text", "refusal" -> {
                    String text = part.path(type).asString("");
                    if (!text.isBlank()) {
                        ObjectNode block = textBlock(text);
                        if (part.has("cache_control")) {
                            block.set("cache_control", part.get("cache_control"));
                        }
                        blocks.add(block);
                    }
                }
                case "image_url" -> {
                    if (textOnlyRole != null) {
                        throw OpenAiShapes.unsupported("images in " + textOnlyRole + " messages");
                    }
                    blocks.add(image(OpenAiShapes.imageUrl(part)));
                }
                case "file" -> {
                    if (textOnlyRole != null) {
                        throw OpenAiShapes.unsupported("files in " + textOnlyRole + " messages");
                    }
                    blocks.add(document(part.path("file")));
                }
                default -> throw OpenAiShapes.unsupported("content parts of type \"" + type + "\"");
            }
        }
        return blocks;
    }

    private ObjectNode textBlock(String text) {
        return json.createObjectNode().put("type", "text").put("text", text);
    }

    /** A data URL as a base64 source, anything else as a URL Anthropic fetches itself. */
    private ObjectNode image(String url) {
        ObjectNode block = json.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        OpenAiShapes.DataUrl data = OpenAiShapes.dataUrl(url);
        if (data != null) {
            source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    /** An OpenAI file part with inline PDF data as a document block (the only file Anthropic takes inline). */
    private ObjectNode document(JsonNode file) {
        OpenAiShapes.DataUrl data = OpenAiShapes.dataUrl(file.path("file_data").asString(null));
        if (data == null || !data.mediaType().equals("application/pdf")) {
            throw OpenAiShapes.unsupported("files other than inline PDF data (file_data as a data: URL)");
        }
        ObjectNode block = json.createObjectNode().put("type", "document");
        block.putObject("source").put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        return block;
    }

    private List<ObjectNode> assistantBlocks(JsonNode message) {
        List<ObjectNode> blocks = blocks(message.get("content"), "assistant");
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode use = json.createObjectNode();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asString());
            use.put("name", call.path("function").path("name").asString());
            use.set("input", OpenAiShapes.arguments(json, call.path("function").get("arguments")));
            blocks.add(use);
        }
        return blocks;
    }

    private ObjectNode toolResult(JsonNode message) {
        ObjectNode result = json.createObjectNode();
        result.put("type", "tool_result");
        result.put("tool_use_id", message.path("tool_call_id").asString(""));
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) {
            List<ObjectNode> blocks = blocks(content, "tool");
            if (!blocks.isEmpty()) {
                ArrayNode array = result.putArray("content");
                blocks.forEach(array::add);
            }
        } else {
            String text = OpenAiShapes.text(content);
            if (!text.isEmpty()) {
                result.put("content", text);
            }
        }
        return result;
    }

    /** OpenAI's tool_choice in Anthropic's words; null when Anthropic's default (auto, parallel) fits. */
    private ObjectNode toolChoice(OpenAiShapes.ToolChoice choice, boolean parallel) {
        if (choice == null && parallel) {
            return null;
        }
        ObjectNode c = json.createObjectNode();
        OpenAiShapes.ToolMode mode = choice == null ? OpenAiShapes.ToolMode.AUTO : choice.mode();
        switch (mode) {
            case AUTO -> c.put("type", "auto");
            case NONE -> c.put("type", "none");
            case REQUIRED -> c.put("type", "any");
            case NAMED -> c.put("type", "tool").put("name", choice.name());
        }
        if (!parallel && mode != OpenAiShapes.ToolMode.NONE) {
            c.put("disable_parallel_tool_use", true);
        }
        return c;
    }

    /** The instruction that stands in for {@code response_format}, or null when the client wants plain text. */
    private String jsonInstruction(JsonNode format) {
        String type = format == null ? "text" : format.path("type").asString("text");
        return switch (type) {
            case "json_object" -> "Answer with one valid JSON object and nothing else: no prose, no Markdown fence.";
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                yield "Answer with one valid JSON object and nothing else: no prose, no Markdown fence. "
                        + "It must conform to this JSON Schema:\n"
                        + (schema.isMissingNode() ? "{}" : json.writeValueAsString(schema));
            }
            default -> null;
        };
    }

    // --- answer ---

    @Override
    public ObjectNode completion(JsonNode answer, String model) {
        if (answer == null || !answer.path("content").isArray()) {
            throw new UpstreamStreamException("Anthropic answered with something that is not a message",
                    FailureClass.TRANSIENT);
        }
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = json.createArrayNode();
        for (JsonNode block : answer.get("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "tool_use" -> toolCalls.add(OpenAiShapes.toolCall(json, block.path("id").asString(),
                        block.path("name").asString(), json.writeValueAsString(block.path("input").isObject()
                                ? block.get("input") : json.createObjectNode())));
                default -> {
                    // thinking, redacted_thinking and server tool blocks have no place in OpenAI's message
                }
            }
        }
        ObjectNode completion = OpenAiShapes.completion(json, answer.path("id").asString(""),
                clock.instant().getEpochSecond(), model);
        completion.withArray("choices").add(OpenAiShapes.choice(json, 0,
                OpenAiShapes.message(json, text.toString(), toolCalls),
                finishReasonOf(answer.path("stop_reason").asString(null))));
        Usage usage = usage(answer);
        if (usage != null) {
            completion.set("usage", OpenAiShapes.usage(json, usage));
        }
        return completion;
    }

    /** Anthropic's stop reason in OpenAI's words; null stays null (the answer has not ended). */
    static String finishReasonOf(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    @Override
    public Usage usage(JsonNode answer) {
        return usageOf(answer.path("usage"), null);
    }

    /**
     * Anthropic's usage, whose {@code input_tokens} leaves out the cached prompt: OpenAI's prompt tokens are the
     * sum. Fields missing from {@code u} are taken from {@code before} (a stream reports them in pieces).
     */
    private static Usage usageOf(JsonNode u, Usage before) {
        if (!u.isObject() || !(u.has("input_tokens") || u.has("output_tokens"))) {
            return before;
        }
        long cacheRead = field(u, "cache_read_input_tokens", before == null ? 0 : before.cachedInputTokens());
        long cacheWrite = field(u, "cache_creation_input_tokens", before == null ? 0 : before.cacheWriteTokens());
        long input = u.has("input_tokens") ? u.path("input_tokens").asLong(0) + cacheRead + cacheWrite
                : before == null ? 0 : before.inputTokens();
        long output = field(u, "output_tokens", before == null ? 0 : before.outputTokens());
        return new Usage(input, output, cacheRead, cacheWrite, 0);
    }

    private static long field(JsonNode u, String name, long otherwise) {
        JsonNode v = u.get(name);
        return v != null && v.isNumber() ? v.asLong() : otherwise;
    }

    @Override
    public String errorMessage(String body) {
        return ProtocolJson.errorMessage(json, body);
    }

    /** The HTTP status Anthropic gives each error type, so an error event classifies like an error answer. */
    static int status(String errorType) {
        return switch (errorType == null ? "" : errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500; // api_error and types yet unknown
        };
    }

    // --- stream ---

    @Override
    public StreamTranslator stream(String model, boolean includeUsage) {
        return new Stream(model, includeUsage);
    }

    /**
     * Anthropic's events (message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error)
     * as OpenAI chunks. Content blocks are numbered across text and tool use; OpenAI numbers tool calls alone, so
     * each tool_use block gets the next tool call index.
     */
    private final class Stream extends ChunkStream {

        private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();

        Stream(String model, boolean includeUsage) {
            super(AnthropicProtocol.this.json, model, includeUsage, clock.instant().getEpochSecond());
        }

        @Override
        public void onEvent(String event, String data, List<String> out) {
            JsonNode e;
            try {
                e = json.readTree(data);
            } catch (JacksonException ex) {
                throw new UpstreamStreamException("Anthropic streamed something that is not JSON",
                        FailureClass.TRANSIENT);
            }
            String type = e.path("type").asString(event == null ? "" : event);
            switch (type) {
                case "message_start" -> {
                    JsonNode message = e.path("message");
                    id(message.path("id").asString(null));
                    usage(usageOf(message.path("usage"), usage()));
                    emit(out, 0, delta(), null);
                }
                case "content_block_start" -> blockStart(e.path("index").asInt(), e.path("content_block"), out);
                case "content_block_delta" -> blockDelta(e.path("index").asInt(), e.path("delta"), out);
                case "message_delta" -> {
                    usage(usageOf(e.path("usage"), usage()));
                    String reason = finishReasonOf(e.path("delta").path("stop_reason").asString(null));
                    if (reason != null) {
                        emit(out, 0, delta(), reason);
                    }
                }
                case "message_stop" -> finish(out);
                case "error" -> {
                    String message = ProtocolJson.errorMessage(e);
                    throw new UpstreamStreamException(message,
                            FailureClass.of(status(e.path("error").path("type").asString(null)), message));
                }
                default -> {
                    // ping, content_block_stop, and event types Anthropic may add later
                }
            }
        }

        private void blockStart(int block, JsonNode content, List<String> out) {
            switch (content.path("type").asString("")) {
                case "text" -> {
                    String text = content.path("text").asString("");
                    if (!text.isEmpty()) {
                        emit(out, 0, delta().put("content", text), null);
                    }
                }
                case "tool_use" -> {
                    int index = toolIndexByBlock.size();
                    toolIndexByBlock.put(block, index);
                    ObjectNode call = OpenAiShapes.toolCall(json, content.path("id").asString(),
                            content.path("name").asString(), "");
                    ObjectNode delta = delta();
                    delta.putArray("tool_calls").addObject().put("index", index).setAll(call);
                    emit(out, 0, delta, null);
                }
                default -> {
                    // thinking blocks are not passed on
                }
            }
        }

        private void blockDelta(int block, JsonNode delta, List<String> out) {
            switch (delta.path("type").asString("")) {
                case "text_delta" -> {
                    String text = delta.path("text").asString("");
                    if (!text.isEmpty()) {
                        emit(out, 0, delta().put("content", text), null);
                    }
                }
                case "input_json_delta" -> {
                    String partial = delta.path("partial_json").asString("");
                    Integer index = toolIndexByBlock.get(block);
                    if (index != null && !partial.isEmpty()) {
                        ObjectNode d = delta();
                        d.putArray("tool_calls").addObject().put("index", index)
                                .putObject("function").put("arguments", partial);
                        emit(out, 0, d, null);
                    }
                }
                default -> {
                    // thinking_delta, signature_delta, citations_delta
                }
            }
        }
    }
}
