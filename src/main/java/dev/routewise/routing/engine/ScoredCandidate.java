package dev.routewise.routing.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One model in a decision: eligible with its factors and score, or excluded with every reason.
 *
 * @param factors          null when not eligible
 * @param tierFit          how well its cost tier fits the profile's preference, 0..1
 * @param score            0..1; 0 when not eligible
 * @param estimatedCostUsd exact, null when unpriced
 * @param quality          general quality 0..100 used for minQuality and the quality factor
 * @param latencyMs        observed p50, else the tier default ({@code latencyDefaulted})
 */
public record ScoredCandidate(RouteCandidate model, boolean eligible, List<Exclusion> exclusions, Factors factors,
                              double tierFit, double score, BigDecimal estimatedCostUsd, double quality, int latencyMs,
                              boolean latencyDefaulted) {

    public ScoredCandidate {
        Objects.requireNonNull(model, "model");
        exclusions = List.copyOf(exclusions);
        if (eligible != exclusions.isEmpty()) {
            throw new IllegalArgumentException("a candidate is eligible exactly when nothing excludes it");
        }
        if (eligible != (factors != null)) {
            throw new IllegalArgumentException("factors are given exactly for eligible candidates");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1]: " + score);
        }
    }

    public String id() {
        return model.id();
    }

    /** The {@code excludedBecause} text of the API: every reason, joined; null when eligible. */
    public String excludedBecause() {
        return eligible ? null : exclusions.stream().map(Exclusion::detail).collect(Collectors.joining("; "));
    }

    public boolean excludedBy(ExclusionRule rule) {
        return exclusions.stream().anyMatch(e -> e.rule() == rule);
    }
}
