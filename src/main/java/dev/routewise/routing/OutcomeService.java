package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Records what happened after a decision and feeds it into each model's history. */
@Service
public class OutcomeService {

    private final JdbcClient jdbc;
    private final ModelHistory history;
    private final Clock clock;

    OutcomeService(JdbcClient jdbc, ModelHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
    }

    @PermitAll
    public void report(String decisionId, Outcome outcome) {
        if (outcome == null || outcome.success() == null) {
            throw new InvalidInputException("success", "Say whether the call succeeded");
        }
        if (outcome.qualityRating() != null && (outcome.qualityRating() < 1 || outcome.qualityRating() > 5)) {
            throw new InvalidInputException("qualityRating", "Rate from 1 to 5");
        }
        if (outcome.latencyMs() != null && outcome.latencyMs() < 0) {
            throw new InvalidInputException("latencyMs", "Latency cannot be negative");
        }
        if (outcome.costUsd() != null && outcome.costUsd().signum() < 0) {
            throw new InvalidInputException("costUsd", "Cost cannot be negative");
        }
        String[] decision = jdbc.sql("SELECT model, task FROM routing_decision WHERE decision_id = ?")
                .param(decisionId).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional()
                .orElseThrow(() -> new NotFoundException("Decision", decisionId));
        jdbc.sql("""
                INSERT INTO decision_outcome (decision_id, reported_at, model, task, success, quality_rating,
                    latency_ms, input_tokens, output_tokens, cost_usd, overridden_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(decisionId, clock.millis(), decision[0], decision[1], outcome.success() ? 1 : 0,
                        outcome.qualityRating(), outcome.latencyMs(), outcome.inputTokens(), outcome.outputTokens(),
                        outcome.costUsd() == null ? null : outcome.costUsd().toPlainString(), outcome.overriddenTo())
                .update();
        Thread.ofVirtual().name("model-history").start(history::recompute);
    }

    /**
     * Records what the gateway saw of models it called and relearns soon after. For a writer thread: it writes to
     * the database. Counts go into hourly rows per model and task; latencies are sampled at most once a second per
     * model, so the tables stay small at any traffic.
     */
    public void observe(java.util.List<Observation> observations) {
        if (observations.isEmpty()) {
            return;
        }
        java.util.Map<java.util.List<Object>, int[]> counts = new java.util.HashMap<>();
        for (Observation o : observations) {
            int[] c = counts.computeIfAbsent(java.util.List.of(o.model(), o.task(), o.observedAt() / HOUR_MILLIS),
                    k -> new int[2]);
            c[o.success() ? 0 : 1]++;
            if (o.latencyMs() != null) {
                long second = o.observedAt() / 1000;
                Long last = lastLatencySample.put(o.model(), second);
                if (last == null || last != second) {
                    jdbc.sql("INSERT INTO model_latency_sample (model, observed_at, latency_ms) VALUES (?, ?, ?)")
                            .params(o.model(), o.observedAt(), o.latencyMs()).update();
                }
            }
        }
        counts.forEach((key, c) -> jdbc.sql("""
                        INSERT INTO model_observation (model, task, hour, successes, failures) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (model, task, hour) DO UPDATE SET successes = successes + excluded.successes,
                            failures = failures + excluded.failures""")
                .params(key.get(0), key.get(1), key.get(2), c[0], c[1]).update());
        history.recomputeSoon();
    }

    static final long HOUR_MILLIS = 3_600_000L;
    private final java.util.Map<String, Long> lastLatencySample = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Each model's record per task since {@code since}: the gateway's hourly observations plus reported outcomes
     * (with their ratings). An outcome reported for a call the gateway also observed counts twice here; both are
     * evidence about the same model and task, so the rates stay right while the counts may be larger.
     */
    @PermitAll
    public java.util.List<ModelTaskRecord> records(java.time.Instant since) {
        java.util.Map<java.util.List<String>, long[]> acc = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT model, task, sum(successes), sum(failures), 0, 0 FROM model_observation WHERE hour >= ? "
                        + "GROUP BY model, task")
                .param(since.toEpochMilli() / HOUR_MILLIS)
                .query((rs, n) -> addRecord(acc, rs)).list();
        jdbc.sql("SELECT model, task, sum(success), count(*) - sum(success), count(quality_rating), "
                        + "coalesce(sum(quality_rating), 0) FROM decision_outcome WHERE model IS NOT NULL "
                        + "AND reported_at >= ? GROUP BY model, task")
                .param(since.toEpochMilli())
                .query((rs, n) -> addRecord(acc, rs)).list();
        return acc.entrySet().stream().map(e -> new ModelTaskRecord(e.getKey().get(0), e.getKey().get(1),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();
    }

    private static long[] addRecord(java.util.Map<java.util.List<String>, long[]> acc, java.sql.ResultSet rs)
            throws java.sql.SQLException {
        long[] a = acc.computeIfAbsent(java.util.List.of(rs.getString(1), rs.getString(2)), k -> new long[4]);
        for (int i = 0; i < 4; i++) {
            a[i] += rs.getLong(3 + i);
        }
        return a;
    }

    /** Forgets the learned per-model history; answers for how many models it had an opinion. */
    @RolesAllowed(AppRoles.ADMIN)
    public int resetLearned() {
        return history.reset();
    }
}
