package dev.routewise.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A settled call took a budget's window spend across one of its {@code warnAt} fractions. Alerts will be raised from
 * these; each threshold is crossed at most once per window because spend only grows.
 */
public record ThresholdCrossed(Budget budget, BigDecimal threshold, Instant windowStart, BigDecimal spentUsd) {
}
