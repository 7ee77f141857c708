package dev.routewise.gateway;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a cheaper model's answer is good enough to keep, in a cascade (seed 004): it is not when it is empty, a
 * refusal, cut off by the length limit, or not the JSON the request asked for. Cheap checks on the answer only; no
 * second model judges it.
 */
final class CascadeCheck {

    /** Openings of answers that decline the task. */
    private static final Pattern REFUSAL = Pattern.compile("^\\s*(i'?m sorry,? but |sorry,? but |i apologi[sz]e,? "
            + "but )?(i (can ?not|can't|won't|am unable to|am not able to|'m unable to|'m not able to) "
            + "(help|assist|comply|provide|do that|fulfil|complete))");

    private CascadeCheck() {
    }

    /**
     * Why the answer should be escalated, or null when it passes.
     *
     * @param completion an OpenAI chat.completion
     * @param request    the client's request (for response_format)
     */
    static String failure(JsonNode completion, JsonNode request, JsonMapper json) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        if ("length".equals(choice.path("finish_reason").asString(""))) {
            return "the answer was cut off by the length limit";
        }
        if ("content_filter".equals(choice.path("finish_reason").asString(""))) {
            return "the provider's content filter stopped the answer";
        }
        if (!message.path("refusal").asString("").isBlank()) {
            return "the model refused";
        }
        boolean toolCalls = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
        String content = message.path("content").asString("");
        if (content.isBlank()) {
            return toolCalls ? null : "the answer is empty";
        }
        if (REFUSAL.matcher(content.toLowerCase(Locale.ROOT)).lookingAt()) {
            return "the model declined the task";
        }
        String format = request.path("response_format").path("type").asString("");
        if (format.equals("json_object") || format.equals("json_schema")) {
            try {
                JsonNode parsed = json.readTree(stripFence(content));
                if (format.equals("json_object") && !parsed.isObject()) {
                    return "the answer is JSON but not an object";
                }
            } catch (JacksonException e) {
                return "the answer is not the JSON the request asked for";
            }
        }
        return null;
    }

    /** Models often wrap JSON in a Markdown code fence. */
    private static String stripFence(String s) {
        String t = s.strip();
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (nl > 0 && end > nl) {
                return t.substring(nl + 1, end);
            }
        }
        return t;
    }
}
