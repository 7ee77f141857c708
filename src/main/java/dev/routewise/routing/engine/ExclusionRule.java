package dev.routewise.routing.engine;

/**
 * Why a model cannot take a request, in the order the engine checks. {@link #constraint()} names the request
 * field or catalog property responsible, so a 422 answer can say which constraint excluded what.
 */
public enum ExclusionRule {
    NOT_CHAT("kind", "not made for chat"),
    DISABLED("enabled", "disabled"),
    UNAVAILABLE("status", "missing or deprecated"),
    SOURCE_UNHEALTHY("source", "from an unhealthy source"),
    MODALITY("modalities", "without %s input"),
    CONTEXT_WINDOW("estimatedTokens", "with too small a context window"),
    MIN_CONTEXT("minContextTokens", "below minContextTokens"),
    TOOLS("tools", "without tool calling"),
    STRUCTURED_OUTPUT("responseFormat", "without structured output"),
    NOT_ALLOWED("allowedModels", "not in allowedModels"),
    EXCLUDED("excludedModels", "in excludedModels"),
    OUTSIDE_POOL("profile", "outside the profile's pool"),
    UNPRICED_UNDER_COST_CAP("maxCostUsd", "unpriced under a cost cap"),
    MAX_COST("maxCostUsd", "over maxCostUsd"),
    MIN_QUALITY("minQuality", "below minQuality"),
    MAX_LATENCY("maxLatencyMs", "over maxLatencyMs");

    private final String constraint;
    private final String phrase;

    ExclusionRule(String constraint, String phrase) {
        this.constraint = constraint;
        this.phrase = phrase;
    }

    /** The request field or model property behind the rule, e.g. {@code maxCostUsd}. */
    public String constraint() {
        return constraint;
    }

    /** Completes "excluded N models ..."; {@code %s} takes the argument (e.g. the modality). */
    String phrase(String argument) {
        return phrase.contains("%s") ? phrase.formatted(argument) : phrase;
    }
}
