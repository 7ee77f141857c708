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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.routewise.discovery.client.JsonFields.epochSeconds;
import static dev.routewise.discovery.client.JsonFields.perTokenToPerMillion;
import static dev.routewise.discovery.client.JsonFields.positiveInt;
import static dev.routewise.discovery.client.JsonFields.string;
import static dev.routewise.discovery.client.JsonFields.strings;

/**
 * OpenRouter's {@code GET {baseUrl}/models}: the richest list, with context, output limit,
 * input and output modalities, per-token prices and the request parameters each model takes.
 * Listing needs no key; one is sent when the source has it.
 */
public final class OpenRouterClient implements ModelListClient {

    private static final String HINT = ": is the base URL OpenRouter's API root (https://openrouter.ai/api/v1)?";

    private final DiscoveryHttp http;

    public OpenRouterClient(DiscoveryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public Set<SourceType> types() {
        return Set.of(SourceType.OPENROUTER);
    }

    @Override
    public List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException {
        URI uri = http.uri(endpoint, "/models");
        Map<String, String> headers = DiscoveryHttp.bearer(endpoint);
        return parse(http.getJson(endpoint, uri, headers), DiscoveryHttp.describe(uri));
    }

    static List<DiscoveredModel> parse(JsonNode root, String where) throws DiscoveryException {
        return JsonFields.distinctById(JsonFields.entries(root, "data", where, HINT, OpenRouterClient::entry));
    }

    private static DiscoveredModel entry(JsonNode e, int index, String where) throws DiscoveryException {
        String id = JsonFields.requireId(e, "id", index, where);
        JsonNode top = e.path("top_provider");
        Integer context = positiveInt(e, "context_length");
        if (context == null) {
            context = positiveInt(top, "context_length");
        }
        Integer maxOutput = positiveInt(top, "max_completion_tokens");

        JsonNode arch = e.path("architecture");
        Set<String> inputs = strings(arch, "input_modalities");
        Set<String> outputs = strings(arch, "output_modalities");
        String modality = string(arch, "modality"); // older form: "text+image->text"
        if (modality != null && modality.contains("->")) {
            String[] sides = modality.toLowerCase(Locale.ROOT).split("->", 2);
            if (inputs.isEmpty()) {
                inputs = new LinkedHashSet<>(Arrays.asList(sides[0].split("\\+")));
            }
            if (outputs.isEmpty()) {
                outputs = new LinkedHashSet<>(Arrays.asList(sides[1].split("\\+")));
            }
        }

        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (String in : inputs) {
            switch (in.trim()) {
                case "text" -> modalities.add(Modality.TEXT);
                case "image" -> modalities.add(Modality.IMAGE);
                case "file" -> modalities.add(Modality.FILE);
                case "audio" -> modalities.add(Modality.AUDIO);
                case "video" -> modalities.add(Modality.VIDEO);
                default -> { /* a modality Routewise does not know yet */ }
            }
        }

        ModelKind kind = null;
        if (outputs.contains("image")) {
            kind = ModelKind.IMAGE;
        } else if (outputs.contains("embeddings") || outputs.contains("embedding")) {
            kind = ModelKind.EMBEDDING;
            modalities.add(Modality.EMBEDDING);
        } else if (outputs.contains("text")) {
            kind = ModelKind.CHAT;
        } else if (outputs.contains("audio")) {
            kind = ModelKind.AUDIO;
        }

        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        Set<String> parameters = strings(e, "supported_parameters");
        if (parameters.contains("tools")) {
            capabilities.add(Capability.TOOLS);
        }
        if (parameters.contains("response_format") || parameters.contains("structured_outputs")) {
            capabilities.add(Capability.STRUCTURED_OUTPUT);
        }
        if (parameters.contains("reasoning") || parameters.contains("include_reasoning")) {
            capabilities.add(Capability.REASONING);
        }
        if (modalities.contains(Modality.IMAGE)) {
            capabilities.add(Capability.VISION);
        }
        if (kind == ModelKind.CHAT) {
            // OpenRouter streams every chat completion
            capabilities.add(Capability.STREAMING);
        }

        JsonNode pricing = e.path("pricing");
        // newer lists carry "expiration_date" for models OpenRouter is about to retire
        boolean deprecated = string(e, "expiration_date") != null;
        return new DiscoveredModel(id, string(e, "name"), context, maxOutput,
                perTokenToPerMillion(pricing, "prompt"), perTokenToPerMillion(pricing, "completion"),
                perTokenToPerMillion(pricing, "input_cache_read"), modalities, capabilities, kind, deprecated,
                epochSeconds(e, "created"));
    }
}
