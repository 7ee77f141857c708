package dev.routewise.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Per-model prompt adaptation (seed 002): system-prompt text added when a request lands on a model. The most
 * specific template applies: the model's own, else its provider's ({@code provider/*}), else the catch-all
 * ({@code *}). {@code {model}} in a template's text becomes the model's id.
 */
final class PromptTemplates {

    /** One template; position is prepend or append. */
    record Template(long id, String target, String position, String text, boolean enabled) {
    }

    private final Map<String, Template> byTarget;

    PromptTemplates(List<Template> templates) {
        this.byTarget = templates.stream().filter(Template::enabled)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Template::target, t -> t));
    }

    boolean isEmpty() {
        return byTarget.isEmpty();
    }

    /** The template for a model of a provider, or null. */
    Template find(String modelId, String provider) {
        if (byTarget.isEmpty()) {
            return null;
        }
        Template t = byTarget.get(modelId);
        if (t == null) {
            t = byTarget.get(provider + "/*");
        }
        return t != null ? t : byTarget.get("*");
    }

    /** The request as this model gets it: a copy with the template in its system prompt, or the request itself. */
    ObjectNode adapt(ObjectNode request, String modelId, String provider) {
        Template t = find(modelId, provider);
        if (t == null) {
            return request;
        }
        String text = t.text().replace("{model}", modelId);
        ObjectNode copy = request.deepCopy();
        ArrayNode messages = (ArrayNode) copy.get("messages");
        JsonNode first = messages.isEmpty() ? null : messages.get(0);
        String role = first == null ? "" : first.path("role").asString("");
        if ((role.equals("system") || role.equals("developer")) && first.path("content").isString()) {
            String existing = first.path("content").asString();
            ((ObjectNode) first).put("content", t.position().equals("append") ? existing + "\n\n" + text
                    : text + "\n\n" + existing);
        } else {
            messages.insertObject(0).put("role", "system").put("content", text);
        }
        return copy;
    }
}
