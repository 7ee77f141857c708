package dev.routewise.routing.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rule set made of one request.
 *
 * @param matched        the rules that matched, in order, up to and including the decisive one
 * @param decisive       the use_model, use_profile or deny rule that ended evaluation, or null
 * @param allowedModels  globs added by matching add_models rules
 * @param excludedModels globs added by matching exclude_models rules
 */
public record RuleOutcome(List<Rule> matched, Rule decisive, List<String> allowedModels,
                          List<String> excludedModels) {

    public static final RuleOutcome NONE = new RuleOutcome(List.of(), null, List.of(), List.of());

    public RuleOutcome {
        matched = List.copyOf(matched);
        allowedModels = List.copyOf(allowedModels);
        excludedModels = List.copyOf(excludedModels);
    }

    public boolean matchedAny() {
        return !matched.isEmpty();
    }

    /** The action of the decisive rule, if one matched. */
    public Optional<Action> action() {
        return decisive == null ? Optional.empty() : Optional.of(decisive.action());
    }

    public boolean is(Action.Type type) {
        return decisive != null && decisive.action().type() == type;
    }

    /** {@code rule:<name>} of the decisive rule, else of the matching rules joined by commas; null if none. */
    public String label() {
        if (decisive != null) {
            return "rule:" + decisive.name();
        }
        if (matched.isEmpty()) {
            return null;
        }
        return "rule:" + String.join(",", matched.stream().map(Rule::name).toList());
    }

    /** One line per matching rule: {@code rule 'weekend-eco' matched: weekday in [sat, sun] -> use_model x}. */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>(matched.size());
        for (Rule r : matched) {
            reasons.add("rule '" + r.name() + "' matched: " + r.summary());
        }
        return reasons;
    }

    /** A one-line summary for people: the decisive action, else the model lists, else "no rule matched". */
    public String describe() {
        if (decisive != null) {
            return decisive.action() + " (rule '" + decisive.name() + "')";
        }
        List<String> parts = new ArrayList<>();
        if (!allowedModels.isEmpty()) {
            parts.add("allowed models " + allowedModels);
        }
        if (!excludedModels.isEmpty()) {
            parts.add("excluded models " + excludedModels);
        }
        return parts.isEmpty() ? "no rule matched: the engine decides" : String.join("; ", parts)
                + ", then the engine decides";
    }
}
