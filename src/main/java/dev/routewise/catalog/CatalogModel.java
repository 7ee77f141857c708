package dev.routewise.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
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

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal CACHE_WRITE_FACTOR = new BigDecimal("1.25");

    public boolean priced() {
        return inputPricePerMTok != null && outputPricePerMTok != null;
    }

    /**
     * What these tokens cost at this model's prices, as an exact decimal; null when the model is unpriced. The one
     * place that prices actual tokens, for the gateway's bill and the spend ledger's baselines alike. Cached prompt
     * tokens cost the cache-read price when the catalog has one; Anthropic's cache writes cost 1.25 times the input
     * price (its 5-minute cache).
     *
     * @param inputTokens       every prompt token, cached ones and cache writes included
     * @param cachedInputTokens prompt tokens read from the provider's cache (part of inputTokens)
     * @param cacheWriteTokens  prompt tokens written to the provider's cache (part of inputTokens)
     * @param outputTokens      every generated token, reasoning included
     */
    public BigDecimal costUsd(long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens) {
        if (!priced()) {
            return null;
        }
        long uncached = Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens);
        BigDecimal in = inputPricePerMTok;
        BigDecimal cacheRead = cacheReadPricePerMTok == null ? in : cacheReadPricePerMTok;
        BigDecimal cacheWrite = "anthropic".equals(providerType) ? in.multiply(CACHE_WRITE_FACTOR) : in;
        BigDecimal perMillion = in.multiply(BigDecimal.valueOf(uncached))
                .add(cacheRead.multiply(BigDecimal.valueOf(cachedInputTokens)))
                .add(cacheWrite.multiply(BigDecimal.valueOf(cacheWriteTokens)))
                .add(outputPricePerMTok.multiply(BigDecimal.valueOf(outputTokens)));
        return perMillion.divide(MILLION, MathContext.DECIMAL128).stripTrailingZeros();
    }
}
