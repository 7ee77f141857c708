package dev.routewise.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What routing saved (docs/spend.md "Savings"): the actual cost of the calls next to what the same tokens would have
 * cost on the profile's top model for each call's task, and on the premium profile's. Only calls with a known cost
 * and both baselines count, so the three amounts are over the same calls.
 *
 * @param calls                    the calls compared
 * @param savedVsTopModelPercent   share of the top-model cost saved, in percent (negative when routing cost more);
 *                                 null when there is nothing to compare
 */
public record Savings(long calls, BigDecimal actualUsd, BigDecimal topModelUsd, BigDecimal premiumUsd,
                      BigDecimal savedVsTopModelUsd, BigDecimal savedVsTopModelPercent, BigDecimal savedVsPremiumUsd,
                      BigDecimal savedVsPremiumPercent) {

    static Savings of(CostFigures f) {
        BigDecimal vsTop = f.topModelUsd().subtract(f.savingsActualUsd());
        BigDecimal vsPremium = f.premiumUsd().subtract(f.savingsActualUsd());
        return new Savings(f.savingsCalls(), CostFigures.tidy(f.savingsActualUsd()), CostFigures.tidy(f.topModelUsd()),
                CostFigures.tidy(f.premiumUsd()), CostFigures.tidy(vsTop), percent(vsTop, f.topModelUsd()),
                CostFigures.tidy(vsPremium), percent(vsPremium, f.premiumUsd()));
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.movePointRight(2).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
