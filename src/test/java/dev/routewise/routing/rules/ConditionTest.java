package dev.routewise.routing.rules;

import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {

    /** Saturday 2025-06-07 10:30 UTC. */
    static final Instant SATURDAY_MORNING = Instant.parse("2025-06-07T10:30:00Z");

    static RuleInput input() {
        return new RuleInput(TaskLabel.CODE, Complexity.COMPLEX, 0.72, 1_500, 800, 1, List.of("docs", "Urgent"),
                "alice", "platform", "coding", "balanced", "s-1", "d-1", SATURDAY_MORNING,
                p -> !p.equals("anthropic"));
    }

    static boolean test(String condition) {
        return Condition.parse(condition).test(input(), ZoneOffset.UTC);
    }

    static RuleException error(String condition) {
        try {
            Condition.parse(condition);
        } catch (RuleException e) {
            return e;
        }
        throw new AssertionError("expected an error for: " + condition);
    }

    @Test
    void whole_number_fields_support_every_comparison() {
        assertThat(test("priority == 1")).isTrue();
        assertThat(test("priority != 1")).isFalse();
        assertThat(test("tokens > 1000 and tokens >= 1500 and tokens < 1501 and tokens <= 1500")).isTrue();
        assertThat(test("outputTokens > 800")).isFalse();
        assertThat(test("output_tokens <= 800")).as("snake case works too").isTrue();
        assertThat(test("priority in [0, 1, 2]")).isTrue();
        assertThat(test("priority not in [0, 2]")).isTrue();
        assertThat(test("hour == 10")).isTrue();
    }

    @Test
    void a_missing_priority_matches_only_inequality() {
        RuleInput noPriority = new RuleInput(TaskLabel.CODE, Complexity.SIMPLE, 0.1, 10, 10, null, null, null, null,
                null, null, null, "d", SATURDAY_MORNING, null);
        assertThat(Condition.parse("priority == 0").test(noPriority, ZoneOffset.UTC)).isFalse();
        assertThat(Condition.parse("priority < 5").test(noPriority, ZoneOffset.UTC)).isFalse();
        assertThat(Condition.parse("priority != 0").test(noPriority, ZoneOffset.UTC)).isTrue();
        assertThat(Condition.parse("user == \"alice\"").test(noPriority, ZoneOffset.UTC)).isFalse();
        assertThat(Condition.parse("user not in [alice]").test(noPriority, ZoneOffset.UTC)).isTrue();
        assertThat(Condition.parse("labels contains docs").test(noPriority, ZoneOffset.UTC)).isFalse();
    }

    @Test
    void complexity_is_ordered_from_simple_to_critical() {
        assertThat(test("complexity == complex")).isTrue();
        assertThat(test("complexity >= medium")).isTrue();
        assertThat(test("complexity > complex")).isFalse();
        assertThat(test("complexity < critical")).isTrue();
        assertThat(test("complexity in [simple, medium]")).isFalse();
        assertThat(test("complexityScore > 0.7 and complexityScore < 0.8")).isTrue();
    }

    @Test
    void task_labels_and_text_fields_compare_case_insensitively() {
        assertThat(test("task == code")).isTrue();
        assertThat(test("task == \"code\"")).isTrue();
        assertThat(test("task in [debugging, code_review]")).isFalse();
        assertThat(test("task not in [debugging, code_review]")).isTrue();
        assertThat(test("user == 'ALICE'")).isTrue();
        assertThat(test("team != platform")).isFalse();
        assertThat(test("space in [coding, writing]")).isTrue();
        assertThat(test("profile == balanced")).isTrue();
        assertThat(test("team contains \"plat\"")).isTrue();
    }

    @Test
    void labels_are_a_set_tested_with_contains_and_in() {
        assertThat(test("labels contains 'docs'")).isTrue();
        assertThat(test("labels contains urgent")).isTrue();
        assertThat(test("labels contains 'legal'")).isFalse();
        assertThat(test("labels in [legal, docs]")).isTrue();
        assertThat(test("labels not in [legal, finance]")).isTrue();
    }

    @Test
    void provider_status_follows_the_health_of_its_source() {
        assertThat(test("healthy(\"openai\")")).isTrue();
        assertThat(test("unhealthy(\"anthropic\")")).isTrue();
        assertThat(test("unhealthy('OpenAI')")).isFalse();
    }

    @Test
    void not_binds_tighter_than_and_which_binds_tighter_than_or() {
        assertThat(test("priority == 5 and task == code or user == alice")).isTrue();
        assertThat(test("priority == 5 and (task == code or user == alice)")).isFalse();
        assertThat(test("not priority == 5 and task == code")).isTrue();
        assertThat(test("not (priority == 1 and task == code)")).isFalse();
        assertThat(test("true or false and false")).isTrue();
        assertThat(test("(true or false) and false")).isFalse();
        assertThat(test("not not true")).isTrue();
    }

    @Test
    void hour_and_weekday_are_read_in_the_time_zone() {
        Condition saturdayMorning = Condition.parse("weekday in [sat, sun] and hour == 10");
        Condition tokyoEvening = Condition.parse("weekday == saturday and hour == 19");
        Condition pagoPagoFriday = Condition.parse("weekday == fri and hour == 23");

        assertThat(saturdayMorning.test(input(), ZoneOffset.UTC)).isTrue();
        assertThat(tokyoEvening.test(input(), ZoneId.of("Asia/Tokyo"))).isTrue();
        assertThat(pagoPagoFriday.test(input(), ZoneId.of("Pacific/Pago_Pago"))).isTrue();
        assertThat(Condition.parse("weekday >= sat").test(input(), ZoneId.of("Pacific/Pago_Pago"))).isFalse();
        assertThat(Condition.parse("weekday >= sat and hour == 0").test(input(), ZoneId.of("Pacific/Honolulu")))
                .isTrue();
        // summer time: Berlin is UTC+2 in June
        assertThat(Condition.parse("hour == 12").test(input(), ZoneId.of("Europe/Berlin"))).isTrue();
    }

    @Test
    void errors_name_the_problem_and_its_column() {
        assertThat(error("task == code and tokns > 5").getMessage())
                .isEqualTo("column 18: unknown field 'tokns' (did you mean 'tokens'?)");
        assertThat(error("hour == \"ten\"").getMessage()).startsWith("column 9: hour is compared with a whole number");
        assertThat(error("task == poetry").getMessage()).startsWith("column 9: unknown task label 'poetry'")
                .contains("code_review");
        assertThat(error("task == debuging").getMessage()).contains("did you mean 'debugging'?");
        assertThat(error("weekday == caturday").getMessage())
                .isEqualTo("column 12: unknown weekday 'caturday': use mon, tue, wed, thu, fri, sat or sun");
        assertThat(error("hour == 24").getMessage()).isEqualTo("column 9: hour is from 0 to 23");
        assertThat(error("task > code").column()).isEqualTo(6);
        assertThat(error("labels == docs").getMessage()).contains("labels is a set");
        assertThat(error("user < bob").getMessage()).contains("does not apply to user");
        assertThat(error("(task == code").getMessage()).startsWith("column 14: expected a closing )");
        assertThat(error("task == code)").column()).isEqualTo(13);
        assertThat(error("task = code").getMessage()).isEqualTo("column 6: use == to compare");
        assertThat(error("user == 'bob").column()).isEqualTo(9);
        assertThat(error("priority == 1 && task == code").getMessage()).contains("write 'and' or 'or'");
        assertThat(error("bucket(\"x\") < 120").getMessage()).contains("percentage from 0 to 100");
        assertThat(error("task in []").getMessage()).contains("at least one value");
        assertThat(error("priority").getMessage()).startsWith("column 9: expected an operator");
        assertThat(error("   ").field()).isEqualTo("condition");
        assertThat(error("complexity == hard").getMessage()).contains("simple, medium, complex, critical");
        assertThat(error("tokens contains 5").getMessage()).contains("'contains' applies to labels");
    }

    @Test
    void hostile_conditions_are_refused_before_they_cost_anything() {
        String deep = "(".repeat(10_000) + "true" + ")".repeat(10_000);
        String longOne = "priority == 1 or ".repeat(200) + "true";
        String deepNots = "not ".repeat(100) + "true";
        String hugeList = "priority in [" + "1, ".repeat(150) + "1]";

        assertThat(error(deep).getMessage()).contains("at most 2000 characters");
        assertThat(error("(".repeat(40) + "true" + ")".repeat(40)).getMessage())
                .isEqualTo("column 33: conditions nest at most 32 levels deep");
        assertThat(error(longOne).column()).isEqualTo(2001);
        assertThat(error(deepNots).getMessage()).contains("nest at most 32 levels");
        assertThat(error(hugeList).getMessage()).contains("at most 100 values");
        assertThat(error("user == '" + "x".repeat(300) + "'").getMessage()).contains("at most 200 characters");
        assertThat(error("priority == 99999999999999999999").getMessage()).contains("too large");
    }

    @Test
    void a_bucket_takes_about_its_percentage_of_ten_thousand_sessions_and_always_the_same_ones() {
        Condition twenty = Condition.parse("bucket(\"grok-trial\") < 20");
        Condition other = Condition.parse("bucket(\"another-trial\") < 20");
        int inTwenty = 0;
        int inBoth = 0;
        for (int i = 0; i < 10_000; i++) {
            RuleInput in = session("session-" + i);
            boolean a = twenty.test(in, ZoneOffset.UTC);
            inTwenty += a ? 1 : 0;
            inBoth += a && other.test(in, ZoneOffset.UTC) ? 1 : 0;
            assertThat(twenty.test(session("session-" + i), ZoneOffset.UTC)).isEqualTo(a);
        }
        assertThat(inTwenty).isBetween(1_800, 2_200);
        assertThat(inBoth).as("another salt picks other sessions: about 20% of 20%").isBetween(300, 500);
        int inHalf = 0;
        Condition half = Condition.parse("bucket(\"half\") >= 50");
        for (int i = 0; i < 10_000; i++) {
            inHalf += half.test(session("u" + i), ZoneOffset.UTC) ? 1 : 0;
        }
        assertThat(inHalf).isBetween(4_700, 5_300);
    }

    @Test
    void a_bucket_falls_back_from_session_to_user_to_team_to_decision() {
        Condition c = Condition.parse("bucket(\"exp\") == " + Node.Bucket.bucket("exp", "bob"));
        RuleInput byUser = new RuleInput(TaskLabel.CODE, Complexity.SIMPLE, 0, 0, 0, null, null, "bob", "t", null,
                null, null, "d-9", SATURDAY_MORNING, null);
        RuleInput byTeam = new RuleInput(TaskLabel.CODE, Complexity.SIMPLE, 0, 0, 0, null, null, null, "bob", null,
                null, "", "d-9", SATURDAY_MORNING, null);
        RuleInput byDecision = new RuleInput(TaskLabel.CODE, Complexity.SIMPLE, 0, 0, 0, null, null, null, null,
                null, null, null, "bob", SATURDAY_MORNING, null);
        assertThat(List.of(c.test(byUser, ZoneOffset.UTC), c.test(byTeam, ZoneOffset.UTC),
                c.test(byDecision, ZoneOffset.UTC))).containsOnly(true);
        assertThat(c.test(session("not-bob"), ZoneOffset.UTC)).isEqualTo(
                Node.Bucket.bucket("exp", "not-bob") == Node.Bucket.bucket("exp", "bob"));
    }

    static RuleInput session(String id) {
        return new RuleInput(TaskLabel.CODE, Complexity.SIMPLE, 0, 0, 0, null, null, "same-user", null, null, null,
                id, "d", SATURDAY_MORNING, null);
    }

    @Test
    void evaluating_a_condition_allocates_little() {
        Condition c = Condition.parse("task in [code, debugging] and complexity >= complex and labels contains docs "
                + "and not user in [bob, carol] and healthy('openai') and bucket('x') <= 100 and hour <= 23");
        RuleInput in = input();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            c.test(in, ZoneOffset.UTC);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            hits += c.test(in, ZoneOffset.UTC) ? 1 : 0;
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000;
        assertThat(hits).isEqualTo(100_000);
        // a bound with a margin for an unfinished JIT, not a benchmark
        assertThat(perCall).as("bytes per evaluation (only the per-request facts)").isLessThan(400);
    }

    @Test
    void stray_input_after_a_complete_condition_is_an_error() {
        assertThatThrownBy(() -> Condition.parse("task == code code")).isInstanceOf(RuleException.class)
                .hasMessage("column 14: expected 'and', 'or' or the end of the condition, found 'code'");
    }
}
