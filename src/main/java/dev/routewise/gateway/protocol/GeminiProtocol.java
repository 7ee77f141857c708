package dev.routewise.gateway.protocol;

import dev.routewise.discovery.SourceEndpoint;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Gemini API's {@code models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}, translated
 * to and from OpenAI's chat completions so Gemini models answer OpenAI clients.
 * <p>
 * What does not map one to one:
 * <ul>
 *   <li>system and developer messages become {@code systemInstruction}; assistant is Gemini's {@code model}
 *       role; consecutive messages of one role are merged, so the answers to parallel tool calls come in one
 *       turn as Gemini requires;</li>
 *   <li>a tool message names only its tool call id, Gemini's {@code functionResponse} wants the function's name:
 *       it is looked up in the nearest earlier assistant message with that call. Its content goes as the
 *       response object when it is a JSON object, else under {@code "output"};</li>
 *   <li>Gemini 3 wants the {@code thoughtSignature} it gave with a function call back with it; OpenAI's
 *       messages cannot carry it, so replayed calls carry Google's documented stand-in
 *       ({@value #SKIP_SIGNATURE}) instead;</li>
 *   <li>function parameters and {@code json_schema} formats go as JSON Schema ({@code parametersJsonSchema},
 *       {@code responseJsonSchema}), which Gemini takes as written, unlike its OpenAPI subset;</li>
 *   <li>Gemini gives a function call no id (or one of its own): calls are named {@code call_<responseId>_<n>};</li>
 *   <li>a prompt Gemini blocks (no candidate, {@code promptFeedback.blockReason}) fails with
 *       {@link FailureClass#CONTENT_POLICY}; {@code user} has no counterpart and is not sent.</li>
 * </ul>
 */
public final class GeminiProtocol implements ChatProtocol {

    /** Google's value for a function call whose real thought signature was not kept. */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private final JsonMapper json;
    private final Clock clock;

    public GeminiProtocol(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    // --- request ---

    @Override
    public UpstreamRequest request(SourceEndpoint endpoint, String upstreamModel, ObjectNode request,
                                   boolean stream) {
        ObjectNode body = json.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        List<ObjectNode> system = new ArrayList<>();
        List<JsonNode> messages = new ArrayList<>();
        request.path("messages").forEach(messages::add);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> {
                    String text = OpenAiShapes.text(message.get("content"));
                    if (!text.isBlank()) {
                        system.add(json.createObjectNode().put("text", text));
                    }
                }
                case "user" -> append(contents, "user", parts(message.get("content")));
                case "assistant" -> append(contents, "model", assistantParts(message));
                case "tool" -> append(contents, "user", List.of(functionResponse(message, messages, i)));
                default -> throw OpenAiShapes.unsupported("messages with role \"" + role + "\"");
            }
        }
        if (!system.isEmpty()) {
            ArrayNode parts = body.putObject("systemInstruction").putArray("parts");
            system.forEach(parts::add);
        }

        List<JsonNode> functions = OpenAiShapes.functions(request);
        if (!functions.isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (JsonNode f : functions) {
                ObjectNode d = declarations.addObject();
                d.put("name", f.path("name").asString());
                if (f.hasNonNull("description")) {
                    d.put("description", f.get("description").asString());
                }
                if (f.get("parameters") instanceof ObjectNode p) {
                    d.set("parametersJsonSchema", p);
                }
            }
            OpenAiShapes.ToolChoice choice = OpenAiShapes.toolChoice(request);
            if (choice != null) {
                ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
                switch (choice.mode()) {
                    case AUTO -> config.put("mode", "AUTO");
                    case NONE -> config.put("mode", "NONE");
                    case REQUIRED -> config.put("mode", "ANY");
                    case NAMED -> config.put("mode", "ANY").putArray("allowedFunctionNames").add(choice.name());
                }
            }
        }

        ObjectNode generation = generationConfig(request);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }

        String model = upstreamModel.contains("/") ? upstreamModel : "models/" + upstreamModel;
        String method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
        Map<String, String> headers = new LinkedHashMap<>(endpoint.extraHeaders());
        headers.put("Content-Type", "application/json");
        if (endpoint.hasApiKey()) {
            headers.put("x-goog-api-key", endpoint.apiKey().trim());
        }
        if (stream) {
            headers.put("Accept", "text/event-stream");
        }
        return new UpstreamRequest(URI.create(endpoint.baseUrl() + "/" + model + method), headers,
                json.writeValueAsBytes(body));
    }

    private ObjectNode generationConfig(JsonNode request) {
        ObjectNode g = json.createObjectNode();
        copyNumber(request, "temperature", g, "temperature");
        copyNumber(request, "top_p", g, "topP");
        copyNumber(request, "presence_penalty", g, "presencePenalty");
        copyNumber(request, "frequency_penalty", g, "frequencyPenalty");
        if (request.path("seed").isIntegralNumber()) {
            g.put("seed", request.get("seed").asLong());
        }
        Integer maxTokens = OpenAiShapes.maxTokens(request);
        if (maxTokens != null) {
            g.put("maxOutputTokens", maxTokens);
        }
        List<String> stops = OpenAiShapes.stops(request.get("stop"));
        if (!stops.isEmpty()) {
            ArrayNode s = g.putArray("stopSequences");
            stops.forEach(s::add);
        }
        if (request.path("n").asInt(1) > 1) {
            g.put("candidateCount", request.get("n").asInt());
        }
        JsonNode format = request.path("response_format");
        switch (format.path("type").asString("text")) {
            case "json_object" -> g.put("responseMimeType", "application/json");
            case "json_schema" -> {
                g.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    g.set("responseJsonSchema", schema);
                }
            }
            default -> {
                // text: Gemini's default
            }
        }
        return g;
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && v.isNumber()) {
            to.put(as, v.asDouble());
        }
    }

    /** Adds a turn, merged into the previous one when it has the same role. */
    private void append(ArrayNode contents, String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return; // Gemini refuses a turn without parts
        }
        ArrayNode target;
        if (!contents.isEmpty() && contents.get(contents.size() - 1).path("role").asString().equals(role)) {
            target = (ArrayNode) contents.get(contents.size() - 1).get("parts");
        } else {
            ObjectNode content = contents.addObject();
            content.put("role", role);
            target = content.putArray("parts");
        }
        parts.forEach(target::add);
    }

    /** A user message's content as Gemini parts; empty texts are left out (Gemini refuses them). */
    private List<ObjectNode> parts(JsonNode content) {
        List<ObjectNode> parts = new ArrayList<>();
        for (JsonNode part : OpenAiShapes.parts(json, content)) {
            String type = part.path("type").asString("text");
            switch (type) {
                case "text", "refusal" -> {
                    String text = part.path(type).asString("");
                    if (!text.isEmpty()) {
                        parts.add(json.createObjectNode().put("text", text));
                    }
                }
                case "image_url" -> parts.add(media(OpenAiShapes.imageUrl(part)));
                case "input_audio" -> {
                    JsonNode audio = part.path("input_audio");
                    String format = audio.path("format").asString("wav").toLowerCase(Locale.ROOT);
                    parts.add(inline("audio/" + format, audio.path("data").asString("")));
                }
                case "file" -> {
                    OpenAiShapes.DataUrl data = OpenAiShapes.dataUrl(part.path("file").path("file_data")
                            .asString(null));
                    if (data == null) {
                        throw OpenAiShapes.unsupported("files other than inline data (file_data as a data: URL)");
                    }
                    parts.add(inline(data.mediaType(), data.data()));
                }
                default -> throw OpenAiShapes.unsupported("content parts of type \"" + type + "\"");
            }
        }
        return parts;
    }

    /** A data URL inline, anything else as a file Gemini fetches, its type guessed from the name when it can. */
    private ObjectNode media(String url) {
        OpenAiShapes.DataUrl data = OpenAiShapes.dataUrl(url);
        if (data != null) {
            return inline(data.mediaType(), data.data());
        }
        ObjectNode part = json.createObjectNode();
        ObjectNode file = part.putObject("fileData");
        String mimeType = mimeTypeOf(url);
        if (mimeType != null) {
            file.put("mimeType", mimeType);
        }
        file.put("fileUri", url);
        return part;
    }

    private ObjectNode inline(String mimeType, String data) {
        ObjectNode part = json.createObjectNode();
        part.putObject("inlineData").put("mimeType", mimeType).put("data", data);
        return part;
    }

    /** The media type a URL's file name tells, or null (Gemini then looks at the file itself). */
    static String mimeTypeOf(String url) {
        String path = url.split("[?#]", 2)[0].toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "heic" -> "image/heic";
            case "heif" -> "image/heif";
            case "pdf" -> "application/pdf";
            default -> null;
        };
    }

    private List<ObjectNode> assistantParts(JsonNode message) {
        List<ObjectNode> parts = new ArrayList<>();
        String text = OpenAiShapes.text(message.get("content"));
        if (!text.isEmpty()) {
            parts.add(json.createObjectNode().put("text", text));
        }
        boolean first = true;
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode part = json.createObjectNode();
            part.putObject("functionCall").put("name", call.path("function").path("name").asString())
                    .set("args", OpenAiShapes.arguments(json, call.path("function").get("arguments")));
            if (first) {
                // Gemini signs only the first call of a turn; the others go without
                part.put("thoughtSignature", SKIP_SIGNATURE);
                first = false;
            }
            parts.add(part);
        }
        return parts;
    }

    /** A tool message as a functionResponse, named after the call it answers. */
    private ObjectNode functionResponse(JsonNode message, List<JsonNode> messages, int at) {
        String callId = message.path("tool_call_id").asString("");
        String name = functionName(callId, messages, at);
        if (name == null) {
            name = message.path("name").asString(null);
        }
        if (name == null || name.isBlank()) {
            throw OpenAiShapes.unsupported("a tool message for tool call \"" + callId
                    + "\", which no earlier assistant message made");
        }
        String text = OpenAiShapes.text(message.get("content"));
        ObjectNode response = null;
        try {
            if (!text.isBlank() && json.readTree(text) instanceof ObjectNode o) {
                response = o;
            }
        } catch (JacksonException e) {
            // plain text: sent as the output below
        }
        if (response == null) {
            response = json.createObjectNode().put("output", text);
        }
        ObjectNode part = json.createObjectNode();
        part.putObject("functionResponse").put("name", name).set("response", response);
        return part;
    }

    /** The function of tool call {@code id} in the nearest assistant message before {@code at}, or null. */
    private static String functionName(String id, List<JsonNode> messages, int at) {
        for (int i = at - 1; i >= 0; i--) {
            for (JsonNode call : messages.get(i).path("tool_calls")) {
                if (call.path("id").asString("").equals(id)) {
                    return call.path("function").path("name").asString(null);
                }
            }
        }
        return null;
    }

    // --- answer ---

    @Override
    public ObjectNode completion(JsonNode answer, String model) {
        if (answer == null || !answer.isObject()) {
            throw new UpstreamStreamException("Gemini answered with something that is not a GenerateContentResponse",
                    FailureClass.TRANSIENT);
        }
        failIfRefused(answer);
        JsonNode candidates = answer.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            throw new UpstreamStreamException("Gemini answered without any candidate", FailureClass.TRANSIENT);
        }
        String responseId = answer.path("responseId").asString(null);
        ObjectNode completion = OpenAiShapes.completion(json,
                responseId == null ? "chatcmpl-" + UUID.randomUUID() : responseId,
                clock.instant().getEpochSecond(), model);
        ArrayNode choices = completion.withArray("choices");
        int calls = 0;
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            StringBuilder text = new StringBuilder();
            ArrayNode toolCalls = json.createArrayNode();
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.path("thought").asBoolean(false)) {
                    continue;
                }
                if (part.has("text")) {
                    text.append(part.path("text").asString(""));
                } else if (part.has("functionCall")) {
                    toolCalls.add(toolCall(part.get("functionCall"), responseId, calls++));
                }
            }
            choices.add(OpenAiShapes.choice(json, candidate.path("index").asInt(i),
                    OpenAiShapes.message(json, text.toString(), toolCalls),
                    finishReasonOf(candidate.path("finishReason").asString(null), !toolCalls.isEmpty())));
        }
        Usage usage = usage(answer);
        if (usage != null) {
            completion.set("usage", OpenAiShapes.usage(json, usage));
        }
        return completion;
    }

    /** Fails when a response (or a streamed piece) is an error or says the prompt was blocked. */
    private static void failIfRefused(JsonNode answer) {
        if (answer.has("error")) {
            String message = ProtocolJson.errorMessage(answer);
            throw new UpstreamStreamException(message, FailureClass.of(answer.path("error").path("code").asInt(500),
                    message));
        }
        String blocked = answer.path("promptFeedback").path("blockReason").asString(null);
        if (blocked != null && answer.path("candidates").isEmpty()) {
            throw new UpstreamStreamException("Gemini blocked the prompt (" + blocked + ")",
                    FailureClass.CONTENT_POLICY);
        }
    }

    private ObjectNode toolCall(JsonNode call, String responseId, int n) {
        String id = call.path("id").asString("");
        if (id.isBlank()) {
            id = "call_" + (responseId == null ? "" : responseId + "_") + n;
        }
        JsonNode args = call.path("args");
        return OpenAiShapes.toolCall(json, id, call.path("name").asString(),
                json.writeValueAsString(args.isObject() ? args : json.createObjectNode()));
    }

    /** Gemini's finish reason in OpenAI's words; null stays null (the candidate goes on). */
    static String finishReasonOf(String reason, boolean calledTools) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop"; // STOP, MALFORMED_FUNCTION_CALL, OTHER, ...
        };
    }

    @Override
    public Usage usage(JsonNode answer) {
        return usageOf(answer.path("usageMetadata"));
    }

    /** Gemini's usage; thoughts are output tokens like OpenAI's reasoning tokens, tool-use prompts are input. */
    private static Usage usageOf(JsonNode u) {
        if (!u.isObject() || !u.has("promptTokenCount")) {
            return null;
        }
        long thoughts = u.path("thoughtsTokenCount").asLong(0);
        return new Usage(u.path("promptTokenCount").asLong(0) + u.path("toolUsePromptTokenCount").asLong(0),
                u.path("candidatesTokenCount").asLong(0) + thoughts, u.path("cachedContentTokenCount").asLong(0),
                0, thoughts);
    }

    @Override
    public String errorMessage(String body) {
        return ProtocolJson.errorMessage(json, body);
    }

    // --- stream ---

    @Override
    public StreamTranslator stream(String model, boolean includeUsage) {
        return new Stream(model, includeUsage);
    }

    /**
     * Each event is a whole GenerateContentResponse holding the next piece of each candidate: one chunk per
     * candidate with something in it. Function calls come whole, so each becomes one complete tool call delta.
     */
    private final class Stream extends ChunkStream {

        private final Map<Integer, Integer> callsByChoice = new HashMap<>();
        private final Set<Integer> finishedChoices = new HashSet<>();
        private String responseId;
        private int calls;

        Stream(String model, boolean includeUsage) {
            super(GeminiProtocol.this.json, model, includeUsage, clock.instant().getEpochSecond());
        }

        @Override
        public void onEvent(String event, String data, List<String> out) {
            JsonNode response;
            try {
                response = json.readTree(data);
            } catch (JacksonException e) {
                throw new UpstreamStreamException("Gemini streamed something that is not JSON",
                        FailureClass.TRANSIENT);
            }
            if (response.isArray()) {
                // without alt=sse Gemini streams a JSON array; an error can come wrapped that way too
                response = response.isEmpty() ? json.createObjectNode() : response.get(0);
            }
            failIfRefused(response);
            if (responseId == null) {
                responseId = response.path("responseId").asString(null);
                id(responseId);
            }
            usage(usageOf(response.path("usageMetadata")));
            JsonNode candidates = response.path("candidates");
            if (!candidates.isArray() || candidates.isEmpty()) {
                return;
            }
            for (int i = 0; i < candidates.size(); i++) {
                candidate(candidates.get(i), i, out);
            }
            if (finishedChoices.containsAll(callsByChoice.keySet())) {
                finish(out);
            }
        }

        private void candidate(JsonNode candidate, int position, List<String> out) {
            int index = candidate.path("index").asInt(position);
            int callsBefore = callsByChoice.getOrDefault(index, 0);
            StringBuilder text = new StringBuilder();
            ArrayNode toolCalls = json.createArrayNode();
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.path("thought").asBoolean(false)) {
                    continue;
                }
                if (part.has("text")) {
                    text.append(part.path("text").asString(""));
                } else if (part.has("functionCall")) {
                    int n = callsBefore + toolCalls.size();
                    ObjectNode call = json.createObjectNode().put("index", n);
                    call.setAll(toolCall(part.get("functionCall"), responseId, calls++));
                    toolCalls.add(call);
                }
            }
            callsByChoice.put(index, callsBefore + toolCalls.size());
            String reason = finishReasonOf(candidate.path("finishReason").asString(null),
                    callsByChoice.get(index) > 0);
            ObjectNode delta = delta();
            if (!text.isEmpty()) {
                delta.put("content", text.toString());
            }
            if (!toolCalls.isEmpty()) {
                delta.set("tool_calls", toolCalls);
            }
            if (!delta.isEmpty() || reason != null) {
                emit(out, index, delta, reason);
            }
            if (reason != null) {
                finishedChoices.add(index);
            }
        }
    }
}
