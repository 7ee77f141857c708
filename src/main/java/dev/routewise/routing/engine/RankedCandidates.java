package dev.routewise.routing.engine;

import dev.routewise.catalog.Modality;

import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The candidates of one decision (eligible by score, ties by id, then excluded by id), built from the engine's
 * primitive results only when someone reads them: ordering thousands of models and formatting their exclusion
 * reasons is work a caller who only needs the choice, the chain and the reasons should not pay for. Each
 * {@link ScoredCandidate} is made on first access and kept; the chosen one is the decision's own instance.
 * Immutable to its readers and safe to read from several threads (the decision log reads it on its writer thread).
 */
final class RankedCandidates extends AbstractList<ScoredCandidate> implements RandomAccess {

    /** Bits 0..15 of a mask: {@link ExclusionRule} ordinals; from bit 16: the modalities a model lacks. */
    static final int MODALITY_SHIFT = 16;
    static final int RULE_BITS = (1 << MODALITY_SHIFT) - 1;
    /** A list, not an array: the architecture rule admits the catalog enums themselves, not arrays of them. */
    private static final List<Modality> MODALITIES = List.of(Modality.values());
    /** The first prefix of eligible models ordered at once: covers the API's 100 best. */
    private static final int PREFIX = 128;

    private final PreparedCatalog catalog;
    private final PreparedCatalog.QualityFacts facts;
    private final RouteRequest request;
    private final Profile profile;
    private final Scorer scorer;
    /** Per model: 0 when eligible, else its exclusion bits. */
    private final int[] masks;
    /** Per eligible model: its exact score where {@link #exact} has its bit, else an upper bound. */
    private final double[] scores;
    private final long[] exact;
    private final int[] eligible;
    private final int eligibleCount;
    private final int chosenIndex;
    private final ScoredCandidate chosen;

    /** Model indices by position; the first {@link #ordered} are final. */
    private int[] order;
    private int ordered;
    /** The eligible models already in {@link #order}. */
    private long[] placed;
    private ScoredCandidate[] built;

    /** {@code chosenIndex} (unless -1) must have its exact score already. */
    RankedCandidates(PreparedCatalog catalog, PreparedCatalog.QualityFacts facts, RouteRequest request,
                     Profile profile, Scorer scorer, int[] masks, double[] scores, long[] exact,
                     int[] eligible, int eligibleCount, int chosenIndex) {
        this.catalog = catalog;
        this.facts = facts;
        this.request = request;
        this.profile = profile;
        this.scorer = scorer;
        this.masks = masks;
        this.scores = scores;
        this.exact = exact;
        this.eligible = eligible;
        this.eligibleCount = eligibleCount;
        this.chosenIndex = chosenIndex;
        this.chosen = chosenIndex < 0 ? null : build(chosenIndex);
    }

    /** Whether the model with this id passed every filter, without building any candidate. */
    boolean isEligible(String id) {
        int i = catalog.indexOf(id);
        return i >= 0 && masks[i] == 0;
    }

    ScoredCandidate chosen() {
        return chosen;
    }

    @Override
    public int size() {
        return masks.length;
    }

    @Override
    public synchronized ScoredCandidate get(int position) {
        Objects.checkIndex(position, masks.length);
        if (order == null) {
            order = new int[masks.length];
            built = new ScoredCandidate[masks.length];
            placed = new long[(masks.length + 63) >>> 6];
        }
        while (ordered <= position) {
            extend(position);
        }
        int i = order[position];
        if (i == chosenIndex) {
            return chosen;
        }
        ScoredCandidate c = built[i];
        if (c == null) {
            c = build(i);
            built[i] = c;
        }
        return c;
    }

    /** The exclusion text of one model without building the list ({@code excludedBecause} of the API). */
    String excludedBecause(int i) {
        return build(i).excludedBecause();
    }

    /**
     * Orders more positions, at least up to {@code position}. Readers mostly want the first few dozen (the API
     * answers 100), so the eligible are ordered in growing prefixes: the best by exact score among those whose
     * bound can reach them, not a sort of all. The excluded follow in id order.
     */
    private void extend(int position) {
        int[] idRank = catalog.idRank;
        if (ordered >= eligibleCount) {
            int k = ordered;
            for (int i : catalog.byId) {
                if (masks[i] != 0) {
                    order[k++] = i;
                }
            }
            ordered = masks.length;
            return;
        }
        int remaining = eligibleCount - ordered;
        int want = Math.max(Math.max(PREFIX, ordered), position + 1 - ordered);
        int[] next;
        int count;
        if (want * 2 >= remaining) {
            next = new int[remaining];
            count = 0;
            for (int k = 0; k < eligibleCount; k++) {
                int i = eligible[k];
                if (!isPlaced(i)) {
                    RoutingEngine.exact(scorer, i, scores, exact);
                    next[count++] = i;
                }
            }
        } else {
            // the `want` highest bounds (or exact scores, which are bounds too), in a min-heap on the value
            int[] heap = new int[want];
            int size = 0;
            for (int k = 0; k < eligibleCount; k++) {
                int i = eligible[k];
                if (isPlaced(i)) {
                    continue;
                }
                if (size < want) {
                    heap[size] = i;
                    siftUp(heap, size++);
                } else if (scores[i] > scores[heap[0]]) {
                    heap[0] = i;
                    siftDown(heap, size);
                }
            }
            // their lowest exact score is a floor: no model whose bound is below it can be among the best `want`
            double floor = Double.POSITIVE_INFINITY;
            for (int k = 0; k < size; k++) {
                RoutingEngine.exact(scorer, heap[k], scores, exact);
                floor = Math.min(floor, scores[heap[k]]);
            }
            next = new int[remaining];
            count = 0;
            for (int k = 0; k < eligibleCount; k++) {
                int i = eligible[k];
                if (!isPlaced(i) && scores[i] >= floor) {
                    RoutingEngine.exact(scorer, i, scores, exact);
                    if (scores[i] >= floor) {
                        next[count++] = i;
                    }
                }
            }
        }
        sortByScore(next, count, scores, idRank);
        int take = Math.min(count, Math.max(want, count == remaining ? remaining : 0));
        for (int k = 0; k < take; k++) {
            order[ordered++] = next[k];
            placed[next[k] >>> 6] |= 1L << next[k];
        }
    }

    private boolean isPlaced(int i) {
        return (placed[i >>> 6] & 1L << i) != 0;
    }

    private void siftUp(int[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (scores[heap[at]] >= scores[heap[parent]]) {
                return;
            }
            int t = heap[at];
            heap[at] = heap[parent];
            heap[parent] = t;
            at = parent;
        }
    }

    private void siftDown(int[] heap, int size) {
        int at = 0;
        while (true) {
            int low = at;
            int left = 2 * at + 1;
            int right = left + 1;
            if (left < size && scores[heap[left]] < scores[heap[low]]) {
                low = left;
            }
            if (right < size && scores[heap[right]] < scores[heap[low]]) {
                low = right;
            }
            if (low == at) {
                return;
            }
            int t = heap[at];
            heap[at] = heap[low];
            heap[low] = t;
            at = low;
        }
    }

    private ScoredCandidate build(int i) {
        RouteCandidate m = catalog.get(i);
        BigDecimal cost = catalog.exactCostUsd(i, request.estimatedInputTokens(), request.estimatedOutputTokens());
        double tierFit = profile.tierFit(m.costTier());
        double quality = facts.quality()[i];
        int latency = catalog.latencyMs[i];
        boolean defaulted = catalog.latencyDefaulted[i];
        if (masks[i] != 0) {
            return new ScoredCandidate(m, false, exclusions(i), null, tierFit, 0.0, cost, quality, latency, defaulted);
        }
        return new ScoredCandidate(m, true, List.of(), scorer.factors(i), tierFit, scores[i], cost, quality, latency,
                defaulted);
    }

    /** The reasons in the order the rules are checked, worded as they always were. */
    private List<Exclusion> exclusions(int i) {
        RouteCandidate m = catalog.get(i);
        int mask = masks[i];
        if ((mask & bit(ExclusionRule.NOT_CHAT)) != 0) {
            return List.of(Exclusion.of(ExclusionRule.NOT_CHAT, "not a chat model (" + m.kind().key() + ")"));
        }
        RouteConstraints c = request.constraints();
        List<Exclusion> why = new ArrayList<>(Integer.bitCount(mask & RULE_BITS) + 1);
        if (has(mask, ExclusionRule.DISABLED)) {
            why.add(Exclusion.of(ExclusionRule.DISABLED, "disabled in the catalog"));
        }
        if (has(mask, ExclusionRule.UNAVAILABLE)) {
            why.add(Exclusion.of(ExclusionRule.UNAVAILABLE, "status is " + m.status().toLowerCase(Locale.ROOT)));
        }
        if (has(mask, ExclusionRule.SOURCE_UNHEALTHY)) {
            why.add(Exclusion.of(ExclusionRule.SOURCE_UNHEALTHY, "source " + m.provider() + " is unhealthy"));
        }
        for (int missing = mask >>> MODALITY_SHIFT; missing != 0; missing &= missing - 1) {
            Modality mod = MODALITIES.get(Integer.numberOfTrailingZeros(missing));
            why.add(Exclusion.of(ExclusionRule.MODALITY, "does not accept " + mod.key() + " input", mod.key()));
        }
        Integer ctx = m.contextTokens();
        if (has(mask, ExclusionRule.CONTEXT_WINDOW)) {
            long needed = (long) request.estimatedInputTokens() + request.estimatedOutputTokens();
            why.add(Exclusion.of(ExclusionRule.CONTEXT_WINDOW, "context window " + ctx + " tokens < " + needed
                    + " needed (estimated input + output)"));
        }
        if (has(mask, ExclusionRule.MIN_CONTEXT)) {
            why.add(Exclusion.of(ExclusionRule.MIN_CONTEXT, (ctx == null ? "context window unknown" :
                    "context window " + ctx + " tokens") + " < minContextTokens " + c.minContextTokens()));
        }
        if (has(mask, ExclusionRule.TOOLS)) {
            why.add(Exclusion.of(ExclusionRule.TOOLS, "no tool calling, the request declares tools"));
        }
        if (has(mask, ExclusionRule.STRUCTURED_OUTPUT)) {
            why.add(Exclusion.of(ExclusionRule.STRUCTURED_OUTPUT,
                    "no structured output, the request asks for a JSON answer"));
        }
        if (has(mask, ExclusionRule.NOT_ALLOWED)) {
            why.add(Exclusion.of(ExclusionRule.NOT_ALLOWED, "not matched by allowedModels " + c.allowedModels()));
        }
        if (has(mask, ExclusionRule.EXCLUDED)) {
            why.add(Exclusion.of(ExclusionRule.EXCLUDED, "matched by excludedModels " + c.excludedModels()));
        }
        if (has(mask, ExclusionRule.OUTSIDE_POOL)) {
            why.add(Exclusion.of(ExclusionRule.OUTSIDE_POOL, "outside the pool of profile " + profile.name() + " "
                    + profile.pool()));
        }
        if (has(mask, ExclusionRule.UNPRICED_UNDER_COST_CAP)) {
            why.add(Exclusion.of(ExclusionRule.UNPRICED_UNDER_COST_CAP,
                    "unpriced, so its cost cannot be held under maxCostUsd " + c.maxCostUsd().toPlainString()));
        }
        if (has(mask, ExclusionRule.MAX_COST)) {
            BigDecimal cost = catalog.exactCostUsd(i, request.estimatedInputTokens(), request.estimatedOutputTokens());
            why.add(Exclusion.of(ExclusionRule.MAX_COST, "estimated cost $" + cost.toPlainString()
                    + " > maxCostUsd " + c.maxCostUsd().toPlainString()));
        }
        if (has(mask, ExclusionRule.MIN_QUALITY)) {
            why.add(Exclusion.of(ExclusionRule.MIN_QUALITY, "quality " + fmt1(facts.quality()[i]) + " < minQuality "
                    + fmt1(c.minQuality())));
        }
        if (has(mask, ExclusionRule.MAX_LATENCY)) {
            why.add(Exclusion.of(ExclusionRule.MAX_LATENCY, "p50 latency " + catalog.latencyMs[i] + " ms"
                    + (catalog.latencyDefaulted[i] ? " (tier default)" : "") + " > maxLatencyMs "
                    + c.maxLatencyMs()));
        }
        return why;
    }

    static int bit(ExclusionRule rule) {
        return 1 << rule.ordinal();
    }

    private static boolean has(int mask, ExclusionRule rule) {
        return (mask & bit(rule)) != 0;
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Best score first, equal scores by id: {@code a} ranks before {@code b}. Scores and bounds are never NaN or
     * -0.0 (sums of non-negative products), so plain comparisons order them as {@link Double#compare} would.
     */
    static boolean before(int a, int b, double[] scores, int[] idRank) {
        double sa = scores[a];
        double sb = scores[b];
        return sa > sb || sa == sb && idRank[a] < idRank[b];
    }

    /** Sorts the first {@code n} indices best first; a merge sort on ints, no boxing. */
    static void sortByScore(int[] a, int n, double[] scores, int[] idRank) {
        if (n < 2) {
            return;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (!before(a[mid], a[mid - 1], scores, idRank)) {
                    continue; // already in order
                }
                System.arraycopy(a, lo, tmp, lo, hi - lo);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    if (i < mid && (j >= hi || !before(tmp[j], tmp[i], scores, idRank))) {
                        a[k] = tmp[i++];
                    } else {
                        a[k] = tmp[j++];
                    }
                }
            }
        }
    }
}
