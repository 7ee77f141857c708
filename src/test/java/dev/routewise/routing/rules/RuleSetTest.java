package dev.routewise.routing.rules;

import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetTest {

    static Rule rule(String name, String condition, String action, String value) {
        return rule(name, true, condition, action, value);
    }

    static Rule rule(String name, boolean enabled, String condition, String action, String value) {
        return Rule.compile(null, name, "", enabled, condition, action, value, ProfileLookup.BUILT_IN);
    }

    static RuleOutcome evaluate(RuleSet set) {
        return set.evaluate(ConditionTest.input());
    }

    @Test
    void no_rules_means_no_outcome_and_nothing_allocated() {
        assertThat(RuleSet.EMPTY.isEmpty()).isTrue();
        assertThat(evaluate(RuleSet.EMPTY)).isSameAs(RuleOutcome.NONE);
        RuleSet nothingMatches = new RuleSet(List.of(rule("never", "task == math", "deny", "no math")),
                ZoneOffset.UTC);
        assertThat(evaluate(nothingMatches)).isSameAs(RuleOutcome.NONE);
        assertThat(RuleOutcome.NONE.label()).isNull();
    }

    @Test
    void the_first_matching_decisive_rule_ends_evaluation() {
        RuleSet set = new RuleSet(List.of(
                rule("weekend-eco", "weekday in [sat, sun]", "use_profile", "ECO"),
                rule("docs-deny", "labels contains docs", "deny", "not today")), ZoneOffset.UTC);

        RuleOutcome outcome = evaluate(set);

        assertThat(outcome.is(Action.Type.USE_PROFILE)).isTrue();
        assertThat(outcome.action().orElseThrow().value()).isEqualTo("eco");
        assertThat(outcome.matched()).extracting(Rule::name).containsExactly("weekend-eco");
        assertThat(outcome.label()).isEqualTo("rule:weekend-eco");
        assertThat(outcome.reasons()).containsExactly(
                "rule 'weekend-eco' matched: weekday in [sat, sun] -> use_profile eco");
    }

    @Test
    void model_lists_accumulate_and_evaluation_goes_on() {
        RuleSet set = new RuleSet(List.of(
                rule("only-cloud", "true", "add_models", "openai/*, anthropic/*"),
                rule("no-o3", "complexity < critical", "exclude_models", "*/o3"),
                rule("no-preview", "task == code", "exclude_models", "*preview*"),
                rule("alice-mini", "user == alice", "use_model", "openai/gpt-4o-mini"),
                rule("too-late", "true", "deny", "never reached")), ZoneOffset.UTC);

        RuleOutcome outcome = evaluate(set);

        assertThat(outcome.allowedModels()).containsExactly("openai/*", "anthropic/*");
        assertThat(outcome.excludedModels()).containsExactly("*/o3", "*preview*");
        assertThat(outcome.decisive().name()).isEqualTo("alice-mini");
        assertThat(outcome.matched()).extracting(Rule::name)
                .containsExactly("only-cloud", "no-o3", "no-preview", "alice-mini");
    }

    @Test
    void disabled_rules_are_skipped() {
        RuleSet set = new RuleSet(List.of(
                rule("off", false, "true", "deny", "switched off"),
                rule("on", "true", "exclude_models", "*/o3")), ZoneOffset.UTC);

        RuleOutcome outcome = evaluate(set);

        assertThat(outcome.decisive()).isNull();
        assertThat(outcome.label()).isEqualTo("rule:on");
        assertThat(set.matches(ConditionTest.input())).containsExactly(true, true);
    }

    @Test
    void the_time_zone_decides_which_night_rule_applies() {
        RuleSet utc = new RuleSet(List.of(rule("night", "hour >= 22 or hour <= 6", "use_profile", "eco")),
                ZoneOffset.UTC);
        assertThat(evaluate(utc).matchedAny()).isFalse();
        assertThat(evaluate(utc.withZone(ZoneId.of("Pacific/Auckland"))).matchedAny()).as("22:30 in Auckland")
                .isTrue();
    }

    @Test
    void actions_and_names_are_validated() {
        assertThatThrownBy(() -> rule("x", "true", "use_model", "gpt-4o"))
                .isInstanceOf(RuleException.class).hasMessageContaining("openai/gpt-4o-mini")
                .extracting(e -> ((RuleException) e).field()).isEqualTo("value");
        assertThatThrownBy(() -> rule("x", "true", "use_profile", "turbo")).hasMessage("Unknown profile 'turbo'");
        assertThat(Rule.compile(null, "x", "", true, "true", "use_profile", "turbo", n -> n.equals("turbo"))
                .action().value()).as("custom profiles come from the lookup").isEqualTo("turbo");
        assertThatThrownBy(() -> rule("x", "true", "deny", " ")).hasMessageContaining("message callers see");
        assertThatThrownBy(() -> rule("x", "true", "exclude_models", " , ")).hasMessageContaining("patterns");
        assertThatThrownBy(() -> rule("x", "true", "teleport", "a")).hasMessageContaining("use one of use_model")
                .extracting(e -> ((RuleException) e).field()).isEqualTo("action");
        assertThatThrownBy(() -> rule(" ", "true", "deny", "a")).extracting(e -> ((RuleException) e).field())
                .isEqualTo("name");
        assertThatThrownBy(() -> rule("x", "tokns > 1", "deny", "a")).extracting(e -> ((RuleException) e).column())
                .isEqualTo(1);
        assertThatThrownBy(() -> new RuleSet(List.of(rule("Same", "true", "deny", "a"),
                rule("same", "true", "deny", "b")), ZoneOffset.UTC)).hasMessageContaining("already named");
    }

    @Test
    void twenty_rules_that_match_nothing_allocate_nothing_per_rule() {
        List<Rule> twenty = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(rule("r" + i, "task in [math, creative] and complexity >= complex or user == 'u" + i
                    + "' or labels contains 'x" + i + "' or bucket('exp" + i + "') > 100", "deny", "no"));
        }
        RuleSet set = new RuleSet(twenty, ZoneId.of("Europe/Berlin"));
        RuleInput in = ConditionTest.input();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 50_000; i++) {
            set.evaluate(in);
        }
        long bytes = threads.getCurrentThreadAllocatedBytes();
        int n = 200_000;
        int matched = 0;
        for (int i = 0; i < n; i++) {
            matched += set.evaluate(in) == RuleOutcome.NONE ? 0 : 1;
        }
        long bytesPerEvaluation = (threads.getCurrentThreadAllocatedBytes() - bytes) / n;
        assertThat(matched).isZero();
        // a bound, not a benchmark (about 40 bytes once compiled): an object per rule would make it 20 times more;
        // the margin absorbs runs where the JIT has not finished with the loop
        assertThat(bytesPerEvaluation).isLessThan(400);
    }

    @Test
    void an_input_without_a_task_is_general() {
        RuleInput in = new RuleInput(null, null, 0, 0, 0, null, null, null, null, null, null, null, null,
                ConditionTest.SATURDAY_MORNING, null);
        assertThat(Condition.parse("task == general and complexity == medium").test(in, ZoneOffset.UTC)).isTrue();
        assertThat(in.task()).isEqualTo(TaskLabel.GENERAL);
        assertThat(in.complexity()).isEqualTo(Complexity.MEDIUM);
    }
}
