package dev.routewise.gateway.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a recorded server-sent-events body to a {@link StreamTranslator} event by event, the way the gateway reads
 * one (events split on blank lines, {@code event:} and {@code data:} lines, data lines joined with newlines), and
 * collects the chunks it writes, parsed.
 */
final class SseTranscript {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private SseTranscript() {
    }

    /** The chunks {@code translator} writes for {@code body}, parsed, in order. */
    static List<JsonNode> play(StreamTranslator translator, String body) {
        List<String> out = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).stripLeading());
                }
            }
            if (!data.isEmpty()) {
                translator.onEvent(event, String.join("\n", data), out);
            }
        }
        return out.stream().map(JSON::readTree).toList();
    }

    /** {@code node} as a client reads it once sent (numbers compare by value, not by Java type). */
    static JsonNode asSent(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(node));
    }

    /** The text a client puts together from the chunks' content deltas. */
    static String content(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                text.append(choice.path("delta").path("content").asString(""));
            }
        }
        return text.toString();
    }
}
