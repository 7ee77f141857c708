package dev.routewise.classify.engine;

/**
 * Thresholds of the tiers.
 *
 * @param signalsDecisive the signals tier decides alone when its top label has at least this probability
 * @param generalBelow    below this confidence the task is {@code general} (or the space's default task)
 */
public record ClassifierSettings(double signalsDecisive, double generalBelow) {

    public static final ClassifierSettings DEFAULTS = new ClassifierSettings(0.9, 0.3);

    public ClassifierSettings {
        if (signalsDecisive <= 0 || signalsDecisive > 1 || generalBelow < 0 || generalBelow >= 1) {
            throw new IllegalArgumentException("thresholds must be probabilities");
        }
    }
}
