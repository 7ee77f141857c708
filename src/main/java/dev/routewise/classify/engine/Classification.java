package dev.routewise.classify.engine;

import java.util.List;
import java.util.Map;

/**
 * What a prompt is: its task and how sure the classifier is, how hard it is, which tier decided,
 * what the signals saw, which modalities a model must accept, token estimates, per-label scores,
 * sensitive data found, and whether routing must stay on approved models.
 *
 * @param restricted  sensitive data was found or the context's policy asks for approved models only
 * @param lockedModel the model an area of the context locks, if any
 * @param reasons     short human-readable reasons, for the console and the routing decision
 * @param micros      time spent, in microseconds
 */
public record Classification(TaskLabel task, double confidence, Complexity complexity, double complexityScore,
                             Tier tier, Signals signals, List<Modality> requiredModalities, int estimatedInputTokens,
                             int estimatedOutputTokens, Map<TaskLabel, Double> scores, SensitiveData sensitiveData,
                             boolean restricted, String lockedModel, List<String> reasons, long micros) {

    public Classification {
        requiredModalities = List.copyOf(requiredModalities);
        scores = Map.copyOf(scores);
        reasons = List.copyOf(reasons);
    }

    /** The score of one label, 0 when absent. */
    public double score(TaskLabel label) {
        return scores.getOrDefault(label, 0.0);
    }
}
