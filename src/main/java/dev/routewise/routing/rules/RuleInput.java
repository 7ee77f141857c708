package dev.routewise.routing.rules;

import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What rules can see of one request. Missing values (no priority, no user) match no comparison except
 * {@code !=} and {@code not in}.
 *
 * @param tokens     estimated input tokens
 * @param profile    the profile the request asked for (or the active one)
 * @param sessionId  with {@code user}, {@code team} and {@code decisionId}, the key of {@code bucket(...)}
 * @param time       the moment of the request; hour and weekday are taken in the rule set's time zone
 * @param providers  whether a provider's source is healthy right now
 */
public record RuleInput(TaskLabel task, Complexity complexity, double complexityScore, int tokens, int outputTokens,
                        Integer priority, List<String> labels, String user, String team, String space, String profile,
                        String sessionId, String decisionId, Instant time, ProviderStatus providers) {

    /** Health of providers by name (a source's slug, lower case). */
    @FunctionalInterface
    public interface ProviderStatus {
        ProviderStatus ALL_HEALTHY = provider -> true;

        boolean healthy(String provider);
    }

    public RuleInput {
        task = task == null ? TaskLabel.GENERAL : task;
        complexity = complexity == null ? Complexity.MEDIUM : complexity;
        labels = labels == null ? List.of() : labels;
        Objects.requireNonNull(time, "time");
        providers = providers == null ? ProviderStatus.ALL_HEALTHY : providers;
    }

    /** The key requests are bucketed by: the session, else the user, else the team, else the decision. */
    String bucketKey() {
        if (sessionId != null && !sessionId.isBlank()) {
            return sessionId;
        }
        if (user != null && !user.isBlank()) {
            return user;
        }
        if (team != null && !team.isBlank()) {
            return team;
        }
        return decisionId;
    }
}
