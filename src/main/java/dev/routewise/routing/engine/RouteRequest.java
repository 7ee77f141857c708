package dev.routewise.routing.engine;

import dev.routewise.catalog.Modality;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the router needs to know about one request.
 *
 * @param complexityScore       in [0,1], higher = harder
 * @param requiredModalities    input modalities the prompt carries (text is implied)
 * @param needsTools            the request declares tools
 * @param needsStructuredOutput the request asks for a JSON schema / JSON mode answer
 */
public record RouteRequest(TaskLabel task, Complexity complexity, double complexityScore, int estimatedInputTokens,
                           int estimatedOutputTokens, Set<Modality> requiredModalities, boolean needsTools,
                           boolean needsStructuredOutput, RouteConstraints constraints) {

    public RouteRequest {
        task = task == null ? TaskLabel.GENERAL : task;
        complexity = complexity == null ? Complexity.MEDIUM : complexity;
        if (!(complexityScore >= 0 && complexityScore <= 1)) {
            throw new IllegalArgumentException("complexityScore must be in [0,1]: " + complexityScore);
        }
        if (estimatedInputTokens < 0 || estimatedOutputTokens < 0) {
            throw new IllegalArgumentException("token estimates must not be negative");
        }
        requiredModalities = requiredModalities == null || requiredModalities.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(requiredModalities));
        constraints = constraints == null ? RouteConstraints.NONE : constraints;
    }

    /** A plain text request for a task, with token estimates and no constraints. */
    public static RouteRequest of(TaskLabel task, Complexity complexity, int inputTokens, int outputTokens) {
        return new RouteRequest(task, complexity, 0.5, inputTokens, outputTokens, Set.of(), false, false,
                RouteConstraints.NONE);
    }

    /** The request the classifier describes; the classifier's modalities map onto the catalog's by name. */
    public static RouteRequest from(Classification c, boolean needsTools, boolean needsStructuredOutput,
                                    RouteConstraints constraints) {
        Objects.requireNonNull(c, "classification");
        EnumSet<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (var m : c.requiredModalities()) {
            modalities.add(Modality.valueOf(m.name()));
        }
        return new RouteRequest(c.task(), c.complexity(), Math.clamp(c.complexityScore(), 0.0, 1.0),
                c.estimatedInputTokens(), c.estimatedOutputTokens(), modalities, needsTools, needsStructuredOutput,
                constraints);
    }

    public RouteRequest withConstraints(RouteConstraints c) {
        return new RouteRequest(task, complexity, complexityScore, estimatedInputTokens, estimatedOutputTokens,
                requiredModalities, needsTools, needsStructuredOutput, c);
    }

    public RouteRequest withModalities(Set<Modality> m) {
        return new RouteRequest(task, complexity, complexityScore, estimatedInputTokens, estimatedOutputTokens, m,
                needsTools, needsStructuredOutput, constraints);
    }

    public RouteRequest withTools(boolean tools, boolean structuredOutput) {
        return new RouteRequest(task, complexity, complexityScore, estimatedInputTokens, estimatedOutputTokens,
                requiredModalities, tools, structuredOutput, constraints);
    }

    /** The request's modalities plus the constraint's, text removed (every chat model takes text). */
    public Set<Modality> allRequiredModalities() {
        EnumSet<Modality> all = EnumSet.noneOf(Modality.class);
        all.addAll(requiredModalities);
        all.addAll(constraints.modalities());
        all.remove(Modality.TEXT);
        return all;
    }
}
