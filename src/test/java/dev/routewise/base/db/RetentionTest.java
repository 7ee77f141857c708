package dev.routewise.base.db;

import dev.routewise.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention deletes raw decisions and gateway calls past {@code routewise.retention.decisions}, chunk by chunk, and
 * keeps recent ones, the hourly model observations, and decisions whose outcomes still teach the router.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetentionTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<RetainedRecords> records;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM decision_outcome WHERE decision_id LIKE 'ret-%'").update();
        jdbc.sql("DELETE FROM routing_decision WHERE decision_id LIKE 'ret-%'").update();
        jdbc.sql("DELETE FROM gateway_attempt WHERE decision_id LIKE 'ret-%'").update();
        jdbc.sql("DELETE FROM gateway_call WHERE decision_id LIKE 'ret-%'").update();
        jdbc.sql("DELETE FROM gateway_event WHERE model = 'ret-model'").update();
        jdbc.sql("DELETE FROM model_observation WHERE model = 'ret-model'").update();
        jdbc.sql("DELETE FROM cost_entry WHERE decision_id LIKE 'ret-%'").update();
        jdbc.sql("DELETE FROM cost_daily WHERE model = 'ret-model'").update();
    }

    private void ledger(String id, long createdAt) {
        jdbc.sql("INSERT INTO cost_entry (decision_id, created_at, source, model, actual_cost_usd, cost_status) "
                + "VALUES (?, ?, 'gateway', 'ret-model', '0.25', 'known')").params(id, createdAt).update();
    }

    private long daysAgo(int days) {
        return clock.instant().minus(Duration.ofDays(days)).toEpochMilli();
    }

    private void decision(String id, long createdAt) {
        jdbc.sql("""
                        INSERT INTO routing_decision (decision_id, created_at, profile, task, complexity, confidence,
                            classifier_tier, model, latency_micros, detail)
                        VALUES (?, ?, 'balanced', 'code', 'low', 0.9, 'signals', 'ret-model', 100, '{}')""")
                .params(id, createdAt).update();
    }

    private void outcome(String decisionId, long reportedAt) {
        jdbc.sql("INSERT INTO decision_outcome (decision_id, reported_at, model, task, success) "
                + "VALUES (?, ?, 'ret-model', 'code', 1)").params(decisionId, reportedAt).update();
    }

    private void call(String id, long createdAt) {
        jdbc.sql("""
                        INSERT INTO gateway_call (decision_id, created_at, requested_model, stream, status, outcome,
                            attempts, fallbacks, latency_ms, cost_status)
                        VALUES (?, ?, 'auto', 0, 200, 'ok', 2, 1, 120, 'known')""")
                .params(id, createdAt).update();
        for (int seq = 1; seq <= 2; seq++) {
            jdbc.sql("INSERT INTO gateway_attempt (decision_id, seq, model, started_at, outcome) "
                    + "VALUES (?, ?, 'ret-model', ?, 'ok')").params(id, seq, createdAt).update();
        }
    }

    private List<String> ids(String table) {
        return jdbc.sql("SELECT DISTINCT decision_id FROM " + table + " WHERE decision_id LIKE 'ret-%' "
                + "ORDER BY decision_id").query(String.class).list();
    }

    @Test
    void old_raw_rows_are_deleted_in_chunks_and_recent_ones_and_the_aggregates_stay() {
        for (int i = 1; i <= 5; i++) {
            decision("ret-old-" + i, daysAgo(90 + i));
            call("ret-old-" + i, daysAgo(90 + i));
        }
        outcome("ret-old-1", daysAgo(90));
        decision("ret-old-still-learning", daysAgo(120));
        outcome("ret-old-still-learning", daysAgo(5));
        decision("ret-recent", daysAgo(89));
        outcome("ret-recent", daysAgo(89));
        call("ret-recent", daysAgo(1));
        jdbc.sql("INSERT INTO gateway_event (created_at, kind, model) VALUES (?, 'cooldown', 'ret-model'), "
                + "(?, 'rate_limited', 'ret-model')").params(daysAgo(100), daysAgo(2)).update();
        long oldHour = daysAgo(100) / 3_600_000;
        jdbc.sql("INSERT INTO model_observation (model, task, hour, successes, failures) "
                + "VALUES ('ret-model', 'code', ?, 40, 2)").param(oldHour).update();

        // chunks of 2 rows per table and transaction: every chunk is taken until none is left
        RetentionJob job = new RetentionJob(records,
                new RetentionProperties(Duration.ofDays(90), Duration.ofDays(400), 2), clock);
        Map<String, Integer> deleted = job.run();

        assertThat(ids("routing_decision")).containsExactly("ret-old-still-learning", "ret-recent");
        assertThat(ids("decision_outcome")).containsExactly("ret-old-still-learning", "ret-recent");
        assertThat(ids("gateway_call")).containsExactly("ret-recent");
        assertThat(ids("gateway_attempt")).containsExactly("ret-recent");
        assertThat(jdbc.sql("SELECT kind FROM gateway_event WHERE model = 'ret-model'").query(String.class).list())
                .containsExactly("rate_limited");
        assertThat(jdbc.sql("SELECT successes FROM model_observation WHERE model = 'ret-model' AND hour = ?")
                .param(oldHour).query(Integer.class).optional()).contains(40);
        // 5 decisions and 1 outcome; 5 calls with 10 attempts and 1 event (other tests' rows are all recent)
        assertThat(deleted).containsEntry("routing decisions and their outcomes", 6)
                .containsEntry("gateway calls, attempts and events", 16);

        assertThat(job.run()).as("a second run finds nothing more")
                .containsEntry("routing decisions and their outcomes", 0)
                .containsEntry("gateway calls, attempts and events", 0);
    }

    @Test
    void ledger_entries_past_the_ledger_retention_go_and_their_daily_sums_stay() {
        ledger("ret-ledger-old", daysAgo(401));
        ledger("ret-ledger-kept", daysAgo(399));
        jdbc.sql("INSERT INTO cost_daily (day, model, provider, task, profile, user_name, team, api_key_id, calls, "
                + "input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, "
                + "known_cost_usd, unknown_cost_calls, unknown_estimate_usd, unestimated_calls, savings_calls, "
                + "savings_actual_usd, top_model_usd, premium_usd) VALUES ('2025-10-17', 'ret-model', '', '', '', '', "
                + "'', '', 1, 0, 0, 0, 0, 0, '0.25', 0, '0', 0, 0, '0', '0', '0')").update();

        Map<String, Integer> deleted = new RetentionJob(records,
                new RetentionProperties(Duration.ofDays(90), Duration.ofDays(400), 500), clock).run();

        // other test classes' ledger rows may be as old (they pin their clocks); these two tell the cutoff
        assertThat(deleted.get("cost ledger entries")).isPositive();
        assertThat(ids("cost_entry")).containsExactly("ret-ledger-kept");
        assertThat(jdbc.sql("SELECT count(*) FROM cost_entry WHERE created_at < ?").param(daysAgo(400))
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT known_cost_usd FROM cost_daily WHERE model = 'ret-model'").query(String.class)
                .single()).isEqualTo("0.25");
    }

    @Test
    void a_longer_retention_keeps_what_a_shorter_one_deletes() {
        decision("ret-100-days", daysAgo(100));
        new RetentionJob(records, new RetentionProperties(Duration.ofDays(120), Duration.ofDays(400), 500), clock)
                .run();
        assertThat(ids("routing_decision")).containsExactly("ret-100-days");

        clock.advance(Duration.ofDays(21));
        new RetentionJob(records, new RetentionProperties(Duration.ofDays(120), Duration.ofDays(400), 500), clock)
                .run();
        assertThat(ids("routing_decision")).isEmpty();
    }
}
