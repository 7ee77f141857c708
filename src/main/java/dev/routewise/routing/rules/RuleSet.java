package dev.routewise.routing.rules;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Ordered rules and the time zone their hour and weekday are read in. Evaluation: rules in order, disabled ones
 * skipped; add_models and exclude_models accumulate and evaluation goes on; the first matching use_model,
 * use_profile or deny ends it. Immutable; one evaluation allocates only its result, and nothing when no rule
 * matches.
 */
public final class RuleSet {

    public static final RuleSet EMPTY = new RuleSet(List.of(), ZoneOffset.UTC);

    private final List<Rule> rules;
    private final Rule[] active;
    private final ZoneId zone;

    /** @throws RuleException (field {@code name}) when two rules share a name */
    public RuleSet(List<Rule> rules, ZoneId zone) {
        this.rules = List.copyOf(rules);
        this.zone = Objects.requireNonNull(zone, "zone");
        Set<String> names = new HashSet<>();
        for (Rule r : this.rules) {
            if (!names.add(r.name().toLowerCase(Locale.ROOT))) {
                throw RuleException.of("name", "Another rule is already named '" + r.name() + "'");
            }
        }
        this.active = this.rules.stream().filter(Rule::enabled).toArray(Rule[]::new);
    }

    public List<Rule> rules() {
        return rules;
    }

    public ZoneId zone() {
        return zone;
    }

    public RuleSet withZone(ZoneId newZone) {
        return new RuleSet(rules, newZone);
    }

    /** True when no enabled rule exists, so routing can skip building the rules' input. */
    public boolean isEmpty() {
        return active.length == 0;
    }

    public RuleOutcome evaluate(RuleInput input) {
        if (active.length == 0) {
            return RuleOutcome.NONE;
        }
        Facts facts = new Facts(input, zone);
        List<Rule> matched = null;
        List<String> allowed = List.of();
        List<String> excluded = List.of();
        for (Rule rule : active) {
            if (!rule.condition().test(facts)) {
                continue;
            }
            if (matched == null) {
                matched = new ArrayList<>(2);
            }
            matched.add(rule);
            switch (rule.action().type()) {
                case ADD_MODELS -> allowed = plus(allowed, rule.action());
                case EXCLUDE_MODELS -> excluded = plus(excluded, rule.action());
                default -> {
                    return new RuleOutcome(matched, rule, allowed, excluded);
                }
            }
        }
        return matched == null ? RuleOutcome.NONE : new RuleOutcome(matched, null, allowed, excluded);
    }

    /** For each rule in order, enabled or not, whether its condition matches (for testing rules by hand). */
    public List<Boolean> matches(RuleInput input) {
        Facts facts = new Facts(input, zone);
        return rules.stream().map(r -> r.condition().test(facts)).toList();
    }

    private static List<String> plus(List<String> globs, Action action) {
        List<String> all = new ArrayList<>(globs);
        action.patterns().forEach(p -> all.add(p.glob()));
        return all;
    }
}
