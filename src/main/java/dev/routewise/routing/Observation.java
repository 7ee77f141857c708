package dev.routewise.routing;

/**
 * What a caller of a model saw, without a person reporting it: the gateway's attempts. Feeds the learned history
 * like a reported outcome without a rating.
 *
 * @param success   false when the provider failed (errors, timeouts, broken streams), not when the request was bad
 * @param latencyMs the whole answer's latency, or null (streamed answers, failures)
 */
public record Observation(long observedAt, String model, String task, boolean success, Integer latencyMs) {
}
