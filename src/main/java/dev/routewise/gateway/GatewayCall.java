package dev.routewise.gateway;

import dev.routewise.gateway.protocol.Usage;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the gateway did for one request: the decision it executed, each attempt on a provider, the usage and what it
 * cost. A cost of null is unknown (the provider reported no usage, or the model has no price), never $0.
 *
 * @param caller     the signed-in principal (an API key's owner, or the console user)
 * @param user       the end user the call was made for: the routing context's user ({@code x-routewise-user} or
 *                   OpenAI's {@code user} field), else the caller; budgets of scope {@code user} count this name
 * @param team       the routing context's team, if any
 * @param outcome    ok, failed (every model failed), rejected (the provider refused the request itself), cancelled
 *                   (the client went away), broken (a stream failed after content reached the client), no_model
 * @param estimatedCostUsd what the call was expected to cost when it was admitted (held on its budgets, before
 *                   their margin), null when no model was chosen
 * @param costStatus known, unknown_usage, unpriced, or none (no provider answered, nothing to pay)
 */
public record GatewayCall(String decisionId, long createdAt, String caller, Long apiKeyId, String user, String team,
                          String requestedModel,
                          String profile, String task, String model, String provider, boolean stream, int status,
                          String outcome, String error, int fallbacks, long latencyMs, Long ttftMs, Usage usage,
                          BigDecimal estimatedCostUsd, BigDecimal costUsd, String costStatus, List<Attempt> attempts) {

    public GatewayCall {
        attempts = List.copyOf(attempts);
    }

    /**
     * One call of one model, or a model skipped without a call.
     *
     * @param status     the provider's HTTP status, null when none came (connection error, timeout, skipped)
     * @param caller     the signed-in principal (an API key's owner, or the console user)
 * @param user       the end user the call was made for: the routing context's user ({@code x-routewise-user} or
 *                   OpenAI's {@code user} field), else the caller; budgets of scope {@code user} count this name
 * @param team       the routing context's team, if any
 * @param outcome    ok, failed, skipped, broken, cancelled, rejected
     * @param errorClass a {@link dev.routewise.gateway.protocol.FailureClass} key, or why it was skipped
     *                   (cooling_down, rate_limited, unsupported, context_length)
     * @param costUsd    what this attempt cost, null when unknown or nothing was generated
     */
    public record Attempt(int seq, String model, String provider, long startedAt, Integer status, String outcome,
                          String errorClass, String error, Long latencyMs, Long ttftMs, Usage usage,
                          BigDecimal costUsd) {

        /** A line for logs and error messages. */
        public String summary() {
            StringBuilder s = new StringBuilder(model).append(": ");
            if (status != null) {
                s.append(status).append(' ');
            }
            s.append(outcome);
            if (errorClass != null) {
                s.append(" (").append(errorClass).append(')');
            }
            if (error != null) {
                s.append(" ").append(error);
            }
            return s.toString();
        }
    }

    /** A model rested after failures, or found rate-limited: the console's fallback and rate-limit events. */
    public record Event(long createdAt, String kind, String model, Long untilMillis, String detail) {
    }
}
