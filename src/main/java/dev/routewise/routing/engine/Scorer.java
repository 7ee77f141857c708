package dev.routewise.routing.engine;

import dev.routewise.catalog.CostTier;

/**
 * The score of an eligible model in one decision, from the catalog's precomputed arrays. {@link #score} is the
 * exact figure, always computed by the same expression (a decision's scores are reproducible to the last bit);
 * {@link #bound} is an upper bound on it that skips the logarithm of the cost, so that the engine computes exact
 * scores only for models that can still make the choice or the fallback chain.
 */
final class Scorer {

    /** Added to costs before taking logs, so free (local) models have a finite, best cost. */
    static final double COST_EPSILON_USD = 1e-6;
    /**
     * Covers the rounding of the bound's own arithmetic (a few ulps of numbers below 100, so about 1e-14), with
     * room to spare; a bound only decides whether an exact score is computed, so slack costs time, not accuracy.
     */
    private static final double BOUND_MARGIN = 1e-9;
    private static final int LOG_TABLE_BITS = 8;
    /** log(1 + k / 256): with the exponent, a lower bound of a logarithm from the top bits of the mantissa. */
    private static final double[] LOG_TABLE = new double[1 << LOG_TABLE_BITS];
    private static final double LN2 = Math.log(2);

    static {
        for (int k = 0; k < LOG_TABLE.length; k++) {
            LOG_TABLE[k] = Math.log(1 + (double) k / LOG_TABLE.length);
        }
    }

    private final double[] capability;
    private final double[] qualityFactor;
    private final int[] latencies;
    private final int[] tiers;
    private final Costs costs;
    private final double[] costValues;
    /** Per model, the historical factor; null = neutral for all. */
    private final double[] history;
    private final double wCapability;
    private final double wCost;
    private final double wQuality;
    private final double wLatency;
    private final double wHistorical;
    private final double tierWeight;
    private final double[] tierFits;
    final double minLog;
    final double maxLog;
    final int fastest;
    private final double logRange;
    private final double inverseLogRange;
    private final double[] inverseLatencies;

    Scorer(PreparedCatalog catalog, PreparedCatalog.QualityFacts facts, double[] history, Profile profile,
           int taskOrdinal, Costs costs, double minCost, double maxCost, int fastest) {
        this.capability = facts.capability()[taskOrdinal];
        this.qualityFactor = facts.qualityFactor();
        this.latencies = catalog.latencyMs;
        this.tiers = catalog.tier;
        this.costs = costs;
        this.costValues = costs.values;
        this.history = history;
        Weights w = profile.weights();
        this.wCapability = w.capability();
        this.wCost = w.cost();
        this.wQuality = w.quality();
        this.wLatency = w.latency();
        this.wHistorical = w.historical();
        this.tierWeight = profile.tierWeight();
        this.tierFits = new double[PreparedCatalog.UNKNOWN_TIER + 1];
        for (CostTier t : CostTier.values()) {
            tierFits[t.ordinal()] = profile.tierFit(t);
        }
        tierFits[PreparedCatalog.UNKNOWN_TIER] = profile.tierFit(null);
        // costs span orders of magnitude (local 0 to premium dollars): they are compared on a log scale;
        // Math.log is semi-monotonic, so the log of the extreme costs is the extreme of the logs
        this.minLog = minCost == Double.POSITIVE_INFINITY ? minCost : Math.log(minCost + COST_EPSILON_USD);
        this.maxLog = maxCost == Double.NEGATIVE_INFINITY ? maxCost : Math.log(maxCost + COST_EPSILON_USD);
        this.fastest = fastest;
        this.logRange = maxLog - minLog;
        this.inverseLogRange = 1.0 / logRange;
        this.inverseLatencies = catalog.inverseLatencies;
    }

    double score(int i) {
        return combine(i, costFactor(i));
    }

    /**
     * At least {@link #score}, and close to it, without a logarithm or a division: the cost factor from a lower
     * bound of the log (exponent and the top 8 bits of the mantissa, so within 1/256) of the cost or of its
     * approximation, reciprocals precomputed, and a margin far above the rounding and approximation errors. The clamp of the exact score only lowers it.
     */
    double bound(int i) {
        double cost = costValues[i];
        double costFactor;
        if (cost != cost) {
            costFactor = 0.0;
        } else if (logRange < 1e-12) {
            costFactor = 1.0;
        } else {
            costFactor = Math.clamp(1.0 - (lowerLog(cost + COST_EPSILON_USD) - minLog) * inverseLogRange, 0.0, 1.0);
        }
        int latency = latencies[i];
        double latencyFactor = latency <= 0 ? 1.0 : Math.min(1.0, Math.max(fastest, 1) * inverseLatencies[i]);
        double combined = wCapability * capability[i] + wCost * costFactor + wQuality * qualityFactor[i]
                + wLatency * latencyFactor + wHistorical * historical(i);
        return (1 - tierWeight) * combined + tierWeight * tierFits[tiers[i]] + BOUND_MARGIN;
    }

    /** A lower bound of log(x) for a positive normal x. */
    private static double lowerLog(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> 52) - 1023;
        int top = (int) (bits >>> (52 - LOG_TABLE_BITS)) & (LOG_TABLE.length - 1);
        return exponent * LN2 + LOG_TABLE[top] - BOUND_MARGIN;
    }

    Factors factors(int i) {
        return new Factors(capability[i], costFactor(i), qualityFactor[i], latencyFactor(i), historical(i));
    }

    private double combine(int i, double costFactor) {
        double combined = wCapability * capability[i] + wCost * costFactor + wQuality * qualityFactor[i]
                + wLatency * latencyFactor(i) + wHistorical * historical(i);
        return Math.clamp((1 - tierWeight) * combined + tierWeight * tierFits[tiers[i]], 0.0, 1.0);
    }

    private double costFactor(int i) {
        double cost = costs.rounded(i);
        if (cost != cost) {
            return 0.0; // unpriced is never treated as free
        }
        if (maxLog - minLog < 1e-12) {
            return 1.0;
        }
        return Math.clamp(1.0 - (Math.log(cost + COST_EPSILON_USD) - minLog) / (maxLog - minLog), 0.0, 1.0);
    }

    private double latencyFactor(int i) {
        int latency = latencies[i];
        return latency <= 0 ? 1.0 : Math.min(1.0, (double) Math.max(fastest, 1) / latency);
    }

    private double historical(int i) {
        return history == null ? RoutingEngine.NEUTRAL_HISTORY : history[i];
    }
}
