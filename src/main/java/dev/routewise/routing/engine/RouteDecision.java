package dev.routewise.routing.engine;

import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine decided.
 *
 * @param chosen           null when no model is eligible (the caller answers 422 from {@link #excludedByRule()})
 * @param candidates       eligible ones by score (best first, ties by id), then excluded ones by id
 * @param fallbackChain    ids to try after {@code chosen}, other providers first
 * @param estimatedCostUsd of {@code chosen}, exact; null when none is chosen or it is unpriced
 * @param rule             {@code "override"} when a per-task override decided, else null
 * @param reasons          short human-readable reasons
 */
public record RouteDecision(String profile, TaskLabel task, Complexity complexity, ScoredCandidate chosen,
                            List<ScoredCandidate> candidates, List<String> fallbackChain,
                            BigDecimal estimatedCostUsd, String rule, List<String> reasons) {

    public RouteDecision {
        // the engine's list is immutable and builds its entries on first read; copying would build them all
        candidates = candidates instanceof RankedCandidates ? candidates : List.copyOf(candidates);
        fallbackChain = List.copyOf(fallbackChain);
        reasons = List.copyOf(reasons);
    }

    /** Whether the model with this id passed every filter; cheap on the engine's lazily built candidates. */
    public boolean isEligible(String modelId) {
        if (candidates instanceof RankedCandidates ranked) {
            return ranked.isEligible(modelId);
        }
        for (ScoredCandidate c : candidates) {
            if (c.id().equals(modelId)) {
                return c.eligible();
            }
        }
        return false;
    }

    public boolean routed() {
        return chosen != null;
    }

    public Optional<ScoredCandidate> choice() {
        return Optional.ofNullable(chosen);
    }

    public List<ScoredCandidate> eligible() {
        return candidates.stream().filter(ScoredCandidate::eligible).toList();
    }

    public List<ScoredCandidate> excluded() {
        return candidates.stream().filter(c -> !c.eligible()).toList();
    }

    /** For each rule, the ids of the models it excluded (a model excluded for two reasons appears twice). */
    public Map<ExclusionRule, List<String>> excludedByRule() {
        Map<ExclusionRule, List<String>> map = new EnumMap<>(ExclusionRule.class);
        for (ScoredCandidate c : candidates) {
            for (Exclusion e : c.exclusions()) {
                map.computeIfAbsent(e.rule(), r -> new ArrayList<>()).add(c.id());
            }
        }
        return map;
    }
}
