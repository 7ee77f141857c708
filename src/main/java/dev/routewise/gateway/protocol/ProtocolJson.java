package dev.routewise.gateway.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading providers' error bodies, which all nest {@code error.message} with a code, type or status beside it. */
final class ProtocolJson {

    private ProtocolJson() {
    }

    /** The message of an error body, its code/type/status in front; the raw text (shortened) when not JSON. */
    static String errorMessage(JsonMapper json, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return errorMessage(json.readTree(body));
        } catch (JacksonException e) {
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }

    /**
     * {@code {"error": {"message", "code" | "type" | "status"}}} or {@code {"error": "text"}}; Gemini may wrap it in
     * a one-element array. A word beats a number in front of the message ({@code RESOURCE_EXHAUSTED} says more
     * than Gemini's {@code 429}).
     */
    static String errorMessage(JsonNode root) {
        if (root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        JsonNode error = root.path("error");
        if (error.isString()) {
            return error.asString();
        }
        String message = error.path("message").asString(root.path("message").asString(null));
        String code = firstText(error, "code", "type", "status");
        if (message == null) {
            return code;
        }
        return code == null ? message : code + ": " + message;
    }

    private static String firstText(JsonNode node, String... fields) {
        String number = null;
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull() || v.asString("").isBlank()) {
                continue;
            }
            if (!v.isNumber()) {
                return v.asString();
            }
            if (number == null) {
                number = v.asString();
            }
        }
        return number;
    }
}
