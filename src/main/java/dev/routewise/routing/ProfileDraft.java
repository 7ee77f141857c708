package dev.routewise.routing;

import java.util.List;
import java.util.Map;

/**
 * A profile as a person or a config file writes it; every field but the name is optional on update and takes the
 * current (or, for a new profile, balanced's) value when absent.
 *
 * @param weights        factor -> weight (capability, cost, quality, latency, historical), any non-negative scale
 * @param tierPreference cost tiers in order of preference: low, medium, high
 * @param tierWeight     0..1, how much the tier preference counts against the factors
 * @param pool           model patterns such as {@code anthropic/*}; empty = every model
 */
public record ProfileDraft(String name, String description, Map<String, Double> weights,
                           List<String> tierPreference, Double tierWeight, List<String> pool,
                           String fallbackModel) {
}
