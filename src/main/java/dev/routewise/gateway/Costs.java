package dev.routewise.gateway;

import dev.routewise.catalog.CatalogModel;
import dev.routewise.gateway.protocol.Usage;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What an answer cost at the catalog's prices, as an exact decimal. Cached prompt tokens cost the cache-read price
 * when the catalog has one; Anthropic's cache writes cost 1.25 times the input price (its 5-minute cache).
 */
final class Costs {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal CACHE_WRITE_FACTOR = new BigDecimal("1.25");

    private Costs() {
    }

    /** The cost in USD, or null when it is unknown: no usage, or the model has no price. */
    static BigDecimal of(CatalogModel m, Usage u) {
        if (u == null || m == null || !m.priced()) {
            return null;
        }
        long uncached = Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheWriteTokens());
        BigDecimal in = m.inputPricePerMTok();
        BigDecimal cacheRead = m.cacheReadPricePerMTok() == null ? in : m.cacheReadPricePerMTok();
        BigDecimal cacheWrite = "anthropic".equals(m.providerType()) ? in.multiply(CACHE_WRITE_FACTOR) : in;
        BigDecimal perMillion = in.multiply(BigDecimal.valueOf(uncached))
                .add(cacheRead.multiply(BigDecimal.valueOf(u.cachedInputTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(u.cacheWriteTokens())))
                .add(m.outputPricePerMTok().multiply(BigDecimal.valueOf(u.outputTokens())));
        return perMillion.divide(MILLION, MathContext.DECIMAL128).stripTrailingZeros();
    }
}
