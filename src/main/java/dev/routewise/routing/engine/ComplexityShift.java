package dev.routewise.routing.engine;

import dev.routewise.classify.engine.Complexity;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a prompt's complexity move a profile's weights between cost and quality: a simple prompt leans towards the
 * cheaper model, a complex or critical one towards the stronger, within the same profile (an eco request stays
 * eco, it just buys more quality when the prompt needs it). Medium prompts keep the profile as it is, so the task
 * chains shown for a typical request are the profile's own.
 * <p>
 * The shifted profiles are made once per profile and reused: routing allocates nothing here.
 */
public final class ComplexityShift {

    /** Multipliers of the cost and quality weights, by complexity. */
    private static final double[][] FACTORS = {
            {1.5, 0.75},   // simple: cost counts more, quality less
            {1.0, 1.0},    // medium: as configured
            {0.75, 1.5},   // complex
            {0.5, 2.0},    // critical
    };
    private static final int MAX_MEMO = 256;

    private final Map<Profile, Profile[]> memo = new ConcurrentHashMap<>();

    /** The profile to score a prompt of this complexity with. */
    public Profile apply(Profile profile, Complexity complexity) {
        if (complexity == null || complexity == Complexity.MEDIUM) {
            return profile;
        }
        Profile[] variants = memo.get(profile);
        if (variants == null) {
            if (memo.size() >= MAX_MEMO) {
                memo.clear(); // profiles change rarely: an old generation is dropped whole
            }
            variants = new Profile[FACTORS.length];
            for (Complexity c : Complexity.values()) {
                variants[c.ordinal()] = shifted(profile, c);
            }
            memo.put(profile, variants);
        }
        return variants[complexity.ordinal()];
    }

    /** "complexity critical: quality counts 2x, cost 0.5x", or null when nothing moves. */
    public static String explain(Complexity complexity) {
        if (complexity == null || complexity == Complexity.MEDIUM) {
            return null;
        }
        double[] f = FACTORS[complexity.ordinal()];
        return String.format(Locale.ROOT, "complexity %s: quality weight x%s, cost weight x%s", complexity.id(),
                trim(f[1]), trim(f[0]));
    }

    private static Profile shifted(Profile p, Complexity c) {
        double[] f = FACTORS[c.ordinal()];
        Weights w = p.weights();
        if (w.cost() * f[0] + w.quality() * f[1] + w.capability() + w.latency() + w.historical() <= 0) {
            return p;
        }
        Weights shifted = new Weights(w.capability(), w.cost() * f[0], w.quality() * f[1], w.latency(),
                w.historical());
        return new Profile(p.name(), p.description(), shifted, p.tierPreference(), p.tierWeight(), p.pool());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
