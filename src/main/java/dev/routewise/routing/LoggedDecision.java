package dev.routewise.routing;

import java.time.Instant;

/** One logged routing decision, as the decision log lists it. */
public record LoggedDecision(String decisionId, Instant createdAt, String profile, String task, String complexity,
                       double confidence, String classifierTier, String model, String rule, String estimatedCostUsd,
                       long latencyMicros, String caller) {
}
