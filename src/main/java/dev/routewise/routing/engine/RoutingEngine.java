package dev.routewise.routing.engine;

import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.classify.engine.TaskLabel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Picks a model for a request: hard eligibility filters first (each exclusion recorded with its reason), then a
 * weighted score of the eligible ones, a per-task override when it is eligible, and a fallback chain.
 * Stateless and thread-safe; no I/O; deterministic (ties broken by id).
 * <p>
 * Every request scans the whole catalog, so the scan works on a {@link PreparedCatalog}'s primitive arrays: exact
 * BigDecimal costs only where a comparison of correctly rounded doubles cannot decide; exact scores only for models
 * whose upper bound can still reach the choice or the fallback chain; the full candidate list (sorted, every
 * exclusion worded) built when it is read. The decision is the same, to the last bit of every score, as building
 * every candidate and sorting them all. Pass a {@link PreparedCatalog} built once per catalog snapshot; a plain
 * list is prepared on every call.
 * <p>
 * Complexity is carried into the decision but does not change scores yet: escalating hard prompts (say,
 * critical to a premium profile) belongs to the rules layer above the engine.
 */
public final class RoutingEngine {

    /** p50 latency assumed until outcomes are observed, by tier: cheap models tend to be small and fast. */
    public static final Map<CostTier, Integer> DEFAULT_LATENCY_MS = Map.of(
            CostTier.LOW, 800, CostTier.MEDIUM, 1500, CostTier.HIGH, 3000);
    static final int UNKNOWN_TIER_LATENCY_MS = 2000;
    /** Historical factor of a model without outcomes: neutral. */
    public static final double NEUTRAL_HISTORY = 0.5;
    public static final int MAX_FALLBACKS = 3;
    /** Models whose exact scores are computed first: enough to hold the choice and its chain, usually. */
    private static final int POOL = 64;

    private static final ExclusionRule[] RULES = ExclusionRule.values();
    /** A list, not an array: the architecture rule admits the catalog enums themselves, not arrays of them. */
    private static final List<Modality> MODALITIES = List.of(Modality.values());

    public RouteDecision route(RouteRequest request, Profile profile, List<RouteCandidate> models,
                               QualityTable quality, Map<TaskLabel, String> overrides) {
        return route(request, profile, models, quality, overrides, Map.of());
    }

    /**
     * @param models       best a {@link PreparedCatalog}, prepared once per catalog snapshot
     * @param overrides    per task, a model id forced within this profile (null or empty = none)
     * @param successRates per model id, the observed success rate 0..1 (absent = neutral)
     */
    public RouteDecision route(RouteRequest request, Profile profile, List<RouteCandidate> models,
                               QualityTable quality, Map<TaskLabel, String> overrides,
                               Map<String, Double> successRates) {
        String overrideId = overrides == null ? null : overrides.get(request.task());
        Forced forced = overrideId == null ? null : new Forced(overrideId, "override", "override for "
                + request.task() + " in profile " + profile.name() + ": " + overrideId, "override");
        return route(request, profile, models, quality, forced, successRates);
    }

    /**
     * @param forced       a model to choose while it is eligible, with the words for it (null = scoring decides)
     * @param successRates per model id, the observed success rate 0..1 (absent = neutral)
     */
    public RouteDecision route(RouteRequest request, Profile profile, List<RouteCandidate> models,
                               QualityTable quality, Forced forced, Map<String, Double> successRates) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(quality, "quality");
        successRates = successRates == null ? Map.of() : successRates;

        PreparedCatalog cat = PreparedCatalog.of(models);
        PreparedCatalog.QualityFacts facts = cat.facts(quality);
        int n = cat.size();
        Filtered f = filter(cat, facts, request, profile);
        int[] eligible = f.eligible;
        int e = f.eligibleCount;
        Scorer scorer = new Scorer(cat, facts, cat.history(successRates), profile, request.task().ordinal(),
                f.costs, f.minCost, f.maxCost, f.fastest);
        // scores[i] holds an upper bound until the bit of i in exact is set, then the exact score
        double[] scores = new double[n];
        long[] exact = new long[(n + 63) >>> 6];
        // the few highest bounds form a pool; its exact scores decide when they clear every bound outside it
        int[] pool = new int[POOL];
        int poolSize = bound(scorer, eligible, e, scores, cat.idRank, pool);
        double poolFloor = poolSize < e ? scores[pool[poolSize - 1]] : Double.NEGATIVE_INFINITY;
        for (int k = 0; k < poolSize; k++) {
            exact(scorer, pool[k], scores, exact);
        }
        int best = -1;
        for (int k = 0; k < poolSize; k++) {
            if (best < 0 || RankedCandidates.before(pool[k], best, scores, cat.idRank)) {
                best = pool[k];
            }
        }
        if (best >= 0 && !(scores[best] > poolFloor)) {
            best = best(scorer, eligible, e, scores, exact, cat.idRank, best);
        }

        List<String> reasons = new ArrayList<>();
        int chosen = best;
        String rule = null;
        String overrideId = forced == null ? null : forced.model();
        int overridden = overrideId == null ? -1 : cat.indexOf(overrideId);
        if (overrideId != null && overridden >= 0 && f.masks[overridden] == 0) {
            chosen = overridden;
            exact(scorer, overridden, scores, exact);
            rule = forced.rule();
            reasons.add(forced.reason());
        }
        RankedCandidates candidates = new RankedCandidates(cat, facts, request, profile, scorer, f.masks, scores,
                exact, eligible, e, chosen);
        ScoredCandidate chosenCandidate = candidates.chosen();
        if (overrideId != null && rule == null) {
            reasons.add(forced.label() + " " + overrideId + " for " + request.task() + " ignored: "
                    + (overridden < 0 ? "not in the catalog" : candidates.excludedBecause(overridden))
                    + (e == 0 ? "" : "; scored instead"));
        }
        List<String> chain = List.of();
        if (chosen >= 0) {
            chain = poolChain(cat, scores, pool, poolSize, poolFloor, e, chosen);
            if (chain == null) {
                chain = fallbackChain(cat, scorer, scores, exact, eligible, e, chosen);
            }
            if (rule == null) {
                reasons.add(whyChosen(cat, facts, f, chosen, chosenCandidate, request, profile));
            }
        } else {
            reasons.add("no eligible model among " + n);
        }
        reasons.addAll(exclusionSummary(f.ruleCounts, f.modalityCounts));
        return new RouteDecision(profile.name(), request.task(), request.complexity(), chosenCandidate, candidates,
                chain, chosenCandidate == null ? null : chosenCandidate.estimatedCostUsd(), rule, reasons);
    }

    /** What the hard filters leave: per model its exclusion bits (0 = eligible), the eligible, counts per rule. */
    private static final class Filtered {
        int[] masks;
        int[] eligible;
        int eligibleCount;
        /** Per eligible model, its estimated cost. */
        Costs costs;
        int[] ruleCounts;
        int[] modalityCounts;
        double minCost = Double.POSITIVE_INFINITY;
        double maxCost = Double.NEGATIVE_INFINITY;
        int fastest = Integer.MAX_VALUE;
    }

    /** The hard filters, on primitives; each exclusion is a bit, counted per rule for the summary. */
    private static Filtered filter(PreparedCatalog cat, PreparedCatalog.QualityFacts facts, RouteRequest request,
                                   Profile profile) {
        RouteConstraints c = request.constraints();
        int inTokens = request.estimatedInputTokens();
        int outTokens = request.estimatedOutputTokens();
        long needed = (long) inTokens + outTokens;
        int required = 0;
        for (Modality mod : request.allRequiredModalities()) {
            required |= 1 << mod.ordinal();
        }
        if (request.needsTools()) {
            required |= PreparedCatalog.TOOLS;
        }
        if (request.needsStructuredOutput()) {
            required |= PreparedCatalog.STRUCTURED;
        }
        boolean minContext = c.minContextTokens() != null;
        int minContextTokens = minContext ? c.minContextTokens() : 0;
        long[] allowed = cat.matching(c.allowedModels());
        long[] excludedByPattern = cat.matching(c.excludedModels());
        long[] inPool = cat.matching(profile.pool());
        BigDecimal cap = c.maxCostUsd();
        double capUsd = cap == null ? Double.NaN : cap.doubleValue();
        boolean minQuality = c.minQuality() != null;
        double minQualityValue = minQuality ? c.minQuality() : 0;
        int maxLatency = c.maxLatencyMs() == null ? Integer.MAX_VALUE : c.maxLatencyMs();
        int notChat = RankedCandidates.bit(ExclusionRule.NOT_CHAT);

        int n = cat.size();
        int[] masks = new int[n];
        Costs costs = new Costs(cat, inTokens, outTokens);
        int[] eligible = new int[n];
        int seen = 0;
        int e = 0;
        int[] ruleCounts = new int[RULES.length];
        int[] modalityCounts = new int[MODALITIES.size()];
        double minCost = Double.POSITIVE_INFINITY;
        double maxCost = Double.NEGATIVE_INFINITY;
        int fastest = Integer.MAX_VALUE;
        int[] staticExclusions = cat.staticExclusions;
        int[] abilities = cat.abilities;
        int[] context = cat.context;
        int[] latencies = cat.latencyMs;
        boolean[] priced = cat.priced;
        double[] qualities = facts.quality();
        for (int i = 0; i < n; i++) {
            int mask = staticExclusions[i];
            double cost = Double.NaN;
            if (mask != notChat) {
                int missing = required & ~abilities[i];
                if (missing != 0) {
                    int modalities = missing & PreparedCatalog.MODALITY_BITS;
                    if (modalities != 0) {
                        mask |= RankedCandidates.bit(ExclusionRule.MODALITY)
                                | modalities << RankedCandidates.MODALITY_SHIFT;
                    }
                    if ((missing & PreparedCatalog.TOOLS) != 0) {
                        mask |= RankedCandidates.bit(ExclusionRule.TOOLS);
                    }
                    if ((missing & PreparedCatalog.STRUCTURED) != 0) {
                        mask |= RankedCandidates.bit(ExclusionRule.STRUCTURED_OUTPUT);
                    }
                }
                int ctx = context[i];
                if (ctx != PreparedCatalog.NO_CONTEXT && ctx < needed) {
                    mask |= RankedCandidates.bit(ExclusionRule.CONTEXT_WINDOW);
                }
                if (minContext && (ctx == PreparedCatalog.NO_CONTEXT || ctx < minContextTokens)) {
                    mask |= RankedCandidates.bit(ExclusionRule.MIN_CONTEXT);
                }
                if (allowed != null && (allowed[i >>> 6] & 1L << i) == 0) {
                    mask |= RankedCandidates.bit(ExclusionRule.NOT_ALLOWED);
                }
                if (excludedByPattern != null && (excludedByPattern[i >>> 6] & 1L << i) != 0) {
                    mask |= RankedCandidates.bit(ExclusionRule.EXCLUDED);
                }
                if (inPool != null && (inPool[i >>> 6] & 1L << i) == 0) {
                    mask |= RankedCandidates.bit(ExclusionRule.OUTSIDE_POOL);
                }
                if (cap != null) {
                    if (!priced[i]) {
                        mask |= RankedCandidates.bit(ExclusionRule.UNPRICED_UNDER_COST_CAP);
                    } else {
                        cost = costs.compute(i);
                        if (costs.isApproximate(i) && costs.near(i, capUsd)) {
                            cost = costs.rounded(i);
                        }
                        // both doubles are correctly rounded (or an approximation far from the cap), so only
                        // equal ones need the exact comparison
                        if (cost > capUsd || cost == capUsd && !costs.isApproximate(i)
                                && cat.exactCostUsd(i, inTokens, outTokens).compareTo(cap) > 0) {
                            mask |= RankedCandidates.bit(ExclusionRule.MAX_COST);
                        }
                    }
                }
                if (minQuality && qualities[i] < minQualityValue) {
                    mask |= RankedCandidates.bit(ExclusionRule.MIN_QUALITY);
                }
                if (latencies[i] > maxLatency) {
                    mask |= RankedCandidates.bit(ExclusionRule.MAX_LATENCY);
                }
            }
            if (mask == 0) {
                eligible[e++] = i;
                if (cap == null) {
                    cost = costs.compute(i);
                }
                if (cost == cost) { // priced
                    minCost = Math.min(minCost, cost);
                    maxCost = Math.max(maxCost, cost);
                }
                fastest = Math.min(fastest, latencies[i]);
            } else {
                masks[i] = mask;
                seen |= mask;
            }
        }
        // counted per rule that occurred, one simple pass each, rather than bit by bit per model
        for (int bits = seen; bits != 0; bits &= bits - 1) {
            int bit = Integer.numberOfTrailingZeros(bits);
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += masks[i] >>> bit & 1;
            }
            if (bit < RankedCandidates.MODALITY_SHIFT) {
                ruleCounts[bit] = count;
            } else {
                modalityCounts[bit - RankedCandidates.MODALITY_SHIFT] = count;
            }
        }
        // the cheapest and dearest costs set every cost factor, so they must be the correctly rounded ones. Costs
        // are approximate so far (within 1e-12): only those close to the extremes can be or tie with an extreme
        double low = minCost * (1 + 3 * Costs.TOLERANCE);
        double high = maxCost * (1 - 3 * Costs.TOLERANCE);
        double fixedMin = Double.POSITIVE_INFINITY;
        double fixedMax = Double.NEGATIVE_INFINITY;
        double[] values = costs.values;
        for (int k = 0; k < e; k++) {
            int i = eligible[k];
            double v = values[i];
            if (v <= low || v >= high) {
                v = costs.rounded(i);
                fixedMin = Math.min(fixedMin, v);
                fixedMax = Math.max(fixedMax, v);
            }
        }
        minCost = fixedMin;
        maxCost = fixedMax;
        Filtered f = new Filtered();
        f.masks = masks;
        f.eligible = eligible;
        f.eligibleCount = e;
        f.costs = costs;
        f.ruleCounts = ruleCounts;
        f.modalityCounts = modalityCounts;
        f.minCost = minCost;
        f.maxCost = maxCost;
        f.fastest = fastest;
        return f;
    }

    /**
     * Fills {@code scores} with the upper bounds of the eligible models and {@code pool} with the models of the
     * highest bounds, best first; returns how many are in the pool.
     */
    private static int bound(Scorer scorer, int[] eligible, int e, double[] scores, int[] idRank, int[] pool) {
        int size = 0;
        for (int k = 0; k < e; k++) {
            int i = eligible[k];
            scores[i] = scorer.bound(i);
            if (size < pool.length || RankedCandidates.before(i, pool[size - 1], scores, idRank)) {
                size = insertTop(pool, size, i, scores, idRank);
            }
        }
        return size;
    }

    /**
     * The best eligible model (highest score, ties by id), starting from {@code best} (exact): computes exact
     * scores only where a bound beats the best exact score so far.
     */
    private static int best(Scorer scorer, int[] eligible, int e, double[] scores, long[] exact, int[] idRank,
                            int best) {
        for (int k = 0; k < e; k++) {
            int i = eligible[k];
            if (i != best && RankedCandidates.before(i, best, scores, idRank)) {
                exact(scorer, i, scores, exact);
                if (RankedCandidates.before(i, best, scores, idRank)) {
                    best = i;
                }
            }
        }
        return best;
    }

    /**
     * The fallback chain from the pool alone (exact scores), or null when models outside it could belong: the pool
     * must hold every eligible model, or three models of other providers whose scores clear every bound outside.
     */
    private static List<String> poolChain(PreparedCatalog cat, double[] scores, int[] pool, int poolSize,
                                          double poolFloor, int e, int chosen) {
        int provider = cat.provider[chosen];
        int[] others = new int[MAX_FALLBACKS];
        int[] same = new int[MAX_FALLBACKS];
        int otherCount = 0;
        int sameCount = 0;
        for (int k = 0; k < poolSize; k++) {
            int i = pool[k];
            if (i == chosen) {
                continue;
            }
            if (cat.provider[i] != provider) {
                otherCount = insertTop(others, otherCount, i, scores, cat.idRank);
            } else {
                sameCount = insertTop(same, sameCount, i, scores, cat.idRank);
            }
        }
        boolean whole = poolSize == e;
        if (!whole && !(otherCount == MAX_FALLBACKS && scores[others[MAX_FALLBACKS - 1]] > poolFloor)) {
            return null;
        }
        List<String> chain = new ArrayList<>(MAX_FALLBACKS);
        for (int k = 0; k < otherCount; k++) {
            chain.add(cat.get(others[k]).id());
        }
        for (int k = 0; k < sameCount && chain.size() < MAX_FALLBACKS; k++) {
            chain.add(cat.get(same[k]).id());
        }
        return chain;
    }

    static void exact(Scorer scorer, int i, double[] scores, long[] exact) {
        if ((exact[i >>> 6] & 1L << i) == 0) {
            scores[i] = scorer.score(i);
            exact[i >>> 6] |= 1L << i;
        }
    }

    /** Other providers first (a failing source takes all its models down), then by score. */
    private static List<String> fallbackChain(PreparedCatalog cat, Scorer scorer, double[] scores, long[] exact,
                                              int[] eligible, int e, int chosen) {
        int provider = cat.provider[chosen];
        int[] others = new int[MAX_FALLBACKS];
        int[] same = new int[MAX_FALLBACKS];
        int otherCount = 0;
        int sameCount = 0;
        int[] providers = cat.provider;
        int[] idRank = cat.idRank;
        for (int k = 0; k < e; k++) {
            int i = eligible[k];
            if (i == chosen) {
                continue;
            }
            // a bound that cannot pass the last of a full list rules the model out without its exact score
            if (providers[i] != provider) {
                if (otherCount < MAX_FALLBACKS || RankedCandidates.before(i, others[MAX_FALLBACKS - 1], scores, idRank)) {
                    exact(scorer, i, scores, exact);
                    otherCount = insertTop(others, otherCount, i, scores, idRank);
                }
            } else if (sameCount < MAX_FALLBACKS || RankedCandidates.before(i, same[MAX_FALLBACKS - 1], scores, idRank)) {
                exact(scorer, i, scores, exact);
                sameCount = insertTop(same, sameCount, i, scores, idRank);
            }
        }
        List<String> chain = new ArrayList<>(MAX_FALLBACKS);
        for (int k = 0; k < otherCount; k++) {
            chain.add(cat.get(others[k]).id());
        }
        for (int k = 0; k < sameCount && chain.size() < MAX_FALLBACKS; k++) {
            chain.add(cat.get(same[k]).id());
        }
        return chain;
    }

    /** Keeps {@code top} as the best {@code top.length} seen so far, best first; returns the new count. */
    private static int insertTop(int[] top, int count, int i, double[] scores, int[] idRank) {
        if (count == top.length && !RankedCandidates.before(i, top[count - 1], scores, idRank)) {
            return count;
        }
        int at = Math.min(count, top.length - 1);
        while (at > 0 && RankedCandidates.before(i, top[at - 1], scores, idRank)) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = i;
        return Math.min(count + 1, top.length);
    }

    private static String whyChosen(PreparedCatalog cat, PreparedCatalog.QualityFacts facts, Filtered f,
                                    int chosenIndex, ScoredCandidate chosen, RouteRequest request, Profile profile) {
        double[] capability = facts.capability()[request.task().ordinal()];
        TaskLabel task = request.task();
        CostTier tier = chosen.model().costTier();
        int[] byCapability = facts.byCapability()[request.task().ordinal()][cat.tier[chosenIndex]];
        String tierName = tier == null ? "unknown" : tier.key();
        int[] eligible = f.eligible;
        int e = f.eligibleCount;
        Costs costs = f.costs;
        // the chosen one fits best in its tier unless an eligible model of the tier fits better: walk the tier
        // from its best fit down, which stops at the chosen model's fit or at the first eligible better one
        boolean bestFitInTier = true;
        double chosenFit = capability[chosenIndex];
        for (int i : byCapability) {
            if (capability[i] <= chosenFit) {
                break;
            }
            if (f.masks[i] == 0) {
                bestFitInTier = false;
                break;
            }
        }
        // correctly rounded costs keep the exact order: a cheaper double is a cheaper cost; equal ones need the exact
        double chosenCost = costs.rounded(chosenIndex);
        boolean cheapest = cat.priced[chosenIndex] && chosenCost == f.minCost;
        if (cheapest) {
            for (int k = 0; k < e; k++) {
                int i = eligible[k];
                boolean tie = costs.isApproximate(i) ? costs.near(i, chosenCost) : costs.values[i] == chosenCost;
                if (tie && i != chosenIndex
                        && cat.exactCostUsd(i, request.estimatedInputTokens(), request.estimatedOutputTokens())
                        .compareTo(chosen.estimatedCostUsd()) < 0) {
                    cheapest = false;
                    break;
                }
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
        if (cheapest && e > 1) {
            s.append("; cheapest eligible model");
        }
        return s.toString();
    }

    /** "excluded 12 models without image input", most frequent first, ties in rule order. */
    private static List<String> exclusionSummary(int[] ruleCounts, int[] modalityCounts) {
        record Line(String summary, int count, int rule) {
        }
        List<Line> lines = new ArrayList<>();
        for (ExclusionRule r : RULES) {
            if (r == ExclusionRule.MODALITY) {
                for (Modality mod : MODALITIES) {
                    if (modalityCounts[mod.ordinal()] > 0) {
                        lines.add(new Line(r.phrase(mod.key()), modalityCounts[mod.ordinal()], r.ordinal()));
                    }
                }
            } else if (ruleCounts[r.ordinal()] > 0) {
                lines.add(new Line(r.phrase(""), ruleCounts[r.ordinal()], r.ordinal()));
            }
        }
        lines.sort(Comparator.comparingInt((Line l) -> -l.count()).thenComparingInt(Line::rule)
                .thenComparing(Line::summary));
        List<String> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            out.add("excluded " + l.count() + (l.count() == 1 ? " model " : " models ") + l.summary());
        }
        return out;
    }

    static int defaultLatency(CostTier tier) {
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

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
