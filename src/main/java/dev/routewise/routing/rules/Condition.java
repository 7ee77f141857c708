package dev.routewise.routing.rules;

import java.time.ZoneId;
import java.util.Objects;

/** A parsed, type-checked condition with the text it came from. Immutable and safe to share between threads. */
public final class Condition {

    private final String text;
    private final Node root;

    private Condition(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses and type-checks a condition.
     *
     * @throws RuleException with field {@code condition} and the 1-based column of the problem
     */
    public static Condition parse(String text) {
        Node root = Parser.parse(text);
        return new Condition(text.strip(), root);
    }

    public String text() {
        return text;
    }

    /** Tests one request, taking hour and weekday in {@code zone}. */
    public boolean test(RuleInput input, ZoneId zone) {
        return root.test(new Facts(input, Objects.requireNonNull(zone)));
    }

    boolean test(Facts facts) {
        return root.test(facts);
    }

    @Override
    public String toString() {
        return text;
    }
}
