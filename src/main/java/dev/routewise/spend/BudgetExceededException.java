package dev.routewise.spend;

import java.math.BigDecimal;

/**
 * A call would take a {@code block} budget past its limit, so it must not reach the provider. The gateway answers
 * 429 with this message, which names the budget.
 */
public class BudgetExceededException extends RuntimeException {

    private final transient Budget budget;
    private final BigDecimal spentUsd;
    private final BigDecimal reservedUsd;

    public BudgetExceededException(Budget budget, BigDecimal spentUsd, BigDecimal reservedUsd, BigDecimal estimateUsd) {
        super("Budget exceeded: " + budget.describe() + " has $" + spentUsd.toPlainString() + " spent and $"
                + reservedUsd.toPlainString() + " reserved; this request's estimated $" + estimateUsd.toPlainString()
                + " would pass the limit");
        this.budget = budget;
        this.spentUsd = spentUsd;
        this.reservedUsd = reservedUsd;
    }

    public Budget budget() {
        return budget;
    }

    public BigDecimal spentUsd() {
        return spentUsd;
    }

    public BigDecimal reservedUsd() {
        return reservedUsd;
    }
}
