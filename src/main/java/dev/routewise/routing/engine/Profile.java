package dev.routewise.routing.engine;

import dev.routewise.catalog.CostTier;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A routing profile: factor weights, the cost tiers it prefers in order, and optionally the pool of models it
 * may pick from (empty = every model).
 *
 * @param tierWeight how much the tier preference counts against the weighted factors, in [0,1]:
 *                   score = (1 - tierWeight) x weighted factors + tierWeight x tier fit
 */
public record Profile(String name, String description, Weights weights, List<CostTier> tierPreference,
                      double tierWeight, List<ModelPattern> pool) {

    /** Tier fit by position in {@link #tierPreference}; a tier not listed (or unknown) fits 0. */
    private static final double[] TIER_FIT = {1.0, 0.5, 0.25};

    /*
     * Built-in profiles, tiers from seed 000 ("Routing Profiles"). Balanced weights are seed 002's
     * 35/20/20/15/10. Eco moves weight to cost, premium to quality; both keep capability (task fit) high so a
     * model that is bad at the task is never picked just for being cheap or famous.
     */
    public static final Profile ECO = new Profile("eco", "Cost-optimised: cheapest model that fits the task",
            new Weights(30, 40, 10, 10, 10), List.of(CostTier.LOW, CostTier.MEDIUM), 0.25, List.of());
    public static final Profile BALANCED = new Profile("balanced", "Quality/cost balance (default)",
            new Weights(35, 20, 20, 15, 10), List.of(CostTier.MEDIUM, CostTier.LOW, CostTier.HIGH), 0.25, List.of());
    public static final Profile PREMIUM = new Profile("premium", "Maximum quality",
            new Weights(35, 5, 40, 10, 10), List.of(CostTier.HIGH, CostTier.MEDIUM), 0.25, List.of());

    public static final List<Profile> BUILT_IN = List.of(ECO, BALANCED, PREMIUM);

    public Profile {
        Objects.requireNonNull(name, "name");
        name = name.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(weights, "weights");
        tierPreference = List.copyOf(tierPreference);
        if (new HashSet<>(tierPreference).size() != tierPreference.size()) {
            throw new IllegalArgumentException("a tier appears twice in the preference of " + name);
        }
        if (!(tierWeight >= 0 && tierWeight <= 1)) {
            throw new IllegalArgumentException("tierWeight must be in [0,1]: " + tierWeight);
        }
        pool = pool == null ? List.of() : List.copyOf(pool);
    }

    public static Optional<Profile> builtIn(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().filter(p -> p.name.equals(wanted)).findFirst();
    }

    /** A copy with another pool, e.g. {@code withPool(List.of(ModelPattern.of("anthropic/*")))}. */
    public Profile withPool(List<ModelPattern> newPool) {
        return new Profile(name, description, weights, tierPreference, tierWeight, newPool);
    }

    public boolean inPool(String modelId) {
        return pool.isEmpty() || ModelPattern.anyMatches(pool, modelId);
    }

    /** 1 for the first preferred tier, then 0.5, 0.25; 0 for a tier not listed or an unknown tier. */
    public double tierFit(CostTier tier) {
        int i = tier == null ? -1 : tierPreference.indexOf(tier);
        return i < 0 || i >= TIER_FIT.length ? 0.0 : TIER_FIT[i];
    }

    /** The position of the tier in the preference (0 = first), or -1. */
    public int tierRank(CostTier tier) {
        return tier == null ? -1 : tierPreference.indexOf(tier);
    }
}
