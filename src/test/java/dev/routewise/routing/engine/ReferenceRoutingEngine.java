package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.classify.engine.TaskLabel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine as it was before decisions were computed on primitive arrays (one ScoredCandidate per model, a full
 * sort): kept as the oracle that the fast engine must match decision for decision.
 */
final class ReferenceRoutingEngine {

    private static final int UNKNOWN_TIER_LATENCY_MS = 2000;
    /** Historical factor of a model without outcomes: neutral. */
    private static final double NEUTRAL_HISTORY = 0.5;
    private static final int MAX_FALLBACKS = 3;
    /** Added to costs before taking logs, so free (local) models have a finite, best cost. */
    private static final double COST_EPSILON_USD = 1e-6;

    private static final Comparator<ScoredCandidate> BY_SCORE =
            Comparator.comparingDouble(ScoredCandidate::score).reversed().thenComparing(ScoredCandidate::id);

    public RouteDecision route(RouteRequest request, Profile profile, List<RouteCandidate> models,
                               QualityTable quality, Map<TaskLabel, String> overrides) {
        return route(request, profile, models, quality, overrides, Map.of());
    }

    /**
     * @param overrides    per task, a model id forced within this profile (null or empty = none)
     * @param successRates per model id, the observed success rate 0..1 (absent = neutral)
     */
    public RouteDecision route(RouteRequest request, Profile profile, List<RouteCandidate> models,
                               QualityTable quality, Map<TaskLabel, String> overrides,
                               Map<String, Double> successRates) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(quality, "quality");
        overrides = overrides == null ? Map.of() : overrides;
        successRates = successRates == null ? Map.of() : successRates;

        Set<Modality> modalities = request.allRequiredModalities();
        int n = models.size();
        List<RouteCandidate> eligibleModels = new ArrayList<>(n);
        List<ScoredCandidate> excluded = new ArrayList<>();
        double[] qualities = new double[n];
        int[] latencies = new int[n];
        BigDecimal[] costs = new BigDecimal[n];
        int e = 0;
        for (RouteCandidate m : models) {
            double q = quality.quality(m.id(), m.costTier());
            boolean latencyDefaulted = m.observedP50LatencyMs() == null;
            int latency = latencyDefaulted ? defaultLatency(m.costTier()) : m.observedP50LatencyMs();
            BigDecimal cost = m.estimateCostUsd(request.estimatedInputTokens(), request.estimatedOutputTokens());
            List<Exclusion> why = exclusions(m, request, profile, modalities, q, latency, latencyDefaulted, cost);
            if (why.isEmpty()) {
                qualities[e] = q;
                latencies[e] = latency;
                costs[e] = cost;
                eligibleModels.add(m);
                e++;
            } else {
                excluded.add(new ScoredCandidate(m, false, why, null, profile.tierFit(m.costTier()), 0.0, cost, q,
                        latency, latencyDefaulted));
            }
        }

        List<ScoredCandidate> eligible = score(request, profile, quality, successRates, eligibleModels, qualities,
                latencies, costs);
        eligible.sort(BY_SCORE);
        excluded.sort(Comparator.comparing(ScoredCandidate::id));

        List<String> reasons = new ArrayList<>();
        ScoredCandidate chosen = eligible.isEmpty() ? null : eligible.getFirst();
        String rule = null;
        String overrideId = overrides.get(request.task());
        if (overrideId != null) {
            ScoredCandidate forced = find(eligible, overrideId);
            if (forced != null) {
                chosen = forced;
                rule = "override";
                reasons.add("override for " + request.task() + " in profile " + profile.name() + ": " + overrideId);
            } else {
                ScoredCandidate blocked = find(excluded, overrideId);
                reasons.add("override " + overrideId + " for " + request.task() + " ignored: "
                        + (blocked == null ? "not in the catalog" : blocked.excludedBecause())
                        + (eligible.isEmpty() ? "" : "; scored instead"));
            }
        }
        if (chosen != null && rule == null) {
            reasons.add(whyChosen(chosen, eligible, request.task(), profile));
        }
        if (chosen == null) {
            reasons.add("no eligible model among " + n);
        }
        reasons.addAll(exclusionSummary(excluded));

        List<ScoredCandidate> all = new ArrayList<>(n);
        all.addAll(eligible);
        all.addAll(excluded);
        return new RouteDecision(profile.name(), request.task(), request.complexity(), chosen, all,
                fallbackChain(chosen, eligible), chosen == null ? null : chosen.estimatedCostUsd(), rule, reasons);
    }

    private static List<Exclusion> exclusions(RouteCandidate m, RouteRequest r, Profile profile,
                                              Set<Modality> modalities, double quality, int latency,
                                              boolean latencyDefaulted, BigDecimal cost) {
        if (m.kind() != ModelKind.CHAT) {
            // Embedding, image or audio models would only clutter every other reason.
            return List.of(Exclusion.of(ExclusionRule.NOT_CHAT, "not a chat model (" + m.kind().key() + ")"));
        }
        List<Exclusion> why = new ArrayList<>(2);
        RouteConstraints c = r.constraints();
        if (!m.enabled()) {
            why.add(Exclusion.of(ExclusionRule.DISABLED, "disabled in the catalog"));
        }
        String status = m.status();
        if (status.equalsIgnoreCase("missing") || status.equalsIgnoreCase("deprecated")) {
            why.add(Exclusion.of(ExclusionRule.UNAVAILABLE, "status is " + status.toLowerCase(Locale.ROOT)));
        }
        if (!m.sourceHealthy()) {
            why.add(Exclusion.of(ExclusionRule.SOURCE_UNHEALTHY, "source " + m.provider() + " is unhealthy"));
        }
        for (Modality mod : modalities) {
            if (!m.accepts(mod)) {
                why.add(Exclusion.of(ExclusionRule.MODALITY, "does not accept " + mod.key() + " input", mod.key()));
            }
        }
        long needed = (long) r.estimatedInputTokens() + r.estimatedOutputTokens();
        Integer ctx = m.contextTokens();
        if (ctx != null && ctx < needed) {
            why.add(Exclusion.of(ExclusionRule.CONTEXT_WINDOW, "context window " + ctx + " tokens < " + needed
                    + " needed (estimated input + output)"));
        }
        if (c.minContextTokens() != null && (ctx == null || ctx < c.minContextTokens())) {
            why.add(Exclusion.of(ExclusionRule.MIN_CONTEXT, (ctx == null ? "context window unknown" :
                    "context window " + ctx + " tokens") + " < minContextTokens " + c.minContextTokens()));
        }
        if (r.needsTools() && !m.has(Capability.TOOLS)) {
            why.add(Exclusion.of(ExclusionRule.TOOLS, "no tool calling, the request declares tools"));
        }
        if (r.needsStructuredOutput() && !m.has(Capability.STRUCTURED_OUTPUT)) {
            why.add(Exclusion.of(ExclusionRule.STRUCTURED_OUTPUT,
                    "no structured output, the request asks for a JSON answer"));
        }
        if (!c.allowedModels().isEmpty() && !ModelPattern.anyMatches(c.allowedModels(), m.id())) {
            why.add(Exclusion.of(ExclusionRule.NOT_ALLOWED, "not matched by allowedModels " + c.allowedModels()));
        }
        if (ModelPattern.anyMatches(c.excludedModels(), m.id())) {
            why.add(Exclusion.of(ExclusionRule.EXCLUDED, "matched by excludedModels " + c.excludedModels()));
        }
        if (!profile.inPool(m.id())) {
            why.add(Exclusion.of(ExclusionRule.OUTSIDE_POOL, "outside the pool of profile " + profile.name() + " "
                    + profile.pool()));
        }
        if (c.maxCostUsd() != null) {
            if (cost == null) {
                why.add(Exclusion.of(ExclusionRule.UNPRICED_UNDER_COST_CAP,
                        "unpriced, so its cost cannot be held under maxCostUsd " + c.maxCostUsd().toPlainString()));
            } else if (cost.compareTo(c.maxCostUsd()) > 0) {
                why.add(Exclusion.of(ExclusionRule.MAX_COST, "estimated cost $" + cost.toPlainString()
                        + " > maxCostUsd " + c.maxCostUsd().toPlainString()));
            }
        }
        if (c.minQuality() != null && quality < c.minQuality()) {
            why.add(Exclusion.of(ExclusionRule.MIN_QUALITY, "quality " + fmt1(quality) + " < minQuality "
                    + fmt1(c.minQuality())));
        }
        if (c.maxLatencyMs() != null && latency > c.maxLatencyMs()) {
            why.add(Exclusion.of(ExclusionRule.MAX_LATENCY, "p50 latency " + latency + " ms"
                    + (latencyDefaulted ? " (tier default)" : "") + " > maxLatencyMs " + c.maxLatencyMs()));
        }
        return why;
    }

    private static List<ScoredCandidate> score(RouteRequest request, Profile profile, QualityTable table,
                                               Map<String, Double> successRates, List<RouteCandidate> models,
                                               double[] qualities, int[] latencies, BigDecimal[] costs) {
        int n = models.size();
        // Costs span orders of magnitude (local 0 to premium dollars): compare them on a log scale.
        double minLog = Double.POSITIVE_INFINITY;
        double maxLog = Double.NEGATIVE_INFINITY;
        int fastest = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (costs[i] != null) {
                double l = Math.log(costs[i].doubleValue() + COST_EPSILON_USD);
                minLog = Math.min(minLog, l);
                maxLog = Math.max(maxLog, l);
            }
            fastest = Math.min(fastest, latencies[i]);
        }
        double w = profile.tierWeight();
        List<ScoredCandidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RouteCandidate m = models.get(i);
            double cost;
            if (costs[i] == null) {
                cost = 0.0; // unpriced is never treated as free
            } else if (maxLog - minLog < 1e-12) {
                cost = 1.0;
            } else {
                cost = 1.0 - (Math.log(costs[i].doubleValue() + COST_EPSILON_USD) - minLog) / (maxLog - minLog);
            }
            double latency = latencies[i] <= 0 ? 1.0 : Math.min(1.0, (double) Math.max(fastest, 1) / latencies[i]);
            Double rate = successRates.get(m.id());
            double history = rate == null || rate.isNaN() ? NEUTRAL_HISTORY : Math.clamp(rate, 0.0, 1.0);
            Factors f = new Factors(Math.clamp(table.taskFit(m.id(), m.costTier(), request.task()), 0.0, 1.0),
                    Math.clamp(cost, 0.0, 1.0), Math.clamp(qualities[i] / 100.0, 0.0, 1.0), latency, history);
            double tierFit = profile.tierFit(m.costTier());
            double score = Math.clamp((1 - w) * profile.weights().combine(f) + w * tierFit, 0.0, 1.0);
            out.add(new ScoredCandidate(m, true, List.of(), f, tierFit, score, costs[i], qualities[i], latencies[i],
                    m.observedP50LatencyMs() == null));
        }
        return out;
    }

    /** Other providers first (a failing source takes all its models down), then by score. */
    private static List<String> fallbackChain(ScoredCandidate chosen, List<ScoredCandidate> eligible) {
        if (chosen == null) {
            return List.of();
        }
        String provider = chosen.model().provider();
        List<String> chain = new ArrayList<>(MAX_FALLBACKS);
        for (boolean sameProvider : new boolean[] {false, true}) {
            for (ScoredCandidate c : eligible) {
                if (chain.size() == MAX_FALLBACKS) {
                    return chain;
                }
                if (c != chosen && c.model().provider().equals(provider) == sameProvider) {
                    chain.add(c.id());
                }
            }
        }
        return chain;
    }

    private static String whyChosen(ScoredCandidate chosen, List<ScoredCandidate> eligible, TaskLabel task,
                                    Profile profile) {
        CostTier tier = chosen.model().costTier();
        String tierName = tier == null ? "unknown" : tier.key();
        boolean bestFitInTier = true;
        boolean cheapest = chosen.estimatedCostUsd() != null;
        for (ScoredCandidate c : eligible) {
            if (c.model().costTier() == tier && c.factors().capability() > chosen.factors().capability()) {
                bestFitInTier = false;
            }
            if (cheapest && c.estimatedCostUsd() != null && c.estimatedCostUsd().compareTo(chosen.estimatedCostUsd()) < 0) {
                cheapest = false;
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(bestFitInTier ? "best " + task + " score among " + tierName + "-tier models"
                : "highest combined score for " + task + " (" + fmt2(chosen.score()) + ")");
        int rank = profile.tierRank(tier);
        if (rank >= 0) {
            s.append("; ").append(tierName).append(" is ").append(rank == 0 ? "the first" : "a fallback")
                    .append(" tier of profile ").append(profile.name());
        }
        if (cheapest && eligible.size() > 1) {
            s.append("; cheapest eligible model");
        }
        return s.toString();
    }

    /** "excluded 12 models without image input", most frequent first, ties in rule order. */
    private static List<String> exclusionSummary(List<ScoredCandidate> excluded) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, ExclusionRule> rules = new LinkedHashMap<>();
        for (ScoredCandidate c : excluded) {
            for (Exclusion x : c.exclusions()) {
                counts.computeIfAbsent(x.summary(), k -> new int[1])[0]++;
                rules.putIfAbsent(x.summary(), x.rule());
            }
        }
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparingInt((String k) -> -counts.get(k)[0])
                .thenComparing(k -> rules.get(k).ordinal()).thenComparing(k -> k));
        List<String> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            int count = counts.get(k)[0];
            out.add("excluded " + count + (count == 1 ? " model " : " models ") + k);
        }
        return out;
    }

    private static ScoredCandidate find(List<ScoredCandidate> list, String id) {
        for (ScoredCandidate c : list) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static int defaultLatency(CostTier tier) {
        // a switch, not a map lookup: this runs for every candidate of every decision
        if (tier == null) {
            return UNKNOWN_TIER_LATENCY_MS;
        }
        return switch (tier) {
            case LOW -> 800;
            case MEDIUM -> 1500;
            case HIGH -> 3000;
        };
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
