package dev.routewise.gateway.protocol;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What every translated stream shares: OpenAI chunks with one id, creation time and the catalog's model name, the
 * assistant role on each choice's first chunk, and the usage chunk at the end when the client asked for it. The
 * protocols feed it deltas in OpenAI's shape.
 */
abstract class ChunkStream implements StreamTranslator {

    protected final JsonMapper json;
    private final String model;
    private final boolean includeUsage;
    private final long created;
    private final Set<Integer> roleSent = new HashSet<>();
    private String id;
    private boolean finished;
    private Usage usage;
    private String finishReason;

    ChunkStream(JsonMapper json, String model, boolean includeUsage, long created) {
        this.json = json;
        this.model = model;
        this.includeUsage = includeUsage;
        this.created = created;
    }

    /** The id every chunk carries; set from the provider's first event (later calls are ignored). */
    protected void id(String id) {
        if (this.id == null && id != null && !id.isBlank()) {
            this.id = id;
        }
    }

    /** The chunks' id: the provider's, or a made-up one when it gave none before the first chunk. */
    protected String id() {
        if (id == null) {
            id = "chatcmpl-" + UUID.randomUUID();
        }
        return id;
    }

    /** An empty delta to fill. */
    protected ObjectNode delta() {
        return json.createObjectNode();
    }

    /**
     * Sends one chunk for choice {@code index}: the delta (the role added on the choice's first chunk) and the
     * finish reason when the choice ends here.
     */
    protected void emit(List<String> out, int index, ObjectNode delta, String finishReason) {
        if (roleSent.add(index)) {
            ObjectNode withRole = json.createObjectNode().put("role", "assistant");
            withRole.setAll(delta);
            if (!withRole.has("content") && !withRole.has("tool_calls")) {
                withRole.put("content", "");
            }
            delta = withRole;
        }
        ObjectNode chunk = OpenAiShapes.chunk(json, id(), created, model);
        ObjectNode choice = chunk.withArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (finishReason != null) {
            this.finishReason = finishReason;
        }
        out.add(json.writeValueAsString(chunk));
    }

    /** Records the usage reported so far (the last report counts). */
    protected void usage(Usage usage) {
        if (usage != null) {
            this.usage = usage;
        }
    }

    /** Marks the answer complete and, when the client asked for it, sends the usage chunk (empty choices). */
    protected void finish(List<String> out) {
        if (finished) {
            return;
        }
        finished = true;
        if (includeUsage && usage != null) {
            ObjectNode chunk = OpenAiShapes.chunk(json, id(), created, model);
            chunk.set("usage", OpenAiShapes.usage(json, usage));
            out.add(json.writeValueAsString(chunk));
        }
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
