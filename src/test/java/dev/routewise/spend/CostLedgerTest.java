package dev.routewise.spend;

import dev.routewise.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger on the real database, in Europe/Berlin, with baselines and estimates the test controls. Each test uses
 * its own user name, so the aggregates of other tests sharing the database do not count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CostLedgerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (summer time): the next day and the next month. */
    static final Instant LATE_UTC = Instant.parse("2026-03-31T23:30:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    final Map<String, BigDecimal> estimates = new HashMap<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T08:00:00Z"));
    CostLedger ledger;
    CostReportService reports;
    String user;

    @BeforeEach
    void ledgerInBerlin() {
        SpendProperties berlin = new SpendProperties(BERLIN, new BigDecimal("0.2"));
        // the top model costs twice the actual cost, premium five times: savings are easy to check
        CostBaselines baselines = (profile, task, tokens) -> new CostBaselines.Baseline("test/top",
                BigDecimal.valueOf(tokens.total()).movePointLeft(6).multiply(BigDecimal.TWO), "test/premium",
                BigDecimal.valueOf(tokens.total()).movePointLeft(6).multiply(BigDecimal.valueOf(5)));
        ledger = new CostLedger(jdbc, transactions, berlin, baselines, ids -> {
            Map<String, BigDecimal> found = new HashMap<>();
            ids.forEach(id -> {
                if (estimates.containsKey(id)) {
                    found.put(id, estimates.get(id));
                }
            });
            return found;
        }, new SimpleMeterRegistry());
        reports = new CostReportService(jdbc, clock, berlin);
        user = "ledger-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() throws InterruptedException {
        ledger.stop();
    }

    /** A gateway call whose actual cost is one micro-dollar per token, so the baselines above are 2x and 5x. */
    private CostEntry gateway(String decisionId, Instant at, long input, long output, String cost) {
        return new CostEntry(decisionId, at.toEpochMilli(), CostSource.GATEWAY, "test/model-a", "test", "chat",
                "balanced", user, "research", 42L, new TokenCounts(input, 10, 0, output, 5), null,
                new BigDecimal(cost), CostStatus.KNOWN);
    }

    private CostEntry outcome(String decisionId, Instant at, String cost) {
        return new CostEntry(decisionId, at.toEpochMilli(), CostSource.OUTCOME, "test/model-b", "test", "chat",
                "balanced", user, null, null, new TokenCounts(1000, 0, 0, 1000, 0), null, new BigDecimal(cost),
                CostStatus.KNOWN);
    }

    private Map<String, Object> daily(String day) {
        return jdbc.sql("SELECT * FROM cost_daily WHERE user_name = ? AND day = ?").params(user, day).query()
                .singleRow();
    }

    private long entries() {
        return jdbc.sql("SELECT count(*) FROM cost_entry WHERE user_name = ?").param(user).query(Long.class).single();
    }

    private CostRow userRow(CostPeriod period) {
        return reports.breakdown(period, CostDimension.USER).stream().filter(r -> user.equals(r.key())).findFirst()
                .orElseThrow();
    }

    private void awaitEntries(long n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> entries() == n);
    }

    @Test
    void a_gateway_call_is_recorded_with_exact_decimal_costs_and_counted_on_the_next_day_and_month_in_berlin() {
        ledger.record(gateway(UUID.randomUUID().toString(), LATE_UTC, 60_000, 40_000, "0.1"));
        ledger.record(gateway(UUID.randomUUID().toString(), LATE_UTC.plusSeconds(60), 120_000, 80_000, "0.2"));
        awaitEntries(2);

        Map<String, Object> day = daily("2026-04-01");
        // 0.1 + 0.2 in binary floating point is 0.30000000000000004; the ledger adds decimals
        assertThat(day.get("known_cost_usd")).isEqualTo("0.3");
        assertThat(day).containsEntry("calls", 2).containsEntry("input_tokens", 180_000)
                .containsEntry("cached_input_tokens", 20).containsEntry("reasoning_tokens", 10)
                .containsEntry("team", "research").containsEntry("api_key_id", "42").containsEntry("model", "test/model-a");
        assertThat(jdbc.sql("SELECT count(*) FROM cost_daily WHERE user_name = ? AND day = '2026-03-31'").param(user)
                .query(Long.class).single()).isZero();
        Map<String, Object> month = jdbc.sql("SELECT * FROM cost_monthly WHERE user_name = ?").param(user).query()
                .singleRow();
        assertThat(month).containsEntry("month", "2026-04").containsEntry("known_cost_usd", "0.3")
                .containsEntry("calls", 2);

        CostPeriod today = reports.period("day", null, null);
        assertThat(today.from()).hasToString("2026-04-01");
        CostRow row = userRow(today);
        assertThat(row.calls()).isEqualTo(2);
        assertThat(row.knownCostUsd()).isEqualByComparingTo("0.3");
        assertThat(row.unknownCostCalls()).isZero();
    }

    @Test
    void savings_compare_the_actual_cost_with_the_top_model_and_premium_baselines() {
        ledger.record(gateway(UUID.randomUUID().toString(), LATE_UTC, 60_000, 40_000, "0.1"));
        awaitEntries(1);

        Map<String, Object> entry = jdbc.sql("SELECT * FROM cost_entry WHERE user_name = ?").param(user).query()
                .singleRow();
        assertThat(entry).containsEntry("top_model", "test/top").containsEntry("top_model_usd", "0.2")
                .containsEntry("premium_model", "test/premium").containsEntry("premium_usd", "0.5");
        Savings s = userRow(reports.period("month", null, null)).savings();
        assertThat(s.calls()).isEqualTo(1);
        assertThat(s.actualUsd()).isEqualByComparingTo("0.1");
        assertThat(s.savedVsTopModelUsd()).isEqualByComparingTo("0.1");
        assertThat(s.savedVsTopModelPercent()).isEqualByComparingTo("50.0");
        assertThat(s.savedVsPremiumUsd()).isEqualByComparingTo("0.4");
        assertThat(s.savedVsPremiumPercent()).isEqualByComparingTo("80.0");
    }

    @Test
    void an_unknown_cost_call_is_reported_at_its_estimate_and_never_as_zero() {
        String cut = UUID.randomUUID().toString();
        estimates.put(cut, new BigDecimal("0.05"));
        ledger.record(gateway(UUID.randomUUID().toString(), LATE_UTC, 60_000, 40_000, "0.1"));
        ledger.record(new CostEntry(cut, LATE_UTC.toEpochMilli(), CostSource.GATEWAY, "test/model-a", "test", "chat",
                "balanced", user, "research", 42L, null, null, null, CostStatus.UNKNOWN_USAGE));
        ledger.record(new CostEntry(UUID.randomUUID().toString(), LATE_UTC.toEpochMilli(), CostSource.GATEWAY,
                "test/model-a", "test", "chat", "balanced", user, "research", 42L, new TokenCounts(5, 0, 0, 5, 0),
                null, null, CostStatus.UNPRICED));
        awaitEntries(3);

        CostRow row = userRow(reports.period("day", null, null));
        assertThat(row.calls()).isEqualTo(3);
        assertThat(row.knownCostUsd()).isEqualByComparingTo("0.1");
        assertThat(row.unknownCostCalls()).isEqualTo(2);
        assertThat(row.unknownCostEstimateUsd()).isEqualByComparingTo("0.05");
        assertThat(row.unestimatedCalls()).isEqualTo(1);
        // the unknown calls are not in the savings comparison, which would count them as free
        assertThat(row.savings().calls()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actual_cost_usd FROM cost_entry WHERE decision_id = ?").param(cut)
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void an_outcome_reported_after_the_gateway_call_is_not_counted_again() {
        String id = UUID.randomUUID().toString();
        ledger.record(gateway(id, LATE_UTC, 60_000, 40_000, "0.1"));
        awaitEntries(1);
        ledger.record(outcome(id, LATE_UTC.plusSeconds(5), "9.99"));
        String marker = UUID.randomUUID().toString();
        ledger.record(gateway(marker, LATE_UTC, 1, 1, "0.000002"));
        awaitEntries(2); // the marker written means the outcome's batch was written too

        assertOneGatewayCall(id);
    }

    @Test
    void an_outcome_reported_before_the_gateway_call_is_recorded_is_replaced_by_it() {
        String id = UUID.randomUUID().toString();
        ledger.record(outcome(id, LATE_UTC, "9.99"));
        awaitEntries(1);
        assertThat(daily("2026-04-01")).containsEntry("known_cost_usd", "9.99").containsEntry("model", "test/model-b");

        ledger.record(gateway(id, LATE_UTC, 60_000, 40_000, "0.1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT source FROM cost_entry WHERE "
                + "decision_id = ?").param(id).query(String.class).single().equals("gateway"));
        String marker = UUID.randomUUID().toString();
        ledger.record(gateway(marker, LATE_UTC, 1, 1, "0.000002"));
        awaitEntries(2);

        assertOneGatewayCall(id);
        // the outcome's row (another model, no team) was taken out whole
        assertThat(jdbc.sql("SELECT count(*) FROM cost_daily WHERE user_name = ? AND model = 'test/model-b'")
                .param(user).query(Long.class).single()).isZero();
    }

    @Test
    void an_outcome_and_the_gateway_call_in_one_batch_count_once() {
        String id = UUID.randomUUID().toString();
        ledger.record(outcome(id, LATE_UTC, "9.99"));
        ledger.record(gateway(id, LATE_UTC, 60_000, 40_000, "0.1"));
        ledger.record(outcome(id, LATE_UTC, "9.99"));
        String marker = UUID.randomUUID().toString();
        ledger.record(gateway(marker, LATE_UTC, 1, 1, "0.000002"));
        awaitEntries(2);

        assertOneGatewayCall(id);
    }

    /** The decision counts once, at the gateway's cost, beside the marker call. */
    private void assertOneGatewayCall(String id) {
        assertThat(jdbc.sql("SELECT source FROM cost_entry WHERE decision_id = ?").param(id).query(String.class)
                .list()).isEqualTo(List.of("gateway"));
        CostRow row = userRow(reports.period("month", null, null));
        assertThat(row.calls()).isEqualTo(2);
        assertThat(row.knownCostUsd()).isEqualByComparingTo("0.100002");
        Map<String, Object> month = jdbc.sql("SELECT sum(calls) AS calls FROM cost_monthly WHERE user_name = ?")
                .param(user).query().singleRow();
        assertThat(((Number) month.get("calls")).longValue()).isEqualTo(2);
    }
}
