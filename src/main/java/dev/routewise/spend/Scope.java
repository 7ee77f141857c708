package dev.routewise.spend;

/**
 * Who makes a call, so that {@link BudgetService#reserve} can find every budget that counts it. Any part may be
 * null (a call without a team, or made by a signed-in user without an API key).
 */
public record Scope(String userName, String team, Long apiKeyId) {
}
