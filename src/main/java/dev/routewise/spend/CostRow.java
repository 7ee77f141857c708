package dev.routewise.spend;

import java.math.BigDecimal;

/**
 * The cost of one group of calls in a report (one model, team, ...), or of all of them.
 *
 * @param key                    the group's model id, provider, task, profile, user name, team or API key id; null
 *                               for calls without one (no team, say), and for a report's totals
 * @param knownCostUsd           the exact sum of the costs that are known
 * @param unknownCostCalls       calls whose cost is unknown (no usage reported, or an unpriced model): never $0
 * @param unknownCostEstimateUsd their estimated cost, from the routing decisions' estimates
 * @param unestimatedCalls       unknown-cost calls that had no estimate either
 * @param share                  this group's part of the period's likely cost (known plus estimated), 0 to 1;
 *                               null when the period cost nothing
 */
public record CostRow(String key, long calls, TokenCounts tokens, BigDecimal knownCostUsd, long unknownCostCalls,
                      BigDecimal unknownCostEstimateUsd, long unestimatedCalls, BigDecimal share, Savings savings) {

    static CostRow of(String key, CostFigures f, BigDecimal share) {
        return new CostRow(key, f.calls(), f.tokens(), CostFigures.tidy(f.knownCostUsd()), f.unknownCostCalls(),
                CostFigures.tidy(f.unknownEstimateUsd()), f.unestimatedCalls(), share, Savings.of(f));
    }
}
