package dev.routewise.routing;

import java.math.BigDecimal;

/**
 * What a caller reports after using a decision (../shared/API.md).
 *
 * @param qualityRating 1 to 5, optional
 * @param overriddenTo  the model the user switched to instead, optional
 */
public record Outcome(Boolean success, Integer qualityRating, Integer latencyMs, Integer inputTokens,
                      Integer outputTokens, BigDecimal costUsd, String overriddenTo) {
}
