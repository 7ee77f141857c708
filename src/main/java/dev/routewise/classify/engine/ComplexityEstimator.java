package dev.routewise.classify.engine;

/**
 * How much a prompt needs a strong model, as a score in [0,1] and a level. A hand-weighted logistic
 * formula over what makes prompts hard for weaker models: length, the number of asks and
 * constraints, the amount of code, the task's domain, hard-domain words (concurrency, proofs,
 * compilers...), stakes ("production", "critical", "customers"), reasoning markers ("prove", "step by
 * step") and requests for depth; "quick"/"briefly" and greetings lower it. The weights are set by hand
 * and checked against difficulty proxies in the evaluation report (docs/classification.md).
 */
public final class ComplexityEstimator {

    /** Level boundaries on the score. */
    static final double MEDIUM_FROM = 0.35;
    static final double COMPLEX_FROM = 0.6;
    static final double CRITICAL_FROM = 0.82;

    private ComplexityEstimator() {
    }

    public static double score(Signals s, float[] f, long cues, TaskLabel task, int inputTokens) {
        double z = -2.3;
        z += Math.min(3.2, 0.55 * log2(1 + inputTokens / 40.0));
        z += 0.3 * Math.min(s.asks() - 1, 5);
        z += 0.22 * Math.min(s.constraints(), 6);
        z += Math.min(0.9, 0.25 * log2(1 + s.codeLines()));
        z += switch (task) {
            case SIMPLE_QA -> -1.0;
            case TRANSLATION -> -0.4;
            case CREATIVE -> -0.2;
            case SUMMARIZATION -> -0.2;
            case GENERAL -> -0.3;
            case ANALYSIS, CODE, CODE_REVIEW -> 0.35;
            case DEBUGGING -> 0.45;
            case MATH, PLANNING -> 0.6;
        };
        z += 0.55 * Math.min(count(f, Cue.HARD_DOMAIN), 2);
        z += 0.7 * Math.min(count(f, Cue.STAKES), 2);
        z += 0.4 * Math.min(count(f, Cue.REASONING), 2);
        z += 0.4 * Math.min(count(f, Cue.DEPTH), 2);
        z -= 0.6 * Math.min(count(f, Cue.QUICK), 2);
        if (s.greeting()) {
            z -= 1.5;
        }
        if (s.mathNotation()) {
            z += 0.5;
        }
        if (s.stackTrace()) {
            z += 0.3;
        }
        if (s.longDocument()) {
            z += 0.3;
        }
        return 1 / (1 + Math.exp(-z));
    }

    public static Complexity level(double score) {
        if (score >= CRITICAL_FROM) {
            return Complexity.CRITICAL;
        }
        if (score >= COMPLEX_FROM) {
            return Complexity.COMPLEX;
        }
        return score >= MEDIUM_FROM ? Complexity.MEDIUM : Complexity.SIMPLE;
    }

    /** Cue hits (0..3) read back from the feature vector. */
    private static double count(float[] f, Cue cue) {
        return f[SignalExtractor.F_CUES + cue.ordinal()] * 3.0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
