package dev.routewise.classify.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Says what kind of task a prompt or chat is, how hard, and how sure, in microseconds (signals) or
 * milliseconds (embeddings), with no I/O. Tiers: explicit context decides when present; fast signals
 * decide when their linear model is confident; otherwise the embedding model, when loaded, is combined
 * with the signals. Until the embedding model is ready the signals answer and say so (tier "signals"):
 * a request never waits for it.
 *
 * <p>Multi-turn: the last user turn is classified; system and tool messages are ignored for the task
 * (but count for tokens, modalities and sensitive data); a short follow-up ("now do it in Rust") keeps
 * the previous turn's task unless it names a task of its own ("now translate it").
 *
 * <p>Thread-safe: the trained model is an immutable snapshot swapped atomically.
 */
public final class TaskClassifier {

    private static final int MAX_FOLLOW_UP_WORDS = 14;

    private final AtomicReference<ClassifierModel> model;
    private volatile Embedder embedder;
    private volatile ClassifierSettings settings;

    public TaskClassifier(ClassifierModel model, ClassifierSettings settings) {
        this.model = new AtomicReference<>(model);
        this.settings = settings;
    }

    /** Installs a newly trained model; requests in flight finish with the old one. */
    public void install(ClassifierModel newModel) {
        model.set(newModel);
    }

    public ClassifierModel model() {
        return model.get();
    }

    /** Makes the embedding tier available (used only with a model trained with embeddings). */
    public void useEmbedder(Embedder e) {
        this.embedder = e;
    }

    public Embedder embedder() {
        return embedder;
    }

    public boolean embeddingsReady() {
        return embedder != null && model.get().hasEmbeddings();
    }

    public ClassifierSettings settings() {
        return settings;
    }

    public void settings(ClassifierSettings s) {
        this.settings = s;
    }

    /** Classifies with every tier available. */
    public Classification classify(ClassifyInput input) {
        return classify(input, true);
    }

    /** Classifies with the signals tier only (for benchmarks and comparisons). */
    public Classification classifySignalsOnly(ClassifyInput input) {
        return classify(input, false);
    }

    private Classification classify(ClassifyInput input, boolean allowEmbeddings) {
        long start = System.nanoTime();
        ClassifierModel m = model.get();
        Embedder e = allowEmbeddings && m.hasEmbeddings() ? embedder : null;
        ClassifierSettings cfg = settings;
        List<ChatMessage> messages = input.messages();
        ExplicitContext context = input.context();

        EnumSet<Modality> modalities = EnumSet.of(Modality.TEXT);
        int inputTokens = 0;
        int lastUser = -1;
        int lastOther = -1;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage msg = messages.get(i);
            inputTokens += TokenEstimator.MESSAGE_OVERHEAD;
            for (ChatMessage.Part part : msg.parts()) {
                modalities.add(part.modality());
                inputTokens += part.modality() == Modality.TEXT ? TokenEstimator.tokens(part.text())
                        : part.modality() == Modality.IMAGE ? TokenEstimator.IMAGE_TOKENS : 0;
            }
            if (msg.isUser()) {
                lastUser = i;
            } else if (!msg.role().equals("system") && !msg.role().equals("developer") && !msg.role().equals("tool")
                    && !msg.role().equals("function")) {
                lastOther = i;
            }
        }
        int current = lastUser >= 0 ? lastUser : lastOther;
        String text = current >= 0 ? messages.get(current).text() : "";
        SensitiveData sensitive = SensitiveData.NONE;
        for (int i = 0; i < messages.size(); i++) {
            if (i != current) {
                String other = messages.get(i).text();
                if (!other.isEmpty()) {
                    sensitive = sensitive.or(SensitiveScanner.scan(other, other.toLowerCase(Locale.ROOT)));
                }
            }
        }

        SignalExtractor.Extraction ex = m.extractor().extract(text);
        Signals signals = ex.signals();
        sensitive = sensitive.or(signals.sensitive());
        List<String> reasons = new ArrayList<>(4);

        // tier 2 and 3 on the current turn, with a follow-up leaning on the previous user turn
        int previous = previousUserTurn(messages, current);
        boolean followUp = previous >= 0 && isFollowUp(ex);
        double[] p;
        Tier tier;
        if (followUp) {
            signals = signals.withFollowUp(true);
            Turn before = classifyTurn(m, e, cfg, anchorText(messages, previous, m));
            boolean ownIntent = hasOwnIntent(ex);
            double w = ownIntent ? 0.3 : 0.85;
            Turn now = ownIntent ? classifyTurn(m, e, cfg, ex)
                    : new Turn(keywordEvidence(m.signalModel().predict(ex.features()), ex.features()), Tier.SIGNALS, null);
            p = new double[TaskLabel.COUNT];
            for (int c = 0; c < p.length; c++) {
                p[c] = w * before.p[c] + (1 - w) * now.p[c];
            }
            tier = before.tier == Tier.EMBEDDING || now.tier == Tier.EMBEDDING ? Tier.EMBEDDING : Tier.SIGNALS;
            reasons.add(ownIntent ? "follow-up with a task of its own" : "follow-up: keeps the previous turn's task");
        } else {
            Turn turn = classifyTurn(m, e, cfg, ex);
            p = turn.p;
            tier = turn.tier;
            if (turn.reason != null) {
                reasons.add(turn.reason);
            }
        }
        if (tier == Tier.SIGNALS) {
            reasons.add(0, signalReason(m, ex.features(), argmax(p)));
            if (allowEmbeddings && !(m.hasEmbeddings() && embedder != null) && max(p) < cfg.signalsDecisive()) {
                reasons.add("embedding model not loaded yet: signals only");
            }
        }

        // tier 1: explicit context
        TaskLabel task;
        double confidence;
        String space = context.space();
        if (context.task() != null && context.task() != TaskLabel.GENERAL) {
            task = context.task();
            confidence = 1.0;
            tier = Tier.CONTEXT;
            p = new double[TaskLabel.COUNT];
            p[task.ordinal()] = 1.0;
            reasons.add(0, "task given in the request");
        } else {
            int before = argmax(p);
            if (space != null) {
                applySpace(space, p);
            }
            int best = argmax(p);
            if (best != before) {
                tier = Tier.CONTEXT;
                reasons.add(0, "space '" + space + "' tipped the balance");
            }
            confidence = p[best];
            if (confidence < cfg.generalBelow()) {
                TaskLabel spaceDefault = spaceDefault(space);
                task = spaceDefault == null ? TaskLabel.GENERAL : spaceDefault;
                if (spaceDefault != null) {
                    tier = Tier.CONTEXT;
                }
                reasons.add("no task is likely enough (best " + TaskLabel.TASKS.get(best).id() + " "
                        + Math.round(confidence * 100) + "%)" + (spaceDefault != null ? ": the space's default" : ""));
            } else {
                task = TaskLabel.TASKS.get(best);
            }
        }
        String lockedModel = context.lockedModel();
        if (lockedModel != null) {
            tier = Tier.CONTEXT;
            reasons.add(0, "area " + (context.area() == null ? "" : "'" + context.area() + "' ")
                    + "locks model " + lockedModel);
        }
        boolean restricted = sensitive.any() || context.restrictsModels();
        if (sensitive.any()) {
            reasons.add("sensitive data (" + String.join(", ", sensitive.kinds()) + "): approved models only");
        } else if (context.restrictsModels()) {
            reasons.add("policy '" + context.policy() + "': approved models only");
        }

        // complexity and sizes
        int turnTokens = TokenEstimator.tokens(text);
        double complexity = ComplexityEstimator.score(signals, ex.features(), ex.cues(),
                task == TaskLabel.GENERAL ? TaskLabel.TASKS.get(argmax(p)) : task, turnTokens);
        if (followUp && previous >= 0) {
            // a follow-up is as hard as the work it continues
            String prior = messages.get(previous).text();
            SignalExtractor.Extraction px = m.extractor().extract(prior);
            complexity = Math.max(complexity, 0.9 * ComplexityEstimator.score(px.signals(), px.features(), px.cues(),
                    task, TokenEstimator.tokens(prior)));
        }
        int outputTokens = TokenEstimator.outputTokens(task, complexity, turnTokens,
                text.length() > 2000 ? text.substring(0, 2000).toLowerCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT),
                ex.features());

        Map<TaskLabel, Double> scores = new EnumMap<>(TaskLabel.class);
        for (int c = 0; c < TaskLabel.COUNT; c++) {
            scores.put(TaskLabel.TASKS.get(c), round(p[c]));
        }
        long micros = (System.nanoTime() - start) / 1000;
        return new Classification(task, round(confidence), ComplexityEstimator.level(complexity), round(complexity),
                tier, signals, List.copyOf(modalities), inputTokens, outputTokens, scores, sensitive, restricted,
                lockedModel, reasons, micros);
    }

    private record Turn(double[] p, Tier tier, String reason) {
    }

    /**
     * A cluster's keywords add evidence for it on top of the trained weights, so that a keyword an
     * operator just added counts even when no example contains it yet: each hit (up to 3) multiplies
     * the label's odds by e^{@value #KEYWORD_WEIGHT}.
     */
    static final double KEYWORD_WEIGHT = 0.7;

    /** Without a translation request, translation keeps only this share of its probability. */
    static final double UNREQUESTED_TRANSLATION = 0.1;

    private static double[] keywordEvidence(double[] p, float[] f) {
        boolean any = false;
        // translating needs a request ("translate", "into French", "how do you say"): text that is merely
        // not English is a task in its own language, not a translation
        if (f[SignalExtractor.F_CUES + Cue.TRANSLATE.ordinal()] == 0 && f[SignalExtractor.F_TARGET_LANGUAGE] == 0) {
            p[TaskLabel.TRANSLATION.ordinal()] *= UNREQUESTED_TRANSLATION;
            any = true;
        }
        for (int c = 0; c < p.length; c++) {
            float hits = f[SignalExtractor.F_CLUSTER_KEYWORDS + c];
            if (hits > 0) {
                p[c] *= Math.exp(KEYWORD_WEIGHT * 3 * hits);
                any = true;
            }
        }
        if (any) {
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            for (int c = 0; c < p.length; c++) {
                p[c] /= sum;
            }
        }
        return p;
    }

    private Turn classifyTurn(ClassifierModel m, Embedder e, ClassifierSettings cfg, SignalExtractor.Extraction ex) {
        double[] ps = keywordEvidence(m.signalModel().predict(ex.features()), ex.features());
        if (e == null || max(ps) >= cfg.signalsDecisive()) {
            return new Turn(ps, Tier.SIGNALS, null);
        }
        float[] vector = e.embed(ex.textForEmbedding());
        double[] pf = keywordEvidence(m.fullModel().predict(m.combined(ex.features(), vector)), ex.features());
        double[] sims = m.similarities(vector);
        int nearest = argmax(sims);
        return new Turn(pf, Tier.EMBEDDING, "embedding: nearest cluster " + TaskLabel.TASKS.get(nearest).id()
                + " (similarity " + String.format(Locale.ROOT, "%.2f", sims[nearest]) + ")");
    }

    /** The previous user turn, or, when that is itself a follow-up, the turn it continues (up to 3 back). */
    private static SignalExtractor.Extraction anchorText(List<ChatMessage> messages, int previous,
                                                         ClassifierModel m) {
        int turn = previous;
        SignalExtractor.Extraction ex = m.extractor().extract(messages.get(turn).text());
        for (int hops = 0; hops < 3 && isFollowUp(ex); hops++) {
            int earlier = previousUserTurn(messages, turn);
            if (earlier < 0) {
                break;
            }
            turn = earlier;
            ex = m.extractor().extract(messages.get(turn).text());
        }
        return ex;
    }

    private static int previousUserTurn(List<ChatMessage> messages, int current) {
        for (int i = current - 1; i >= 0; i--) {
            if (messages.get(i).isUser() && !messages.get(i).text().isBlank()) {
                return i;
            }
        }
        return -1;
    }

    static boolean isFollowUp(SignalExtractor.Extraction ex) {
        Signals s = ex.signals();
        return s.words() > 0 && s.words() <= MAX_FOLLOW_UP_WORDS && !s.codeBlock() && !s.stackTrace()
                && !s.greeting() && SignalExtractor.hasCue(ex.cues(), Cue.FOLLOWUP);
    }

    /** A follow-up that names its own task: translate, summarize, explain, review, fix, analyse, plan, solve. */
    private static boolean hasOwnIntent(SignalExtractor.Extraction ex) {
        long own = Cue.TRANSLATE.bit | Cue.SUMMARIZE.bit | Cue.EXPLAIN.bit | Cue.REVIEW.bit | Cue.FIX.bit
                | Cue.ANALYZE.bit | Cue.PLAN.bit | Cue.SOLVE.bit;
        return (ex.cues() & own) != 0 || ex.signals().stackTrace();
    }

    private static void applySpace(String space, double[] p) {
        List<TaskLabel> family = switch (space) {
            case "coding" -> List.of(TaskLabel.CODE, TaskLabel.DEBUGGING, TaskLabel.CODE_REVIEW);
            case "writing" -> List.of(TaskLabel.CREATIVE, TaskLabel.SUMMARIZATION, TaskLabel.TRANSLATION);
            case "research" -> List.of(TaskLabel.ANALYSIS, TaskLabel.SUMMARIZATION, TaskLabel.PLANNING,
                    TaskLabel.SIMPLE_QA);
            default -> List.of();
        };
        if (family.isEmpty()) {
            return;
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            if (family.contains(TaskLabel.TASKS.get(c))) {
                p[c] *= 1.6;
            }
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    private static TaskLabel spaceDefault(String space) {
        if (space == null) {
            return null;
        }
        return switch (space) {
            case "coding" -> TaskLabel.CODE;
            case "writing" -> TaskLabel.CREATIVE;
            case "research" -> TaskLabel.ANALYSIS;
            default -> null;
        };
    }

    private static String signalReason(ClassifierModel m, float[] f, int label) {
        SoftmaxModel sm = m.signalModel();
        int[] top = {-1, -1, -1};
        double[] val = {0, 0, 0};
        for (int j = 0; j < f.length; j++) {
            if (f[j] == 0) {
                continue;
            }
            double v = sm.contribution(f, label, j);
            for (int k = 0; k < 3; k++) {
                if (v > val[k]) {
                    for (int s = 2; s > k; s--) {
                        val[s] = val[s - 1];
                        top[s] = top[s - 1];
                    }
                    val[k] = v;
                    top[k] = j;
                    break;
                }
            }
        }
        StringBuilder b = new StringBuilder("signals: ");
        int shown = 0;
        for (int k = 0; k < 3; k++) {
            if (top[k] >= 0 && val[k] > 0.15) {
                b.append(shown++ == 0 ? "" : ", ").append(SignalExtractor.FEATURE_NAMES.get(top[k]));
            }
        }
        if (shown == 0) {
            b.append("no strong signal");
        }
        return b.toString();
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double max(double[] v) {
        return v[argmax(v)];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
