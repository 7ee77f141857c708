package dev.routewise.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget with its current window's figures, for {@code GET /api/v1/budget}.
 *
 * @param windowStart null for {@code request} budgets, which have no window
 * @param remainingUsd the limit less spent and reserved, never below zero
 */
public record BudgetStatus(Budget budget, Instant windowStart, BigDecimal spentUsd, BigDecimal reservedUsd,
                           BigDecimal remainingUsd, boolean exhausted) {
}
