package dev.routewise.spend;

import java.math.BigDecimal;

/**
 * What a call's tokens would have cost without routing's choice, for the savings report: on the profile's top model
 * for the task, and on the premium profile's top model for the task. Defined here and implemented by routing (which
 * knows what "top model" means, docs/spend.md "Savings"); called only on the ledger's writer thread.
 */
public interface CostBaselines {

    /**
     * @param profile the profile the call was routed under (null: the active profile)
     * @param task    the task's id (null: general)
     */
    Baseline of(String profile, String task, TokenCounts tokens);

    /**
     * The two baselines; a model or cost is null when it cannot be said (no such model, or it is unpriced).
     */
    record Baseline(String topModel, BigDecimal topCostUsd, String premiumModel, BigDecimal premiumCostUsd) {

        public static final Baseline NONE = new Baseline(null, null, null, null);
    }
}
