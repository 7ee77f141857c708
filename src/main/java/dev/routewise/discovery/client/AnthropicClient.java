package dev.routewise.discovery.client;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.routewise.discovery.client.JsonFields.positiveInt;
import static dev.routewise.discovery.client.JsonFields.string;

/**
 * Anthropic's {@code GET {baseUrl}/models}, 100 per page, following {@code after_id} while
 * {@code has_more}. Every model it lists is a Messages API (chat) model.
 */
public final class AnthropicClient implements ModelListClient {

    /** The Messages API version every Anthropic call names (the gateway's too). */
    public static final String API_VERSION = "2023-06-01";
    static final int PAGE_SIZE = 100;
    /** 100 models a page: far beyond any real list, so hitting it means the API keeps saying "more". */
    static final int MAX_PAGES = 50;
    private static final String HINT = ": is the base URL Anthropic's API root (https://api.anthropic.com/v1)?";

    private final DiscoveryHttp http;

    public AnthropicClient(DiscoveryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public Set<SourceType> types() {
        return Set.of(SourceType.ANTHROPIC);
    }

    @Override
    public List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (endpoint.hasApiKey()) {
            headers.put("x-api-key", endpoint.apiKey().trim());
        }
        headers.put("anthropic-version", API_VERSION);

        List<DiscoveredModel> models = new ArrayList<>();
        String afterId = null;
        for (int page = 1; ; page++) {
            String query = "/models?limit=" + PAGE_SIZE
                    + (afterId == null ? "" : "&after_id=" + URLEncoder.encode(afterId, StandardCharsets.UTF_8));
            URI uri = http.uri(endpoint, query);
            String where = DiscoveryHttp.describe(uri);
            Page result = parsePage(http.getJson(endpoint, uri, headers), where);
            models.addAll(result.models);
            if (result.nextAfterId == null) {
                return JsonFields.distinctById(models);
            }
            if (result.nextAfterId.equals(afterId)) {
                throw new DiscoveryException(where + " said it has more models but did not move past \""
                        + afterId + "\": stopped to avoid asking for the same page forever");
            }
            if (page >= MAX_PAGES) {
                throw new DiscoveryException(where + " still had more models after " + MAX_PAGES
                        + " pages: stopped");
            }
            afterId = result.nextAfterId;
        }
    }

    /** One page; {@code nextAfterId} is null on the last one. */
    record Page(List<DiscoveredModel> models, String nextAfterId) {
    }

    static Page parsePage(JsonNode root, String where) throws DiscoveryException {
        JsonNode data = JsonFields.requireArray(root, "data", where, HINT);
        List<DiscoveredModel> models = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode e = data.get(i);
            String id = JsonFields.requireId(e, "id", i, where);
            // limits are read when the API gives them; the 2023-06-01 list does not
            models.add(new DiscoveredModel(id, string(e, "display_name"), positiveInt(e, "max_input_tokens"),
                    positiveInt(e, "max_tokens"), null, null, null, Set.of(), Set.of(), ModelKind.CHAT, false,
                    JsonFields.timestamp(e, "created_at")));
        }
        String next = null;
        if (Boolean.TRUE.equals(JsonFields.bool(root, "has_more"))) {
            next = string(root, "last_id");
            if (next == null && !models.isEmpty()) {
                next = models.getLast().modelId();
            }
            if (next == null) {
                throw new DiscoveryException(where + " said it has more models but gave no last_id to continue from");
            }
        }
        return new Page(models, next);
    }
}
