package dev.routewise.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A spend limit for one scope and period, as stored and as the REST API shows it.
 *
 * @param scopeId null for {@code global}; else the team name, the API key id or the user name
 * @param warnAt  fractions of the limit (0 < f <= 1, ascending) whose crossing is reported when a call settles
 */
public record Budget(long id, BudgetScope scope, String scopeId, BudgetPeriod period, BigDecimal limitUsd,
                     BudgetPolicy policy, List<BigDecimal> warnAt, Instant createdAt, Instant updatedAt) {

    public Budget {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(period);
        Objects.requireNonNull(limitUsd);
        Objects.requireNonNull(policy);
        warnAt = List.copyOf(warnAt);
    }

    /** How the budget reads in messages and the audit log, e.g. {@code team 'research' per day $10.00 (block)}. */
    public String describe() {
        return scope.wire() + (scopeId == null ? "" : " '" + scopeId + "'") + " per " + period.wire() + " $"
                + limitUsd.toPlainString() + " (" + policy.wire() + ")";
    }

    boolean appliesTo(Scope caller) {
        return switch (scope) {
            case GLOBAL -> true;
            case TEAM -> scopeId.equals(caller.team());
            case KEY -> caller.apiKeyId() != null && scopeId.equals(caller.apiKeyId().toString());
            case USER -> scopeId.equals(caller.userName());
        };
    }
}
