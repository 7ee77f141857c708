package dev.routewise.bench;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CatalogProperties;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.routing.engine.RouteCandidate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catalogs for the benchmarks, from real model lists in {@code ../shared/data}: every chat model of LiteLLM's price
 * catalog (about 2,000, with prices, context windows and capabilities) and OpenRouter's model list (321). Up to
 * 2,324 models are real; a larger catalog repeats them under further gateway names ({@code mirror-2/...}), as the
 * same models resold through other gateways, so 5,000 models have real prices and capabilities throughout. A
 * smaller catalog takes every k-th model, keeping the mix of providers.
 */
public final class BenchCatalogs {

    private static final Path DATA = Path.of("..", "shared", "data");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final CatalogProperties TIERS = new CatalogProperties(new BigDecimal("2.00"),
            new BigDecimal("8.00"));
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** One real chat model: where it is offered, its id there, prices per million tokens, limits, abilities. */
    public record Entry(String provider, String modelId, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                        Integer contextTokens, Set<Modality> modalities, Set<Capability> capabilities) {

        String id() {
            return provider + "/" + modelId;
        }

        Entry mirrored(int copy) {
            return new Entry("mirror-" + copy, id(), inputPerMTok, outputPerMTok, contextTokens, modalities,
                    capabilities);
        }

        RouteCandidate candidate() {
            return new RouteCandidate(id(), provider, ModelKind.CHAT, TIERS.tierFor(inputPerMTok, outputPerMTok),
                    inputPerMTok, outputPerMTok, contextTokens, null, modalities, capabilities, true, "active", true,
                    null);
        }

        DiscoveredModel discovered() {
            return new DiscoveredModel(id(), id(), contextTokens, null, inputPerMTok, outputPerMTok, null, modalities,
                    capabilities, ModelKind.CHAT, false, null);
        }
    }

    private BenchCatalogs() {
    }

    /** {@code size} models as the router sees them. */
    public static List<RouteCandidate> candidates(int size) {
        return entries(size).stream().map(Entry::candidate).toList();
    }

    /** {@code size} models as a discovery would report them, for a catalog in a running app. */
    public static List<DiscoveredModel> discovered(int size) {
        return entries(size).stream().map(Entry::discovered).toList();
    }

    public static List<Entry> entries(int size) {
        List<Entry> real = real();
        List<Entry> out = new ArrayList<>(size);
        if (size <= real.size()) {
            double step = (double) real.size() / size;
            for (int k = 0; k < size; k++) {
                out.add(real.get((int) (k * step)));
            }
            return out;
        }
        out.addAll(real);
        for (int copy = 2; out.size() < size; copy++) {
            for (Entry e : real) {
                if (out.size() == size) {
                    break;
                }
                out.add(e.mirrored(copy));
            }
        }
        return out;
    }

    /** Every real chat model, LiteLLM's first, then OpenRouter's, in file order. */
    public static List<Entry> real() {
        List<Entry> out = new ArrayList<>(2_400);
        JsonNode litellm = read(DATA.resolve("catalogs/litellm_model_prices.json"));
        for (Map.Entry<String, JsonNode> e : litellm.properties()) {
            JsonNode m = e.getValue();
            if (!m.isObject() || !"chat".equals(text(m, "mode"))) {
                continue;
            }
            String provider = text(m, "litellm_provider");
            String key = e.getKey();
            String modelId = provider != null && key.startsWith(provider + "/") ? key.substring(provider.length() + 1)
                    : key;
            Set<Modality> modalities = EnumSet.of(Modality.TEXT);
            Set<Capability> capabilities = EnumSet.of(Capability.STREAMING);
            if (flag(m, "supports_vision")) {
                modalities.add(Modality.IMAGE);
                capabilities.add(Capability.VISION);
            }
            if (flag(m, "supports_audio_input")) {
                modalities.add(Modality.AUDIO);
            }
            if (flag(m, "supports_pdf_input")) {
                modalities.add(Modality.FILE);
            }
            if (flag(m, "supports_function_calling")) {
                capabilities.add(Capability.TOOLS);
            }
            if (flag(m, "supports_response_schema")) {
                capabilities.add(Capability.STRUCTURED_OUTPUT);
            }
            if (flag(m, "supports_reasoning")) {
                capabilities.add(Capability.REASONING);
            }
            Integer context = m.has("max_input_tokens") && m.get("max_input_tokens").isNumber()
                    ? Integer.valueOf(m.get("max_input_tokens").asInt()) : null;
            out.add(new Entry(provider == null ? "litellm" : provider, modelId, perMTok(m.get("input_cost_per_token")),
                    perMTok(m.get("output_cost_per_token")), context, modalities, capabilities));
        }
        JsonNode openrouter = read(DATA.resolve("provider-models/openrouter.json"));
        for (JsonNode m : openrouter.get("data")) {
            Set<Modality> modalities = EnumSet.of(Modality.TEXT);
            for (JsonNode mod : m.path("architecture").path("input_modalities")) {
                switch (mod.asString()) {
                    case "image" -> modalities.add(Modality.IMAGE);
                    case "file" -> modalities.add(Modality.FILE);
                    case "audio" -> modalities.add(Modality.AUDIO);
                    default -> { }
                }
            }
            Set<Capability> capabilities = EnumSet.of(Capability.STREAMING);
            for (JsonNode p : m.path("supported_parameters")) {
                switch (p.asString()) {
                    case "tools" -> capabilities.add(Capability.TOOLS);
                    case "response_format", "structured_outputs" -> capabilities.add(Capability.STRUCTURED_OUTPUT);
                    case "reasoning" -> capabilities.add(Capability.REASONING);
                    default -> { }
                }
            }
            JsonNode pricing = m.path("pricing");
            out.add(new Entry("openrouter", m.get("id").asString(), perMTok(pricing.get("prompt")),
                    perMTok(pricing.get("completion")),
                    m.path("context_length").isNumber() ? m.get("context_length").asInt() : null, modalities,
                    capabilities));
        }
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark data missing: " + file.toAbsolutePath(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }

    private static boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() && v.asBoolean();
    }

    /** USD per token (a JSON number or a string) as USD per million tokens; null when absent or negative. */
    private static BigDecimal perMTok(JsonNode v) {
        if (v == null || !(v.isNumber() || v.isString())) {
            return null;
        }
        BigDecimal perToken = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asString());
        if (perToken.signum() < 0) {
            return null;
        }
        BigDecimal perMTok = perToken.multiply(MILLION).stripTrailingZeros();
        return perMTok.scale() < 0 ? perMTok.setScale(0) : perMTok; // "10", not "1E+1", as the catalog stores it
    }
}
