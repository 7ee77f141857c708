package dev.routewise.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A budget's window spend crossed one of its warning thresholds. Raised once per budget, window and threshold, and
 * kept after the budget is changed or deleted, with the figures and wording of the moment it was raised.
 *
 * @param scope          who the budget counts, as people read it: {@code Global}, {@code Team 'ml'}, {@code API key
 *                       12}, {@code User 'bob'}
 * @param threshold      the fraction of the limit crossed; 1 means the budget is exhausted
 * @param spentUsd       the window's spend when the threshold was crossed
 * @param message        one line for people, e.g. {@code Team 'ml' daily budget $10.00: 90 % used ($9.12)}
 * @param acknowledgedAt null while the alert is open
 * @param delivery       where the webhook post stands
 * @param attempts       webhook posts made so far
 * @param lastError      why the last webhook post did not succeed, if it did not
 */
public record Alert(long id, long budgetId, String scope, BudgetPeriod period, Instant windowStart,
                    BigDecimal threshold, BigDecimal spentUsd, BigDecimal limitUsd, String message, Instant createdAt,
                    Instant acknowledgedAt, String acknowledgedBy, AlertDelivery delivery, int attempts,
                    String lastError) {

    public Alert {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(period);
        Objects.requireNonNull(threshold);
        Objects.requireNonNull(message);
        Objects.requireNonNull(delivery);
    }

    /** True when the threshold was the whole limit. */
    public boolean exhausted() {
        return threshold.compareTo(BigDecimal.ONE) >= 0;
    }

    /** True until someone acknowledges it. */
    public boolean open() {
        return acknowledgedAt == null;
    }
}
