package dev.routewise.discovery.client;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.ModelListClient;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

import static dev.routewise.discovery.client.JsonFields.positiveInt;
import static dev.routewise.discovery.client.JsonFields.string;
import static dev.routewise.discovery.client.JsonFields.strings;

/**
 * A local Ollama server: {@code GET {baseUrl}/api/tags} lists the pulled models, then
 * {@code POST {baseUrl}/api/show} per model adds the context length and, on servers that report
 * them, the capabilities. A model whose details cannot be fetched keeps what the list said, so one
 * broken model never hides the others. Local models cost nothing.
 */
public final class OllamaClient implements ModelListClient {

    private static final Logger log = LoggerFactory.getLogger(OllamaClient.class);
    private static final String HINT = ": is the base URL the Ollama server's root (e.g. http://localhost:11434)?";
    /** After this many /api/show failures in a row the server is not going to answer them: skip the rest. */
    static final int SHOW_FAILURES_BEFORE_GIVING_UP = 3;

    private final DiscoveryHttp http;

    public OllamaClient(DiscoveryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public Set<SourceType> types() {
        return Set.of(SourceType.OLLAMA);
    }

    @Override
    public List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException {
        // Ollama itself has no keys; a proxy in front of it (or ollama.com) may want a bearer token
        Map<String, String> headers = DiscoveryHttp.bearer(endpoint);
        URI tagsUri = http.uri(endpoint, "/api/tags");
        List<Tag> tags = parseTags(http.getJson(endpoint, tagsUri, headers), DiscoveryHttp.describe(tagsUri));

        URI showUri = http.uri(endpoint, "/api/show");
        List<DiscoveredModel> models = new ArrayList<>(tags.size());
        int failuresInARow = 0;
        for (Tag tag : tags) {
            Show show = null;
            if (failuresInARow < SHOW_FAILURES_BEFORE_GIVING_UP) {
                try {
                    show = parseShow(http.postJson(endpoint, showUri, headers, Map.of("model", tag.name)));
                    failuresInARow = 0;
                } catch (DiscoveryException e) {
                    failuresInARow++;
                    log.warn("Ollama: no details for {}, keeping what /api/tags said: {}", tag.name, e.getMessage());
                    if (failuresInARow == SHOW_FAILURES_BEFORE_GIVING_UP) {
                        log.warn("Ollama: {} /api/show calls failed in a row at {}; listing the remaining models "
                                + "without details", failuresInARow, DiscoveryHttp.describe(showUri));
                    }
                }
            }
            models.add(model(tag, show));
        }
        return JsonFields.distinctById(models);
    }

    /** One entry of /api/tags. */
    record Tag(String name, String family, String parameterSize, String quantization) {
    }

    /** What /api/show adds; {@code capabilities} empty on servers older than the field. */
    record Show(Integer contextLength, Set<String> capabilities, boolean hasProjector) {
    }

    static List<Tag> parseTags(JsonNode root, String where) throws DiscoveryException {
        JsonNode list = JsonFields.requireArray(root, "models", where, HINT);
        List<Tag> tags = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String name = e.isObject() && string(e, "name") == null && string(e, "model") != null
                    ? string(e, "model")
                    : JsonFields.requireId(e, "name", i, where);
            JsonNode details = e.path("details");
            tags.add(new Tag(name, string(details, "family"), string(details, "parameter_size"),
                    string(details, "quantization_level")));
        }
        return tags;
    }

    static Show parseShow(JsonNode root) {
        Integer context = null;
        JsonNode info = root.path("model_info");
        if (info.isObject()) {
            // the key is "<architecture>.context_length", e.g. "qwen3.context_length"
            for (Map.Entry<String, JsonNode> field : info.properties()) {
                if (field.getKey().endsWith(".context_length")) {
                    context = positiveInt(info, field.getKey());
                    if (context != null) {
                        break;
                    }
                }
            }
        }
        JsonNode projector = root.path("projector_info");
        return new Show(context, strings(root, "capabilities"), projector.isObject() && !projector.isEmpty());
    }

    static DiscoveredModel model(Tag tag, Show show) {
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        ModelKind kind = null;
        Integer context = null;
        if (show != null) {
            context = show.contextLength;
            Set<String> caps = show.capabilities;
            if (caps.contains("completion")) {
                kind = ModelKind.CHAT;
                modalities.add(Modality.TEXT);
                // Ollama streams and constrains output to a JSON schema ("format") for every generating model
                capabilities.add(Capability.STREAMING);
                capabilities.add(Capability.STRUCTURED_OUTPUT);
            } else if (caps.contains("embedding")) {
                kind = ModelKind.EMBEDDING;
                modalities.add(Modality.TEXT);
                modalities.add(Modality.EMBEDDING);
            }
            if (caps.contains("vision") || caps.isEmpty() && show.hasProjector) {
                modalities.add(Modality.IMAGE);
                capabilities.add(Capability.VISION);
            }
            if (caps.contains("audio")) {
                modalities.add(Modality.AUDIO);
            }
            if (caps.contains("tools")) {
                capabilities.add(Capability.TOOLS);
            }
            if (caps.contains("thinking")) {
                capabilities.add(Capability.REASONING);
            }
        }
        return new DiscoveredModel(tag.name, displayName(tag), context, null, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, modalities, capabilities, kind, false, null);
    }

    /** "qwen3:14b (qwen3, 14.8B)": the tag, with the family and size Ollama reports. */
    private static String displayName(Tag tag) {
        StringJoiner details = new StringJoiner(", ", " (", ")").setEmptyValue("");
        if (tag.family != null) {
            details.add(tag.family);
        }
        if (tag.parameterSize != null) {
            details.add(tag.parameterSize);
        }
        return tag.name + details;
    }
}
