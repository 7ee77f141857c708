package dev.routewise.routing.engine;

/**
 * The five scoring factors of one eligible candidate, each in [0,1] (higher is better), as in the
 * {@code factors} object of a /api/v1/route answer.
 */
public record Factors(double capability, double cost, double quality, double latency, double historical) {

    public Factors {
        check("capability", capability);
        check("cost", cost);
        check("quality", quality);
        check("latency", latency);
        check("historical", historical);
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " factor must be in [0,1]: " + v);
        }
    }
}
