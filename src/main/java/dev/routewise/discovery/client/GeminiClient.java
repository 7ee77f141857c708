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

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.routewise.discovery.client.JsonFields.positiveInt;
import static dev.routewise.discovery.client.JsonFields.string;
import static dev.routewise.discovery.client.JsonFields.strings;

/**
 * The Gemini API's {@code GET {baseUrl}/models} (under {@code /v1beta}), following
 * {@code nextPageToken}. The kind comes from {@code supportedGenerationMethods}; among the
 * {@code generateContent} models, the speech, music and image generators are told apart by their
 * ids, because the list gives them the same methods as chat models.
 */
public final class GeminiClient implements ModelListClient {

    static final int PAGE_SIZE = 1000;
    static final int MAX_PAGES = 50;
    private static final String HINT = ": is the base URL the Gemini API root "
            + "(https://generativelanguage.googleapis.com/v1beta)?";

    private final DiscoveryHttp http;

    public GeminiClient(DiscoveryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public Set<SourceType> types() {
        return Set.of(SourceType.GOOGLE);
    }

    @Override
    public List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException {
        Map<String, String> headers = endpoint.hasApiKey()
                ? Map.of("x-goog-api-key", endpoint.apiKey().trim())
                : Map.of();
        List<DiscoveredModel> models = new ArrayList<>();
        Set<String> seenTokens = new HashSet<>();
        String pageToken = null;
        for (int page = 1; ; page++) {
            String query = "/models?pageSize=" + PAGE_SIZE
                    + (pageToken == null ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
            URI uri = http.uri(endpoint, query);
            String where = DiscoveryHttp.describe(uri);
            Page result = parsePage(http.getJson(endpoint, uri, headers), where);
            models.addAll(result.models);
            if (result.nextPageToken == null) {
                return JsonFields.distinctById(models);
            }
            if (!seenTokens.add(result.nextPageToken)) {
                throw new DiscoveryException(where + " gave a page token it had given before: stopped to avoid "
                        + "asking for the same pages forever");
            }
            if (page >= MAX_PAGES) {
                throw new DiscoveryException(where + " still had more models after " + MAX_PAGES + " pages: stopped");
            }
            pageToken = result.nextPageToken;
        }
    }

    /** One page; {@code nextPageToken} is null on the last one. */
    record Page(List<DiscoveredModel> models, String nextPageToken) {
    }

    static Page parsePage(JsonNode root, String where) throws DiscoveryException {
        if (root != null && root.isObject() && root.isEmpty()) {
            // the API leaves "models" out entirely when there are none
            return new Page(List.of(), null);
        }
        return new Page(JsonFields.entries(root, "models", where, HINT, GeminiClient::entry),
                string(root, "nextPageToken"));
    }

    private static DiscoveredModel entry(JsonNode e, int index, String where) throws DiscoveryException {
        String name = JsonFields.requireId(e, "name", index, where);
        String id = name.startsWith("models/") ? name.substring("models/".length()) : name;
        if (id.isBlank()) {
            throw new DiscoveryException(where + " answered a model list whose entry #" + (index + 1)
                    + " has an empty name (\"" + name + "\")");
        }
        Set<String> methods = strings(e, "supportedGenerationMethods");
        String lowerId = id.toLowerCase(Locale.ROOT);
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        Integer maxOutput = positiveInt(e, "outputTokenLimit");
        ModelKind kind;

        if (methods.contains("generatecontent")) {
            modalities.add(Modality.TEXT);
            if (lowerId.contains("tts") || lowerId.contains("lyria")) {
                kind = ModelKind.AUDIO; // speech and music generators
            } else if (lowerId.contains("image") || lowerId.contains("nano-banana")) {
                kind = ModelKind.IMAGE;
                modalities.add(Modality.IMAGE);
            } else {
                kind = ModelKind.CHAT;
                // every Gemini chat model takes images; streamGenerateContent is implied by generateContent
                modalities.add(Modality.IMAGE);
                capabilities.add(Capability.VISION);
                capabilities.add(Capability.STREAMING);
            }
        } else if (methods.contains("embedcontent") || methods.contains("embedtext")
                || methods.contains("batchembedcontents")) {
            kind = ModelKind.EMBEDDING;
            modalities.add(Modality.TEXT);
            modalities.add(Modality.EMBEDDING);
            maxOutput = null; // embeddings report an output limit of 1, which is no limit anyone can use
        } else if (methods.contains("predict")) {
            kind = lowerId.contains("imagen") || lowerId.contains("image") ? ModelKind.IMAGE : ModelKind.OTHER;
        } else if (methods.contains("bidigeneratecontent") && lowerId.contains("audio")) {
            kind = ModelKind.AUDIO; // Live API voice models
        } else {
            kind = ModelKind.OTHER; // video (predictLongRunning), attributed QA (generateAnswer), Live-only
        }
        if (Boolean.TRUE.equals(JsonFields.bool(e, "thinking"))) {
            capabilities.add(Capability.REASONING);
        }
        return new DiscoveredModel(id, string(e, "displayName"), positiveInt(e, "inputTokenLimit"), maxOutput, null,
                null, null, modalities, capabilities, kind, false, null);
    }
}
