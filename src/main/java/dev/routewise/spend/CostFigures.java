package dev.routewise.spend;

import java.math.BigDecimal;

/**
 * The additive figures of the ledger's aggregate rows: what one entry contributes, and what a day or month holds.
 * An unknown cost is kept apart as an estimate and never added to the known cost. Savings only compare calls whose
 * actual cost and both baselines are known, so the three amounts are over the same calls.
 *
 * @param unknownCostCalls calls whose actual cost is unknown (unknown_usage, unpriced)
 * @param unknownEstimateUsd the decisions' estimates of those calls
 * @param unestimatedCalls calls of those that had no estimate either
 * @param savingsCalls     calls with a known actual cost and both baselines
 */
record CostFigures(long calls, TokenCounts tokens, BigDecimal knownCostUsd, long unknownCostCalls,
                   BigDecimal unknownEstimateUsd, long unestimatedCalls, long savingsCalls,
                   BigDecimal savingsActualUsd, BigDecimal topModelUsd, BigDecimal premiumUsd) {

    static final CostFigures ZERO = new CostFigures(0, TokenCounts.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** What one entry adds to its day and month. */
    static CostFigures of(CostEntry e, CostBaselines.Baseline b) {
        TokenCounts tokens = e.tokens() == null ? TokenCounts.ZERO : e.tokens();
        boolean known = e.status().known();
        BigDecimal estimate = known || e.estimatedCostUsd() == null ? BigDecimal.ZERO : e.estimatedCostUsd();
        boolean comparable = known && e.tokens() != null && b.topCostUsd() != null && b.premiumCostUsd() != null;
        return new CostFigures(1, tokens, known ? e.actualCostUsd() : BigDecimal.ZERO, known ? 0 : 1, estimate,
                !known && e.estimatedCostUsd() == null ? 1 : 0, comparable ? 1 : 0,
                comparable ? e.actualCostUsd() : BigDecimal.ZERO, comparable ? b.topCostUsd() : BigDecimal.ZERO,
                comparable ? b.premiumCostUsd() : BigDecimal.ZERO);
    }

    CostFigures plus(CostFigures o) {
        return new CostFigures(calls + o.calls, tokens.plus(o.tokens), knownCostUsd.add(o.knownCostUsd),
                unknownCostCalls + o.unknownCostCalls, unknownEstimateUsd.add(o.unknownEstimateUsd),
                unestimatedCalls + o.unestimatedCalls, savingsCalls + o.savingsCalls,
                savingsActualUsd.add(o.savingsActualUsd), topModelUsd.add(o.topModelUsd), premiumUsd.add(o.premiumUsd));
    }

    CostFigures minus(CostFigures o) {
        return new CostFigures(calls - o.calls, tokens.minus(o.tokens), knownCostUsd.subtract(o.knownCostUsd),
                unknownCostCalls - o.unknownCostCalls, unknownEstimateUsd.subtract(o.unknownEstimateUsd),
                unestimatedCalls - o.unestimatedCalls, savingsCalls - o.savingsCalls,
                savingsActualUsd.subtract(o.savingsActualUsd), topModelUsd.subtract(o.topModelUsd),
                premiumUsd.subtract(o.premiumUsd));
    }

    /** An amount as reports show it: exact, without trailing zeros, never in exponent form ("0.013", "100"). */
    static BigDecimal tidy(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Known cost plus the estimate of calls whose cost is unknown: what the calls most likely cost. */
    BigDecimal likelyCostUsd() {
        return knownCostUsd.add(unknownEstimateUsd);
    }
}
