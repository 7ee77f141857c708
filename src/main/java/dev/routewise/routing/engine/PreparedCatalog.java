package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.classify.engine.TaskLabel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routable models of one catalog snapshot, with everything the engine reads per model computed once: flags,
 * modality bits, prices as exact integers, tier, latency, lowered ids, id order and, per {@link QualityTable},
 * quality and task fit. Build it when the catalog changes ({@link #of}) and pass it to
 * {@link RoutingEngine#route}: a decision then scans primitive arrays instead of records, sets and BigDecimals.
 * <p>
 * It is an immutable {@code List<RouteCandidate>}, so it goes wherever the plain list went; the engine prepares a
 * plain list on every call, which is right for tests and one-off calls but wasteful on the request path.
 * Thread-safe: the quality memo is an immutable object published through a volatile field.
 */
public final class PreparedCatalog extends AbstractList<RouteCandidate> implements RandomAccess {

    static final int NO_CONTEXT = -1;
    static final int TOOLS = 1 << 16;
    static final int STRUCTURED = 1 << 17;
    static final int MODALITY_BITS = TOOLS - 1;
    private static final int MAX_PATTERN_MEMO = 1_000;
    /** The JDK's immutable map classes: a map of these cannot change behind a memo. */
    private static final Set<Class<?>> IMMUTABLE_MAPS = Set.of(Map.of("a", 1).getClass(),
            Map.of("a", 1, "b", 2).getClass());
    /** Index of "no tier" in per-tier arrays, after the {@link CostTier} ordinals. */
    static final int UNKNOWN_TIER = CostTier.values().length;
    /** Exact powers of ten as doubles (10^22 is the largest a double holds exactly). */
    private static final double[] POW10 = new double[23];
    /** A cost numerator below this is exact in a long and in a double. */
    private static final double EXACT_LIMIT = 0x1p52;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final RouteCandidate[] models;
    private final String[] loweredIds;
    /** Model indices in id order, stable for equal ids: the order of excluded candidates and of score ties. */
    final int[] byId;
    /** Each model's position in {@link #byId}. */
    final int[] idRank;
    private final Map<String, Integer> indexById;
    /** Exclusion bits that hold whatever the request: not chat, disabled, unavailable, unhealthy source. */
    final int[] staticExclusions;
    /** Bit {@code 1 << Modality.ordinal()} per accepted input, plus {@link #TOOLS} and {@link #STRUCTURED}. */
    final int[] abilities;
    final int[] context;
    final int[] latencyMs;
    /** 1 / latencyMs, for the scorer's bounds. */
    final double[] inverseLatencies;
    final boolean[] latencyDefaulted;
    final int[] tier;
    /** The provider as a small number, for comparing providers without string equality. */
    final int[] provider;
    final boolean[] priced;
    /** Per pattern: the models it matches, as bits by index; patterns come from configuration and repeat. */
    private final ConcurrentHashMap<ModelPattern, long[]> patternMatches = new ConcurrentHashMap<>();
    /** Prices x 10^scale as integers, so a cost is (in x inUnits + out x outUnits) / 10^costScale exactly. */
    private final long[] inUnits;
    private final double[] inPrice;
    private final double[] outPrice;
    private final long[] outUnits;
    /** -1 when the prices do not fit the integer form: the cost is then computed in BigDecimal. */
    private final int[] costScale;

    private volatile QualityFacts facts;
    private volatile History history;

    /**
     * Quality and task fit of every model under one quality table.
     *
     * @param capability   [task][model] the clamped task fit
     * @param byCapability [task][tier] the models of the tier, best task fit first
     */
    record QualityFacts(QualityTable table, double[] quality, double[] qualityFactor, double[][] capability,
                        int[][][] byCapability) {
    }

    /** The historical factor of every model under one map of success rates. */
    private record History(Map<String, Double> rates, double[] factors) {
    }

    private PreparedCatalog(List<RouteCandidate> list) {
        int n = list.size();
        models = list.toArray(new RouteCandidate[0]);
        loweredIds = new String[n];
        indexById = HashMap.newHashMap(n);
        staticExclusions = new int[n];
        abilities = new int[n];
        context = new int[n];
        latencyMs = new int[n];
        inverseLatencies = new double[n];
        latencyDefaulted = new boolean[n];
        tier = new int[n];
        provider = new int[n];
        priced = new boolean[n];
        inUnits = new long[n];
        inPrice = new double[n];
        outPrice = new double[n];
        outUnits = new long[n];
        costScale = new int[n];
        Map<String, Integer> providers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            RouteCandidate m = models[i];
            loweredIds[i] = ModelPattern.lowerChars(m.id());
            indexById.putIfAbsent(m.id(), i);
            if (m.kind() != ModelKind.CHAT) {
                // embedding, image or audio models would only clutter every other reason
                staticExclusions[i] = RankedCandidates.bit(ExclusionRule.NOT_CHAT);
            } else {
                if (!m.enabled()) {
                    staticExclusions[i] |= RankedCandidates.bit(ExclusionRule.DISABLED);
                }
                if (m.status().equalsIgnoreCase("missing") || m.status().equalsIgnoreCase("deprecated")) {
                    staticExclusions[i] |= RankedCandidates.bit(ExclusionRule.UNAVAILABLE);
                }
                if (!m.sourceHealthy()) {
                    staticExclusions[i] |= RankedCandidates.bit(ExclusionRule.SOURCE_UNHEALTHY);
                }
            }
            for (Modality mod : Modality.values()) {
                if (m.accepts(mod)) {
                    abilities[i] |= 1 << mod.ordinal();
                }
            }
            if (m.has(Capability.TOOLS)) {
                abilities[i] |= TOOLS;
            }
            if (m.has(Capability.STRUCTURED_OUTPUT)) {
                abilities[i] |= STRUCTURED;
            }
            context[i] = m.contextTokens() == null ? NO_CONTEXT : m.contextTokens();
            latencyDefaulted[i] = m.observedP50LatencyMs() == null;
            latencyMs[i] = latencyDefaulted[i] ? RoutingEngine.defaultLatency(m.costTier()) : m.observedP50LatencyMs();
            inverseLatencies[i] = 1.0 / latencyMs[i];
            tier[i] = m.costTier() == null ? UNKNOWN_TIER : m.costTier().ordinal();
            provider[i] = providers.computeIfAbsent(m.provider(), p -> providers.size());
            priced[i] = m.priced();
            costScale[i] = -1;
            if (priced[i]) {
                inPrice[i] = m.inputPricePerMTok().doubleValue();
                outPrice[i] = m.outputPricePerMTok().doubleValue();
                integerPrices(i, m.inputPricePerMTok(), m.outputPricePerMTok());
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        // a stable sort: equal ids keep the list's order, as the engine's id tie-break always did
        Arrays.sort(order, Comparator.comparing((Integer i) -> models[i].id()));
        byId = new int[n];
        idRank = new int[n];
        for (int r = 0; r < n; r++) {
            byId[r] = order[r];
            idRank[order[r]] = r;
        }
    }

    private void integerPrices(int i, BigDecimal in, BigDecimal out) {
        int scale = Math.max(in.scale(), out.scale());
        if (in.scale() < 0 || out.scale() < 0 || scale + 6 >= POW10.length) {
            return;
        }
        BigInteger a = in.unscaledValue().multiply(BigInteger.TEN.pow(scale - in.scale()));
        BigInteger b = out.unscaledValue().multiply(BigInteger.TEN.pow(scale - out.scale()));
        if (a.bitLength() > 62 || b.bitLength() > 62) {
            return;
        }
        inUnits[i] = a.longValue();
        outUnits[i] = b.longValue();
        costScale[i] = scale + 6; // prices are per million tokens
    }

    /** The prepared form of the models; a prepared catalog is returned as it is. */
    public static PreparedCatalog of(List<RouteCandidate> models) {
        return models instanceof PreparedCatalog p ? p : new PreparedCatalog(List.copyOf(models));
    }

    @Override
    public RouteCandidate get(int index) {
        return models[index];
    }

    @Override
    public int size() {
        return models.length;
    }

    /**
     * The models any of the patterns matches, as bits by index ({@code bits[i >>> 6] & 1L << i}); null when there
     * are no patterns. Each pattern is matched against the catalog once and remembered.
     */
    long[] matching(List<ModelPattern> patterns) {
        if (patterns.isEmpty()) {
            return null;
        }
        if (patterns.size() == 1) {
            return matching(patterns.getFirst());
        }
        long[] any = new long[(models.length + 63) >>> 6];
        for (ModelPattern p : patterns) {
            long[] bits = matching(p);
            for (int w = 0; w < any.length; w++) {
                any[w] |= bits[w];
            }
        }
        return any;
    }

    private long[] matching(ModelPattern pattern) {
        long[] bits = patternMatches.get(pattern);
        if (bits == null) {
            bits = new long[(models.length + 63) >>> 6];
            for (int i = 0; i < models.length; i++) {
                if (pattern.matchesLowered(loweredIds[i])) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
            if (patternMatches.size() < MAX_PATTERN_MEMO) {
                patternMatches.putIfAbsent(pattern, bits);
            }
        }
        return bits;
    }

    /** The index of the first model with this id, or -1. */
    int indexOf(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    /**
     * The estimated cost of a priced model as the double nearest to the exact decimal
     * {@link RouteCandidate#estimateCostUsd}, when integer arithmetic gets it cheaply; NaN when it cannot (prices
     * with many digits times many tokens), and then {@link #approximateCostUsd} and {@link #exactCostUsd} serve.
     * Both this and {@link BigDecimal#doubleValue()} round correctly, so they agree, and comparing two such doubles
     * never reverses the order of the exact costs (equal doubles need the exact values).
     */
    double roundedCostUsd(int i, int inputTokens, int outputTokens) {
        int scale = costScale[i];
        if (scale >= 0 && (double) inputTokens * inUnits[i] + (double) outputTokens * outUnits[i] < EXACT_LIMIT) {
            // numerator and 10^scale are exact doubles, so the one division rounds correctly
            return (double) (inputTokens * inUnits[i] + outputTokens * outUnits[i]) / POW10[scale];
        }
        return Double.NaN;
    }

    /** Within a relative 1e-15 of the exact cost (a few roundings); for bounds and clear-cut comparisons only. */
    double approximateCostUsd(int i, int inputTokens, int outputTokens) {
        return (inputTokens * inPrice[i] + outputTokens * outPrice[i]) * 1e-6;
    }

    BigDecimal exactCostUsd(int i, int inputTokens, int outputTokens) {
        return models[i].estimateCostUsd(inputTokens, outputTokens);
    }

    /**
     * Per model, the historical factor under these success rates (absent or NaN = neutral, else clamped to 0..1);
     * null when there are none. Kept for the latest map when it is immutable ({@link Map#copyOf}, {@link Map#of}):
     * the router passes the same immutable map until outcomes replace it.
     */
    double[] history(Map<String, Double> rates) {
        if (rates.isEmpty()) {
            return null;
        }
        History h = history;
        if (h != null && h.rates() == rates) {
            return h.factors();
        }
        boolean immutable = IMMUTABLE_MAPS.contains(rates.getClass());
        double[] factors = new double[models.length];
        for (int i = 0; i < models.length; i++) {
            Double rate = rates.get(models[i].id());
            factors[i] = rate == null || rate.isNaN() ? RoutingEngine.NEUTRAL_HISTORY : Math.clamp(rate, 0.0, 1.0);
        }
        if (immutable) {
            history = new History(rates, factors);
        }
        return factors;
    }

    /** Quality and per-task fit under the table, computed once per table and kept for the latest one. */
    QualityFacts facts(QualityTable table) {
        QualityFacts f = facts;
        if (f != null && f.table() == table) {
            return f;
        }
        int n = models.length;
        TaskLabel[] tasks = TaskLabel.values();
        double[] quality = new double[n];
        double[] qualityFactor = new double[n];
        double[][] capability = new double[tasks.length][n];
        for (int i = 0; i < n; i++) {
            RouteCandidate m = models[i];
            // one lookup per model; the same figures as QualityTable.quality and taskFit
            QualityTable.Entry entry = table.lookup(m.id()).orElse(null);
            quality[i] = entry != null ? entry.quality() : QualityTable.defaultQuality(m.costTier());
            qualityFactor[i] = Math.clamp(quality[i] / 100.0, 0.0, 1.0);
            for (TaskLabel t : tasks) {
                double fit = entry != null ? entry.fit(t) : QualityTable.defaultQuality(m.costTier()) / 100.0;
                capability[t.ordinal()][i] = Math.clamp(fit, 0.0, 1.0);
            }
        }
        int[][][] byCapability = new int[tasks.length][][];
        for (TaskLabel t : tasks) {
            double[] fit = capability[t.ordinal()];
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Double.compare(fit[b], fit[a]));
            int[] counts = new int[UNKNOWN_TIER + 1];
            for (int i = 0; i < n; i++) {
                counts[tier[i]]++;
            }
            int[][] lists = new int[UNKNOWN_TIER + 1][];
            for (int k = 0; k < lists.length; k++) {
                lists[k] = new int[counts[k]];
                counts[k] = 0;
            }
            for (int i : order) {
                lists[tier[i]][counts[tier[i]]++] = i;
            }
            byCapability[t.ordinal()] = lists;
        }
        f = new QualityFacts(table, quality, qualityFactor, capability, byCapability);
        facts = f;
        return f;
    }
}
