package dev.routewise.catalog;


import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One model as a provider's API lists it. Everything but the id is optional: a field the API
 * does not tell is null (or empty), never guessed here. Prices are US dollars per million
 * tokens, exact; null means the provider did not say, which is not the same as free.
 *
 * @param modelId          the provider's own id, e.g. {@code claude-sonnet-4-5-20250929} or {@code anthropic/claude-opus-4}
 * @param kind             null when the API does not say (the catalog infers it)
 * @param deprecated       true when the provider marks the model as deprecated
 * @param createdAt        when the provider says the model was created or released
 */
public record DiscoveredModel(String modelId, String displayName, Integer contextTokens, Integer maxOutputTokens,
                              BigDecimal inputPricePerMTok, BigDecimal outputPricePerMTok,
                              BigDecimal cacheReadPricePerMTok, Set<Modality> modalities,
                              Set<Capability> capabilities, ModelKind kind, boolean deprecated, Instant createdAt) {

    public DiscoveredModel {
        Objects.requireNonNull(modelId, "modelId");
        if (modelId.isBlank()) {
            throw new IllegalArgumentException("modelId is blank");
        }
        modalities = modalities == null ? Set.of() : Set.copyOf(modalities);
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    /** A model known only by its id, as OpenAI-style lists give it. */
    public static DiscoveredModel idOnly(String modelId, Instant createdAt) {
        return new DiscoveredModel(modelId, null, null, null, null, null, null, Set.of(), Set.of(), null, false,
                createdAt);
    }
}
