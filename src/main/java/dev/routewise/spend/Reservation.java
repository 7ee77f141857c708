package dev.routewise.spend;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Cost held against budgets for one call between {@link BudgetService#reserve} and {@link BudgetService#settle} or
 * {@link BudgetService#release}.
 *
 * @param scope           who makes the call
 * @param estimateUsd     the caller's estimate of the call's cost
 * @param degrade         true when a {@code degrade} budget would be exceeded: the caller should switch to a cheaper
 *                        profile
 * @param degradedBy      the budgets that asked to degrade
 * @param holds           what is held on each windowed budget
 */
public record Reservation(UUID id, Scope scope, BigDecimal estimateUsd, boolean degrade, List<Budget> degradedBy,
                          List<Hold> holds) {

    public Reservation {
        Objects.requireNonNull(id);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(estimateUsd);
        degradedBy = List.copyOf(degradedBy);
        holds = List.copyOf(holds);
    }

    private static final UUID UNTRACKED = new UUID(0, 0);

    /** A call no budget applies to: nothing is held, settling or releasing it does nothing. */
    static Reservation untracked(Scope scope, BigDecimal estimateUsd) {
        return new Reservation(UNTRACKED, scope, estimateUsd, false, List.of(), List.of());
    }

    /** Whether no budget applied when the call was reserved. */
    public boolean untracked() {
        return UNTRACKED.equals(id);
    }

    /**
     * The amount held on one budget's window; the window is fixed when the call is reserved.
     *
     * @param budgetCreatedAt the budget's creation time (epoch ms): with the id, it names the budget even when a
     *                        deleted budget's id is given to a new one
     */
    public record Hold(long budgetId, long budgetCreatedAt, long windowStart, BigDecimal amountUsd) {
    }
}
