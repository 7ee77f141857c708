package dev.routewise.routing.engine;

/**
 * The estimated costs of one decision's priced models as doubles: first an approximation within a relative
 * {@link #TOLERANCE} (two products and a sum), replaced by the correctly rounded value (integer arithmetic, see
 * {@link PreparedCatalog#roundedCostUsd}, else the exact BigDecimal) as soon as a result could depend on it: the
 * cheapest and dearest, exact scores, a cap or a tie close by. So every decision is exactly what exact costs give.
 * NaN = unpriced. Used by one thread at a time (the request's, then the candidate list's under its lock).
 */
final class Costs {

    /** Far above the approximation's error (about 1e-15), far below any difference in prices that matters. */
    static final double TOLERANCE = 1e-12;

    private final PreparedCatalog catalog;
    private final int inputTokens;
    private final int outputTokens;
    final double[] values;
    private final long[] approximate;

    Costs(PreparedCatalog catalog, int inputTokens, int outputTokens) {
        this.catalog = catalog;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.values = new double[catalog.size()];
        this.approximate = new long[(catalog.size() + 63) >>> 6];
    }

    /** Computes the approximate cost of model i (NaN when unpriced), stores and returns it. */
    double compute(int i) {
        if (!catalog.priced[i]) {
            values[i] = Double.NaN;
            return Double.NaN;
        }
        double v = catalog.approximateCostUsd(i, inputTokens, outputTokens);
        approximate[i >>> 6] |= 1L << i;
        values[i] = v;
        return v;
    }

    boolean isApproximate(int i) {
        return (approximate[i >>> 6] & 1L << i) != 0;
    }

    /** The correctly rounded cost of model i (computed before), NaN when unpriced. */
    double rounded(int i) {
        if (isApproximate(i)) {
            double v = catalog.roundedCostUsd(i, inputTokens, outputTokens);
            values[i] = v == v ? v : catalog.exactCostUsd(i, inputTokens, outputTokens).doubleValue();
            approximate[i >>> 6] &= ~(1L << i);
        }
        return values[i];
    }

    /** True when the stored value of model i may be the rounded cost of {@code v}'s model or on the other side. */
    boolean near(int i, double v) {
        return Math.abs(values[i] - v) <= TOLERANCE * Math.max(Math.abs(v), Math.abs(values[i]));
    }
}
