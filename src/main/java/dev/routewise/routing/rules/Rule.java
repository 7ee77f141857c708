package dev.routewise.routing.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One compiled rule: if {@code condition} matches a request, {@code action} applies.
 *
 * @param id null until stored
 */
public record Rule(Long id, String name, String description, boolean enabled, Condition condition, Action action) {

    static final int MAX_NAME_LENGTH = 80;
    static final int MAX_DESCRIPTION_LENGTH = 500;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");

    public Rule {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(action, "action");
    }

    /**
     * Validates and compiles every part of a rule.
     *
     * @throws RuleException naming the part at fault ({@code name}, {@code description}, {@code condition},
     *                       {@code action} or {@code value})
     */
    public static Rule compile(Long id, String name, String description, boolean enabled, String condition,
                               String actionType, String actionValue, ProfileLookup profiles) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw RuleException.of("name", "Give the rule a name, e.g. weekend-eco");
        }
        if (n.length() > MAX_NAME_LENGTH || !NAME.matcher(n).matches()) {
            throw RuleException.of("name", "Names have up to " + MAX_NAME_LENGTH
                    + " letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION_LENGTH) {
            throw RuleException.of("description", "The description is at most " + MAX_DESCRIPTION_LENGTH
                    + " characters long");
        }
        Condition c = Condition.parse(condition);
        Action a = Action.parse(actionType, actionValue, profiles);
        return new Rule(id, n, d, enabled, c, a);
    }

    /** {@code weekday in [sat, sun] -> use_model openai/gpt-4o-mini}, as decision reasons quote it. */
    public String summary() {
        return condition.text() + " -> " + action;
    }
}
