package dev.routewise.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * A model as the console, the API and the router see it.
 *
 * @param id            the routing id: {@code <source slug>/<provider model id>}, e.g. {@code anthropic/claude-sonnet-4-5-20250929}
 * @param provider      the source's slug
 * @param costTier      null when the model is unpriced and no tier was set by hand
 * @param priceOrigin   provider, catalog, fallback, local or manual; null when unpriced
 * @param origin        discovered, or fallback (a static entry used until discovery succeeds)
 * @param status        active, missing (no longer listed) or deprecated
 * @param manualFields  fields set by hand that discovery keeps: display_name, tier, prices, enabled
 * @param newSinceLastRun first listed by the source's latest run, after earlier successful runs
 */
public record CatalogModel(long rowId, String id, long sourceId, String provider, String providerType,
                           String sourceName, String modelId, String displayName, ModelKind kind, CostTier costTier,
                           String tierOrigin, BigDecimal inputPricePerMTok, BigDecimal outputPricePerMTok,
                           BigDecimal cacheReadPricePerMTok, String priceOrigin, Integer contextTokens,
                           Integer maxOutputTokens, Set<Modality> modalities, Set<Capability> capabilities,
                           boolean enabled, Set<String> manualFields, String origin, String status,
                           Instant missingSince, Instant firstSeenAt, Instant lastSeenAt, boolean newSinceLastRun) {

    public boolean priced() {
        return inputPricePerMTok != null && outputPricePerMTok != null;
    }
}
