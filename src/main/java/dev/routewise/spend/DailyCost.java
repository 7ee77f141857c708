package dev.routewise.spend;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One day of a report's series, for charts: every day of the period appears, days without calls at zero. */
public record DailyCost(LocalDate date, long calls, BigDecimal knownCostUsd, long unknownCostCalls,
                        BigDecimal unknownCostEstimateUsd) {
}
