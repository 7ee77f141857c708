package dev.routewise.gateway.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole chat completion told as OpenAI stream chunks, for a streaming client whose answer came whole (a
 * cascade's cheaper model is asked without streaming, so its answer can be checked before the client sees it).
 */
public final class CompletionChunks {

    private CompletionChunks() {
    }

    /** The chunks' JSON texts: the message as one delta, the finish reason, and the usage when asked for. */
    public static List<String> of(JsonNode completion, boolean includeUsage, JsonMapper json) {
        List<String> chunks = new ArrayList<>(3);
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode first = chunk(completion, json);
        ObjectNode delta = first.putArray("choices").addObject().put("index", 0).putObject("delta");
        delta.put("role", "assistant");
        if (message.has("content")) {
            delta.set("content", message.get("content"));
        }
        if (message.path("tool_calls").isArray()) {
            ArrayNode calls = delta.putArray("tool_calls");
            int i = 0;
            for (JsonNode call : message.get("tool_calls")) {
                ObjectNode c = (ObjectNode) call.deepCopy();
                c.put("index", i++);
                calls.add(c);
            }
        }
        ((ObjectNode) first.get("choices").get(0)).putNull("finish_reason");
        chunks.add(json.writeValueAsString(first));
        ObjectNode last = chunk(completion, json);
        last.putArray("choices").addObject().put("index", 0).putObject("delta");
        ((ObjectNode) last.get("choices").get(0)).put("finish_reason",
                choice.path("finish_reason").asString("stop"));
        chunks.add(json.writeValueAsString(last));
        if (includeUsage && completion.has("usage")) {
            ObjectNode usage = chunk(completion, json);
            usage.putArray("choices");
            usage.set("usage", completion.get("usage"));
            chunks.add(json.writeValueAsString(usage));
        }
        return chunks;
    }

    private static ObjectNode chunk(JsonNode completion, JsonMapper json) {
        ObjectNode c = OpenAiShapes.chunk(json, completion.path("id").asString("chatcmpl-routewise"),
                completion.path("created").asLong(System.currentTimeMillis() / 1000),
                completion.path("model").asString(""));
        return c;
    }

}
