package dev.routewise.catalog;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A price catalog in LiteLLM's {@code model_prices_and_context_window.json} format, immutable
 * once parsed. Looks up a provider's model id under the names LiteLLM files it by.
 */
public final class PriceCatalog {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** LiteLLM's key prefixes per source type, tried in order after the bare id. */
    private static final Map<String, List<String>> PREFIXES = Map.of(
            "openai", List.of("", "openai/"),
            "anthropic", List.of("", "anthropic/"),
            "google", List.of("gemini/", ""),
            "groq", List.of("groq/"),
            "openrouter", List.of("openrouter/", ""),
            "vercel", List.of("vercel_ai_gateway/", ""),
            "openai-compatible", List.of("", "deepseek/", "xai/", "mistral/", "together_ai/", "fireworks_ai/"));

    private final Map<String, PriceEntry> entries;
    private final String source;
    private final int size;

    private PriceCatalog(Map<String, PriceEntry> entries, String source, int size) {
        this.entries = entries;
        this.source = source;
        this.size = size;
    }

    /**
     * Parses a catalog; anything that is not a JSON object of model entries with at least one
     * priced chat model is refused, so a bad refresh cannot replace a good catalog.
     */
    public static PriceCatalog parse(InputStream in, String source) throws InvalidPriceCatalogException {
        JsonNode root;
        try (in) {
            root = JSON.readTree(in);
        } catch (JacksonException | IOException e) {
            throw new InvalidPriceCatalogException("not valid JSON: " + shortMessage(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPriceCatalogException("expected a JSON object keyed by model name");
        }
        Map<String, PriceEntry> entries = new HashMap<>();
        int priced = 0;
        int read = 0;
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals("sample_spec") || !e.getValue().isObject()) {
                continue;
            }
            PriceEntry entry = entry(e.getKey(), e.getValue());
            read++;
            // lookups ignore case; where two keys differ only in case, the first one listed wins
            entries.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), entry);
            if (entry.priced() && "chat".equals(entry.mode())) {
                priced++;
            }
        }
        if (priced == 0) {
            throw new InvalidPriceCatalogException("it has no priced chat model ("
                    + entries.size() + " entries read)");
        }
        return new PriceCatalog(Map.copyOf(entries), source, read);
    }

    /** Entries read from the file. */
    public int size() {
        return size;
    }

    public String source() {
        return source;
    }

    /** The entry for a model of a source of type {@code providerKey} (e.g. {@code google}), if the catalog has one. */
    public Optional<PriceEntry> lookup(String providerKey, String modelId) {
        if (providerKey == null || "ollama".equals(providerKey)) {
            return Optional.empty();
        }
        String id = modelId.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES.getOrDefault(providerKey, List.of(""))) {
            PriceEntry entry = entries.get(prefix + id);
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        // gateways list vendor/model ids ("anthropic/claude-sonnet-4.5"); LiteLLM may file the vendor's own name
        int slash = id.indexOf('/');
        if (slash > 0 && ("vercel".equals(providerKey) || "openrouter".equals(providerKey))) {
            return Optional.ofNullable(entries.get(id.substring(slash + 1)));
        }
        return Optional.empty();
    }

    private static PriceEntry entry(String key, JsonNode n) {
        return new PriceEntry(key, text(n, "litellm_provider"), text(n, "mode"),
                integer(n, "max_input_tokens", "max_tokens"), integer(n, "max_output_tokens", null),
                perMTok(n, "input_cost_per_token"), perMTok(n, "output_cost_per_token"),
                perMTok(n, "cache_read_input_token_cost"),
                bool(n, "supports_vision"), bool(n, "supports_function_calling"), bool(n, "supports_response_schema"),
                bool(n, "supports_reasoning"), bool(n, "supports_audio_input"), bool(n, "supports_pdf_input"),
                date(n, "deprecation_date"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }

    private static Integer integer(JsonNode n, String field, String alternative) {
        JsonNode v = n.get(field);
        if ((v == null || !v.isNumber()) && alternative != null) {
            v = n.get(alternative);
        }
        return v != null && v.isNumber() && v.asLong() > 0 && v.asLong() <= Integer.MAX_VALUE ? v.asInt() : null;
    }

    private static BigDecimal perMTok(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            return null;
        }
        BigDecimal perToken = v.decimalValue();
        if (perToken.signum() < 0) {
            return null;
        }
        BigDecimal perMillion = perToken.multiply(MILLION).stripTrailingZeros();
        return perMillion.scale() < 0 ? perMillion.setScale(0) : perMillion;
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }

    private static LocalDate date(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shortMessage(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
