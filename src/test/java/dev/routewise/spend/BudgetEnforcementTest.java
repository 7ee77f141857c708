package dev.routewise.spend;

import dev.routewise.security.AuditService;
import dev.routewise.security.TestUsers;
import dev.routewise.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Budget enforcement against the real database, with a service built on a clock the test moves (the application's
 * own service runs on the system clock).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BudgetEnforcementTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditService audit;
    @Autowired
    PlatformTransactionManager transactions;

    // 23:30 in Berlin on 22 November
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:30:00Z"));
    BudgetService budgets;
    final List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void service() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        budgets = new BudgetService(jdbc, audit, clock, new SpendProperties(BERLIN, new BigDecimal("0.2")),
                transactions, published::add, new SimpleMeterRegistry());
    }

    @AfterEach
    void noBudgetsLeft() throws InterruptedException {
        budgets.close();
        jdbc.sql("DELETE FROM budget_spend").update();
        jdbc.sql("DELETE FROM budget").update();
        SecurityContextHolder.clearContext();
    }

    private Budget budget(String scope, String scopeId, String period, String limit, String policy,
                          List<BigDecimal> warnAt) {
        return budgets.create(new BudgetDraft(scope, scopeId, period, new BigDecimal(limit), policy, warnAt));
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void two_hundred_concurrent_calls_never_take_a_block_budget_past_its_limit_plus_one_estimation_error()
            throws Exception {
        Budget team = budget("team", "research", "day", "1.00", "block", List.of());
        Scope caller = new Scope("alice", "research", 7L);
        int calls = 200;
        BigDecimal maxEstimate = usd("0.02");
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls)) {
            for (int i = 0; i < calls; i++) {
                Random random = new Random(i);
                done.add(pool.submit(() -> {
                    start.await();
                    // estimates between $0.005 and $0.02; actual cost within +-20 % of the estimate
                    BigDecimal estimate = usd("0.005").add(usd("0.015")
                            .multiply(BigDecimal.valueOf(random.nextDouble()))).setScale(6, RoundingMode.HALF_UP);
                    BigDecimal actual = estimate.multiply(BigDecimal.valueOf(0.8 + 0.4 * random.nextDouble()))
                            .setScale(8, RoundingMode.HALF_UP);
                    Reservation r;
                    try {
                        r = budgets.reserve(caller, estimate);
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                        assertThat(e.getMessage()).contains("team 'research' per day $1.00 (block)");
                        return null;
                    }
                    admitted.incrementAndGet();
                    Thread.sleep(1); // the upstream call: keeps many calls in flight at once
                    budgets.settle(r, actual);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        BudgetStatus status = budgets.status().getFirst();
        BigDecimal oneCallsError = maxEstimate.multiply(usd("0.2"));
        assertThat(admitted.get() + refused.get()).isEqualTo(calls);
        assertThat(refused.get()).isPositive();
        assertThat(status.budget().id()).isEqualTo(team.id());
        assertThat(status.reservedUsd()).isEqualByComparingTo("0");
        assertThat(status.spentUsd()).isLessThanOrEqualTo(usd("1.00").add(oneCallsError));
        // the held margin covers the +-20 % error, so the limit itself holds
        assertThat(status.spentUsd()).isLessThanOrEqualTo(usd("1.00"));
        assertThat(status.spentUsd()).isGreaterThan(usd("0.5"));
    }

    @Test
    void a_day_budget_starts_again_at_midnight_in_the_configured_zone_and_a_month_budget_at_the_first() {
        budget("user", "alice", "day", "1.00", "block", List.of());
        budget("global", null, "month", "1.50", "block", List.of());
        Scope alice = new Scope("alice", null, null);

        budgets.settle(budgets.reserve(alice, usd("0.80")), usd("1.00"));
        assertThatThrownBy(() -> budgets.reserve(alice, BigDecimal.ZERO))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("user 'alice' per day $1.00");

        clock.advance(Duration.ofHours(1)); // 00:30 in Berlin, 23 November
        budgets.settle(budgets.reserve(alice, usd("0.40")), usd("0.40"));
        assertThatThrownBy(() -> budgets.reserve(alice, usd("0.10")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("global per month $1.50");

        clock.advance(Duration.ofDays(8)); // 1 December
        Reservation december = budgets.reserve(alice, usd("0.50"));
        assertThat(december.degrade()).isFalse();
        assertThat(budgets.status()).extracting(BudgetStatus::windowStart)
                .containsExactly(Instant.parse("2026-11-30T23:00:00Z"), Instant.parse("2026-11-30T23:00:00Z"));
    }

    @Test
    void a_call_reserved_before_midnight_counts_to_the_day_it_started_in() {
        budget("key", "7", "day", "1.00", "block", List.of());
        Scope key = new Scope("bob", null, 7L);
        Reservation late = budgets.reserve(key, usd("0.80"));
        clock.advance(Duration.ofHours(1));
        budgets.settle(late, usd("0.80"));
        BudgetStatus today = budgets.status().getFirst();
        assertThat(today.spentUsd()).isEqualByComparingTo("0");
        assertThat(today.remainingUsd()).isEqualByComparingTo("1.00");
    }

    @Test
    void a_degrade_budget_admits_the_call_but_flags_it_and_a_block_budget_refuses_before_holding_anything() {
        Budget degrade = budget("team", "research", "day", "0.10", "degrade", List.of());
        budget("user", "carol", "day", "0.10", "block", List.of());
        Reservation flagged = budgets.reserve(new Scope("alice", "research", null), usd("0.20"));
        assertThat(flagged.degrade()).isTrue();
        assertThat(flagged.degradedBy()).extracting(Budget::id).containsExactly(degrade.id());
        budgets.release(flagged);

        assertThatThrownBy(() -> budgets.reserve(new Scope("carol", "research", null), usd("0.20")))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(budgets.status()).allSatisfy(s -> assertThat(s.reservedUsd()).isEqualByComparingTo("0"));
    }

    @Test
    void budgets_of_other_teams_keys_and_users_do_not_count_a_call() {
        budget("team", "sales", "day", "0.01", "block", List.of());
        budget("key", "8", "day", "0.01", "block", List.of());
        budget("user", "dave", "day", "0.01", "block", List.of());
        Reservation r = budgets.reserve(new Scope("alice", "research", 7L), usd("5.00"));
        assertThat(r.holds()).isEmpty();
        assertThat(r.degrade()).isFalse();
        assertThat(r.untracked()).as("nothing to hold, nothing to track").isTrue();
        assertThat(budgets.settle(r, usd("5.00"))).isEmpty();
        assertThat(budgets.status()).allSatisfy(s -> assertThat(s.spentUsd()).isEqualByComparingTo("0"));
    }

    @Test
    void an_unknown_actual_cost_counts_the_estimate_and_a_released_call_counts_nothing() {
        budget("global", null, "day", "1.00", "block", List.of());
        Scope anyone = new Scope("alice", null, null);
        budgets.settle(budgets.reserve(anyone, usd("0.30")), null);
        budgets.release(budgets.reserve(anyone, usd("0.50")));
        BudgetStatus status = budgets.status().getFirst();
        assertThat(status.spentUsd()).isEqualByComparingTo("0.30");
        assertThat(status.reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void a_request_budget_caps_each_call_on_its_own() {
        budget("global", null, "request", "0.50", "block", List.of());
        Scope anyone = new Scope("alice", null, null);
        budgets.settle(budgets.reserve(anyone, usd("0.40")), usd("0.40"));
        budgets.settle(budgets.reserve(anyone, usd("0.40")), usd("0.40"));
        assertThatThrownBy(() -> budgets.reserve(anyone, usd("0.45")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("per request $0.50");
    }

    @Test
    void settling_reports_each_warning_threshold_once_per_window() {
        budget("global", null, "day", "1.00", "block", List.of(usd("0.5"), usd("0.9")));
        Scope anyone = new Scope("alice", null, null);
        assertThat(budgets.settle(budgets.reserve(anyone, usd("0.40")), usd("0.40"))).isEmpty();
        assertThat(budgets.settle(budgets.reserve(anyone, usd("0.20")), usd("0.20")))
                .extracting(ThresholdCrossed::threshold).containsExactly(usd("0.5"));
        assertThat(budgets.settle(budgets.reserve(anyone, usd("0.10")), usd("0.10"))).isEmpty();
        assertThat(budgets.settle(budgets.reserve(anyone, usd("0.15")), usd("0.30")))
                .extracting(ThresholdCrossed::threshold).containsExactly(usd("0.9"), BigDecimal.ONE);
        assertThat(published).hasSize(3);
    }

    @Test
    void a_refused_call_announces_the_exhausted_budget_once_per_window_even_below_its_limit() {
        budget("team", "research", "day", "1.00", "block", List.of());
        Scope team = new Scope("alice", "research", null);
        budgets.settle(budgets.reserve(team, usd("0.70")), usd("0.70"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> budgets.reserve(team, usd("0.50"))).isInstanceOf(BudgetExceededException.class);
        }
        assertThat(published).singleElement().isInstanceOfSatisfying(ThresholdCrossed.class, t -> {
            assertThat(t.threshold()).isEqualByComparingTo("1");
            assertThat(t.spentUsd()).isEqualByComparingTo("0.70");
        });
        clock.advance(Duration.ofDays(1));
        budgets.settle(budgets.reserve(team, usd("0.70")), usd("0.70"));
        assertThatThrownBy(() -> budgets.reserve(team, usd("0.50"))).isInstanceOf(BudgetExceededException.class);
        assertThat(published).hasSize(2);
    }

    @Test
    void a_call_held_on_a_deleted_budget_counts_nothing_on_a_new_budget_that_reuses_its_id() {
        Budget old = budget("team", "research", "day", "1.00", "block", List.of());
        Reservation inFlight = budgets.reserve(new Scope("alice", "research", null), usd("0.40"));
        budgets.delete(old.id());
        clock.advance(Duration.ofMillis(5));
        Budget again = budget("team", "research", "day", "1.00", "block", List.of());
        assertThat(again.id()).as("SQLite gives the freed id to the next row").isEqualTo(old.id());
        assertThat(budgets.status().getFirst().reservedUsd()).isEqualByComparingTo("0");

        budgets.settle(inFlight, usd("0.40"));

        BudgetStatus status = budgets.status().getFirst();
        assertThat(status.spentUsd()).isEqualByComparingTo("0");
        assertThat(status.reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void settled_spend_reaches_the_database_and_a_new_service_starts_from_it() throws InterruptedException {
        Budget b = budget("global", null, "month", "5.00", "block", List.of());
        budgets.settle(budgets.reserve(new Scope("alice", null, null), usd("1.25")), usd("1.25"));
        budgets.close();
        assertThat(jdbc.sql("SELECT spent_usd FROM budget_spend WHERE budget_id = ?").param(b.id())
                .query(String.class).single()).isEqualTo("1.25");
        service();
        assertThat(budgets.status().getFirst().spentUsd()).isEqualByComparingTo("1.25");
    }

    @Test
    void raising_a_reservation_for_a_pricier_fallback_is_checked_like_a_new_one() {
        budget("global", null, "day", "1.00", "block", List.of());
        budget("global", null, "request", "0.60", "block", List.of());
        Scope anyone = new Scope("alice", null, null);
        Reservation r = budgets.reserve(anyone, usd("0.20"));
        Reservation raised = budgets.raise(r, usd("0.40"));
        assertThat(budgets.status().getFirst().reservedUsd()).isEqualByComparingTo("0.48");
        assertThatThrownBy(() -> budgets.raise(raised, usd("0.55")))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("per request $0.60");
        Reservation other = budgets.reserve(anyone, usd("0.30"));
        assertThatThrownBy(() -> budgets.raise(other, usd("0.45")))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("per day $1.00");
        budgets.settle(raised, usd("0.35"));
        budgets.release(other);
        BudgetStatus day = budgets.status().getFirst();
        assertThat(day.spentUsd()).isEqualByComparingTo("0.35");
        assertThat(day.reservedUsd()).isEqualByComparingTo("0");
    }
}
