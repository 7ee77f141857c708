package dev.routewise.discovery.client;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.ModelListClient;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.routewise.discovery.client.JsonFields.bool;
import static dev.routewise.discovery.client.JsonFields.epochSeconds;
import static dev.routewise.discovery.client.JsonFields.perTokenToPerMillion;
import static dev.routewise.discovery.client.JsonFields.positiveInt;
import static dev.routewise.discovery.client.JsonFields.string;
import static dev.routewise.discovery.client.JsonFields.strings;

/**
 * {@code GET {baseUrl}/models} of OpenAI and the APIs shaped like it: Groq, Vercel AI Gateway and
 * any OpenAI-compatible server (vLLM, llama.cpp, LM Studio, DeepSeek, xAI...). OpenAI itself lists
 * ids only; the others add what they know, read here when present: Groq's {@code context_window}
 * and {@code active}, llama.cpp's {@code meta.n_ctx_train}, vLLM's {@code max_model_len}, and
 * Vercel's name, limits, type, tags and per-token prices.
 */
public final class OpenAiCompatibleClient implements ModelListClient {

    private static final Set<SourceType> TYPES = Set.copyOf(EnumSet.of(SourceType.OPENAI, SourceType.GROQ,
            SourceType.VERCEL, SourceType.OPENAI_COMPATIBLE));
    private static final String HINT = ": is the base URL the API's /v1 root of an OpenAI-compatible API?";

    private final DiscoveryHttp http;

    public OpenAiCompatibleClient(DiscoveryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public Set<SourceType> types() {
        return TYPES;
    }

    @Override
    public List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException {
        URI uri = http.uri(endpoint, "/models");
        Map<String, String> headers = DiscoveryHttp.bearer(endpoint);
        return parse(http.getJson(endpoint, uri, headers), DiscoveryHttp.describe(uri));
    }

    static List<DiscoveredModel> parse(JsonNode root, String where) throws DiscoveryException {
        return JsonFields.distinctById(JsonFields.entries(root, "data", where, HINT,
                OpenAiCompatibleClient::entry));
    }

    private static DiscoveredModel entry(JsonNode e, int index, String where) throws DiscoveryException {
        String id = JsonFields.requireId(e, "id", index, where);
        Integer context = firstNonNull(positiveInt(e, "context_window"), positiveInt(e, "context_length"),
                positiveInt(e, "max_model_len"), positiveInt(e.path("meta"), "n_ctx_train"));
        Integer maxOutput = firstNonNull(positiveInt(e, "max_tokens"), positiveInt(e, "max_completion_tokens"));
        JsonNode pricing = e.path("pricing");
        BigDecimal input = perTokenToPerMillion(pricing, "input");
        BigDecimal output = perTokenToPerMillion(pricing, "output");
        BigDecimal cacheRead = perTokenToPerMillion(pricing, "input_cache_read");

        ModelKind kind = kind(string(e, "type"));
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        if (kind == ModelKind.CHAT || kind == ModelKind.IMAGE) {
            modalities.add(Modality.TEXT);
        } else if (kind == ModelKind.EMBEDDING) {
            modalities.add(Modality.TEXT);
            modalities.add(Modality.EMBEDDING);
        }
        // Vercel AI Gateway tags
        Set<String> tags = strings(e, "tags");
        if (tags.contains("vision")) {
            modalities.add(Modality.IMAGE);
            capabilities.add(Capability.VISION);
        }
        if (tags.contains("file-input")) {
            modalities.add(Modality.FILE);
        }
        if (tags.contains("tool-use")) {
            capabilities.add(Capability.TOOLS);
        }
        if (tags.contains("reasoning")) {
            capabilities.add(Capability.REASONING);
        }
        if (kind == null && tags.contains("image-generation")) {
            kind = ModelKind.IMAGE;
        }

        // Groq marks retired models inactive
        boolean deprecated = Boolean.FALSE.equals(bool(e, "active")) || Boolean.TRUE.equals(bool(e, "deprecated"));
        // Vercel gives both: "released" is the model's release, "created" when the gateway listed it
        Instant createdAt = firstNonNull(epochSeconds(e, "released"), epochSeconds(e, "created"));
        return new DiscoveredModel(id, string(e, "name"), context, maxOutput, input, output, cacheRead, modalities,
                capabilities, kind, deprecated, createdAt);
    }

    private static ModelKind kind(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "language", "chat", "llm" -> ModelKind.CHAT;
            case "embedding", "embeddings" -> ModelKind.EMBEDDING;
            case "image" -> ModelKind.IMAGE;
            case "audio", "speech", "transcription" -> ModelKind.AUDIO;
            case "moderation" -> ModelKind.MODERATION;
            case "video" -> ModelKind.OTHER;
            default -> null;
        };
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
