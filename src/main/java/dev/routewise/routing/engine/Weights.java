package dev.routewise.routing.engine;

/**
 * How much each factor counts. Any non-negative values with a positive sum are accepted and normalised to sum 1,
 * so {@code new Weights(35, 20, 20, 15, 10)} and {@code new Weights(0.35, 0.2, 0.2, 0.15, 0.1)} are equal.
 */
public record Weights(double capability, double cost, double quality, double latency, double historical) {

    public Weights {
        double[] all = {capability, cost, quality, latency, historical};
        double sum = 0;
        for (double w : all) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and non-negative: " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
        capability /= sum;
        cost /= sum;
        quality /= sum;
        latency /= sum;
        historical /= sum;
    }

    /** The weighted sum of factor values, each in [0,1]; the result is in [0,1]. */
    public double combine(Factors f) {
        return capability * f.capability() + cost * f.cost() + quality * f.quality() + latency * f.latency()
                + historical * f.historical();
    }
}
