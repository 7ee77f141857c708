package dev.routewise.gateway;

import dev.routewise.catalog.CatalogModel;
import dev.routewise.gateway.protocol.Usage;

import java.math.BigDecimal;

/** What an answer cost at the catalog's prices, as an exact decimal ({@link CatalogModel#costUsd}). */
final class Costs {

    private Costs() {
    }

    /** The cost in USD, or null when it is unknown: no usage, or the model has no price. */
    static BigDecimal of(CatalogModel m, Usage u) {
        if (u == null || m == null) {
            return null;
        }
        return m.costUsd(u.inputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.outputTokens());
    }
}
