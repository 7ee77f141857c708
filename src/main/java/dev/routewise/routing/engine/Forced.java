package dev.routewise.routing.engine;

import java.util.Objects;

/**
 * A model forced on a decision from above the engine (a per-task override, a seed preset, a workflow stage, a
 * rule), with the words the decision uses for it.
 *
 * @param model  the routing id to choose while it is eligible
 * @param rule   the decision's {@code rule} when the model is taken, e.g. {@code override} or {@code preset}
 * @param reason the reason given when it is taken, e.g. "override for code in profile balanced: openai/gpt-4o"
 * @param label  how the reason for ignoring it starts, e.g. "override" ("override X for code ignored: ...")
 */
public record Forced(String model, String rule, String reason, String label) {

    public Forced {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(label, "label");
    }
}
