package dev.routewise.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A settled call took a budget's window spend across one of its {@code warnAt} fractions or its limit (threshold 1),
 * or a {@code block} budget refused a call (threshold 1, with what was spent so far: calls in flight hold the
 * rest). {@link AlertService} raises
 * one alert per budget, window and threshold from these: the same threshold can be crossed again in a window when
 * the limit is raised, and that raises nothing new.
 */
public record ThresholdCrossed(Budget budget, BigDecimal threshold, Instant windowStart, BigDecimal spentUsd) {
}
