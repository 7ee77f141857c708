package dev.routewise.gateway.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of OpenAI's chat completions that every translating protocol reads (request fields in their several
 * spellings) and writes (completions and usage), kept in one place so Anthropic and Gemini read a request the
 * same way.
 */
final class OpenAiShapes {

    private OpenAiShapes() {
    }

    // --- reading requests ---

    /** The requested answer length: {@code max_completion_tokens}, else the older {@code max_tokens}, else null. */
    static Integer maxTokens(JsonNode request) {
        for (String field : List.of("max_completion_tokens", "max_tokens")) {
            JsonNode v = request.get(field);
            if (v != null && v.isNumber() && v.asInt() > 0) {
                return v.asInt();
            }
        }
        return null;
    }

    /** {@code stop} as a string or an array of strings; empty ones dropped (they would stop nothing). */
    static List<String> stops(JsonNode stop) {
        List<String> stops = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return stops;
        }
        if (stop.isString()) {
            if (!stop.asString().isEmpty()) {
                stops.add(stop.asString());
            }
            return stops;
        }
        for (JsonNode s : stop) {
            if (s.isString() && !s.asString().isEmpty()) {
                stops.add(s.asString());
            }
        }
        return stops;
    }

    /** The text of a message's content, a string or an array of parts whose text parts are joined by newlines. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.isString()) {
                texts.add(part.asString());
            } else if (part.has("text")) {
                texts.add(part.path("text").asString(""));
            }
        }
        return String.join("\n", texts);
    }

    /** The parts of a message's content; a string becomes one text part. Never null. */
    static List<JsonNode> parts(JsonMapper json, JsonNode content) {
        List<JsonNode> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            return parts;
        }
        if (content.isString()) {
            parts.add(json.createObjectNode().put("type", "text").put("text", content.asString()));
            return parts;
        }
        if (!content.isArray()) {
            throw unsupported("message content that is neither a string nor an array of parts");
        }
        content.forEach(parts::add);
        return parts;
    }

    /** A {@code data:<media type>;base64,<data>} URL taken apart. */
    record DataUrl(String mediaType, String data) {
    }

    /** The parts of a base64 data URL, or null when {@code url} is not one. */
    static DataUrl dataUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String meta = url.substring(5, comma);
        if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return null;
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length()).trim();
        return new DataUrl(mediaType.isEmpty() ? "application/octet-stream" : mediaType.toLowerCase(Locale.ROOT),
                url.substring(comma + 1));
    }

    /** The URL of an {@code image_url} part ({@code {"image_url": {"url"}}} or the older {@code {"image_url": "..."}}). */
    static String imageUrl(JsonNode part) {
        JsonNode imageUrl = part.path("image_url");
        String url = imageUrl.isString() ? imageUrl.asString() : imageUrl.path("url").asString(null);
        if (url == null || url.isBlank()) {
            throw unsupported("an image_url part without a url");
        }
        return url;
    }

    /**
     * A tool call's {@code function.arguments} text as the JSON object the other providers want. Blank is no
     * arguments; anything that is not a JSON object (a model may have produced broken JSON) is kept under
     * {@code "arguments"} so nothing the model said is lost from the conversation.
     */
    static ObjectNode arguments(JsonMapper json, JsonNode arguments) {
        if (arguments instanceof ObjectNode o) {
            return o;
        }
        String text = arguments == null || arguments.isNull() ? "" : arguments.asString("");
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            if (json.readTree(text) instanceof ObjectNode o) {
                return o;
            }
        } catch (JacksonException e) {
            // kept as text below
        }
        return json.createObjectNode().put("arguments", text);
    }

    /** The function tools of a request ({@code tools[].function}); other tool types cannot be translated. */
    static List<JsonNode> functions(JsonNode request) {
        List<JsonNode> functions = new ArrayList<>();
        for (JsonNode tool : request.path("tools")) {
            String type = tool.path("type").asString("function");
            if (!type.equals("function") || !tool.path("function").isObject()) {
                throw unsupported("tools of type \"" + type + "\" (only function tools translate)");
            }
            functions.add(tool.get("function"));
        }
        return functions;
    }

    /** What {@code tool_choice} asks for. */
    enum ToolMode { AUTO, NONE, REQUIRED, NAMED }

    /** {@code tool_choice} read; {@code name} only for {@link ToolMode#NAMED}. */
    record ToolChoice(ToolMode mode, String name) {
    }

    /** The request's {@code tool_choice}, or null when it names none. */
    static ToolChoice toolChoice(JsonNode request) {
        JsonNode choice = request.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isString()) {
            return switch (choice.asString()) {
                case "auto" -> new ToolChoice(ToolMode.AUTO, null);
                case "none" -> new ToolChoice(ToolMode.NONE, null);
                case "required" -> new ToolChoice(ToolMode.REQUIRED, null);
                default -> throw unsupported("tool_choice \"" + choice.asString() + "\"");
            };
        }
        String name = choice.path("function").path("name").asString(null);
        if (name == null || name.isBlank()) {
            throw unsupported("a tool_choice object without function.name");
        }
        return new ToolChoice(ToolMode.NAMED, name);
    }

    /** A request the protocol cannot say to its provider: the client's to fix (or the router's to avoid). */
    static UpstreamStreamException unsupported(String what) {
        return new UpstreamStreamException("This provider's protocol cannot take " + what, FailureClass.UNSUPPORTED);
    }

    // --- writing answers ---

    /** A {@code chat.completion} without choices yet. */
    static ObjectNode completion(JsonMapper json, String id, long created, String model) {
        return shell(json, "chat.completion", id, created, model);
    }

    /** A {@code chat.completion.chunk} without choices yet. */
    static ObjectNode chunk(JsonMapper json, String id, long created, String model) {
        return shell(json, "chat.completion.chunk", id, created, model);
    }

    private static ObjectNode shell(JsonMapper json, String object, String id, long created, String model) {
        ObjectNode c = json.createObjectNode();
        c.put("id", id);
        c.put("object", object);
        c.put("created", created);
        c.put("model", model);
        c.putArray("choices");
        return c;
    }

    /** One OpenAI tool call: {@code {id, type: function, function: {name, arguments}}}. */
    static ObjectNode toolCall(JsonMapper json, String id, String name, String arguments) {
        ObjectNode call = json.createObjectNode();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /** An assistant message with its text (null when there is none beside tool calls) and tool calls. */
    static ObjectNode message(JsonMapper json, String text, ArrayNode toolCalls) {
        ObjectNode message = json.createObjectNode();
        message.put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        return message;
    }

    /** A completion choice. */
    static ObjectNode choice(JsonMapper json, int index, ObjectNode message, String finishReason) {
        ObjectNode choice = json.createObjectNode();
        choice.put("index", index);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    /** OpenAI's usage object; {@code cache_write_tokens} as OpenRouter spells it, when there were any. */
    static ObjectNode usage(JsonMapper json, Usage usage) {
        ObjectNode u = json.createObjectNode();
        u.put("prompt_tokens", usage.inputTokens());
        u.put("completion_tokens", usage.outputTokens());
        u.put("total_tokens", usage.totalTokens());
        ObjectNode prompt = u.putObject("prompt_tokens_details");
        prompt.put("cached_tokens", usage.cachedInputTokens());
        if (usage.cacheWriteTokens() > 0) {
            prompt.put("cache_write_tokens", usage.cacheWriteTokens());
        }
        u.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return u;
    }
}
