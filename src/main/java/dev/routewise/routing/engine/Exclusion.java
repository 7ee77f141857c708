package dev.routewise.routing.engine;

import java.util.Objects;

/**
 * One reason a model is not eligible.
 *
 * @param detail  a human-readable sentence about this model, e.g. "does not accept image input"
 * @param summary completes "excluded N models ...", e.g. "without image input"; equal summaries are counted together
 */
public record Exclusion(ExclusionRule rule, String detail, String summary) {

    public Exclusion {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        summary = summary == null ? rule.phrase("") : summary;
    }

    static Exclusion of(ExclusionRule rule, String detail) {
        return new Exclusion(rule, detail, rule.phrase(""));
    }

    static Exclusion of(ExclusionRule rule, String detail, String argument) {
        return new Exclusion(rule, detail, rule.phrase(argument));
    }
}
