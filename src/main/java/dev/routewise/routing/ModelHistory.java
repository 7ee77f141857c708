package dev.routewise.routing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import dev.routewise.classify.engine.TaskLabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-model history from reported outcomes and the gateway's observations of its calls, for the engine's
 * historical factor: success and ratings over a sliding window, with older outcomes decaying, and no opinion below a
 * minimum sample size; and the median latency of whole answers. Recomputed after reports off the decision path;
 * decisions read a map.
 */
@Component
class ModelHistory {

    static final int MIN_SAMPLES = 5;
    static final String LEARNED_SINCE = "learned-since";
    static final Duration WINDOW = Duration.ofDays(30);
    /** An outcome's weight halves every this long. */
    static final Duration HALF_LIFE = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Learned> learned = new AtomicReference<>(Learned.NONE);

    /**
     * What outcomes taught, swapped whole on each recompute. Per task, a model's record on that task when it has
     * enough outcomes there, else its record over all tasks.
     */
    record Learned(Map<String, Double> overall, Map<TaskLabel, Map<String, Double>> byTask,
                   Map<String, Integer> p50LatencyMs) {
        static final Learned NONE = new Learned(Map.of(), Map.of(), Map.of());

        Map<String, Double> forTask(TaskLabel task) {
            return byTask.getOrDefault(task, overall);
        }
    }

    /** Published when the observed p50 latencies change, so the routable models can carry them. */
    record LatenciesChanged(Map<String, Integer> p50LatencyMs) {
    }

    private final org.springframework.context.ApplicationEventPublisher events;

    ModelHistory(JdbcClient jdbc, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        recompute();
    }

    /** Model id -> historical score in [0,1] over all tasks, for models with enough outcomes. */
    Map<String, Double> scores() {
        return learned.get().overall();
    }

    Learned current() {
        return learned.get();
    }

    private static void add(Map<String, double[]> acc, Map<TaskLabel, Map<String, double[]>> byTask, String task,
                            String model, double weight, double value) {
        add(acc, model, weight, value);
        TaskLabel.fromId(task).ifPresent(t -> add(byTask.computeIfAbsent(t, x -> new HashMap<>()), model, weight,
                value));
    }

    /** {@code count} outcomes of the same weight and value at once. */
    private static void addCounted(Map<String, double[]> acc, Map<TaskLabel, Map<String, double[]>> byTask,
                                   String task, String model, double weight, int count, double value) {
        if (count <= 0) {
            return;
        }
        addCounted(acc, model, weight, count, value);
        TaskLabel.fromId(task).ifPresent(t -> addCounted(byTask.computeIfAbsent(t, x -> new HashMap<>()), model,
                weight, count, value));
    }

    private static void addCounted(Map<String, double[]> acc, String model, double weight, int count, double value) {
        double[] a = acc.computeIfAbsent(model, m -> new double[3]);
        a[0] += count * weight * value;
        a[1] += count * weight;
        a[2] += count;
    }

    /** Whole-answer latencies the gateway keeps per model for the median. */
    static final int LATENCY_SAMPLES = 500;

    private static void add(Map<String, double[]> acc, String model, double weight, double value) {
        addCounted(acc, model, weight, 1, value);
    }

    /** The median latency of successful calls per model with enough of them: the engine's latency factor. */
    private Map<String, Integer> latencies(long since) {
        Map<String, List<Integer>> byModel = new HashMap<>();
        jdbc.sql("SELECT model, latency_ms FROM decision_outcome WHERE model IS NOT NULL AND success = 1 "
                        + "AND latency_ms IS NOT NULL AND reported_at >= ? UNION ALL SELECT model, latency_ms "
                        + "FROM model_latency_sample WHERE observed_at >= ?")
                .params(since, since)
                .query((rs, n) -> byModel.computeIfAbsent(rs.getString(1), m -> new ArrayList<>()).add(rs.getInt(2)))
                .list();
        Map<String, Integer> p50 = new HashMap<>();
        byModel.forEach((model, values) -> {
            if (values.size() >= MIN_SAMPLES) {
                Collections.sort(values);
                p50.put(model, Math.max(1, values.get((values.size() - 1) / 2)));
            }
        });
        return Map.copyOf(p50);
    }

    private static Map<String, Double> scoresOf(Map<String, double[]> acc) {
        Map<String, Double> result = new HashMap<>();
        acc.forEach((model, a) -> {
            if (a[2] >= MIN_SAMPLES && a[1] > 0) {
                result.put(model, Math.clamp(a[0] / a[1], 0.0, 1.0));
            }
        });
        return result;
    }

    /** Forgets what was learned so far: outcomes up to now stop counting, newer ones count as usual. */
    synchronized int reset() {
        int cleared = learned.get().overall().size();
        jdbc.sql("INSERT INTO router_setting (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .params(LEARNED_SINCE, Long.toString(clock.millis()), clock.millis(), "reset").update();
        // the gateway's observations are counted per hour, so the hour's earlier ones cannot be told apart: all go
        jdbc.sql("DELETE FROM model_observation").update();
        jdbc.sql("DELETE FROM model_latency_sample").update();
        recompute();
        return cleared;
    }

    private final java.util.concurrent.atomic.AtomicBoolean recomputePending =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Recomputes a few seconds from now, once however many observations arrive meanwhile: the gateway observes
     * every call, and relearning reads the whole window.
     */
    void recomputeSoon() {
        if (recomputePending.compareAndSet(false, true)) {
            Thread.ofVirtual().name("model-history").start(() -> {
                try {
                    Thread.sleep(RECOMPUTE_DELAY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recomputePending.set(false);
                recompute();
            });
        }
    }

    /** How long observations gather before the history is relearned. */
    static final Duration RECOMPUTE_DELAY = Duration.ofSeconds(5);

    synchronized void recompute() {
        long now = clock.millis();
        long resetAt = jdbc.sql("SELECT value FROM router_setting WHERE name = ?").param(LEARNED_SINCE)
                .query(String.class).optional().map(Long::parseLong).orElse(Long.MIN_VALUE);
        // outcomes reported up to and including the reset's millisecond are forgotten
        long since = Math.max(now - WINDOW.toMillis(), resetAt == Long.MIN_VALUE ? Long.MIN_VALUE : resetAt + 1);
        double lambda = Math.log(2) / HALF_LIFE.toMillis();
        Map<String, double[]> acc = new HashMap<>();
        Map<TaskLabel, Map<String, double[]>> taskAcc = new EnumMap<>(TaskLabel.class);
        jdbc.sql("SELECT model, task, success, quality_rating, reported_at, overridden_to FROM decision_outcome "
                        + "WHERE model IS NOT NULL AND reported_at >= ?")
                .param(since)
                .query((rs, n) -> {
                    double w = Math.exp(-lambda * (now - rs.getLong("reported_at")));
                    int rating = rs.getInt("quality_rating");
                    boolean rated = !rs.wasNull();
                    String overriddenTo = rs.getString("overridden_to");
                    if (overriddenTo != null && !overriddenTo.isBlank()) {
                        // the user did not accept the routed model and picked another: learn from both
                        add(acc, taskAcc, rs.getString("task"), rs.getString("model"), w, 0.0);
                        add(acc, taskAcc, rs.getString("task"), overriddenTo.strip(), w, 1.0);
                        return null;
                    }
                    // success counts 70%, the rating (1..5 -> 0..1) 30%; unrated outcomes count success only
                    double value = rated ? 0.7 * rs.getInt("success") + 0.3 * (rating - 1) / 4.0 : rs.getInt("success");
                    add(acc, taskAcc, rs.getString("task"), rs.getString("model"), w, value);
                    return null;
                }).list();
        // the gateway's observations, counted per hour: weighed at the middle of their hour
        jdbc.sql("SELECT model, task, hour, successes, failures FROM model_observation WHERE hour >= ?")
                .param(since / OutcomeService.HOUR_MILLIS)
                .query((rs, n) -> {
                    double w = Math.exp(-lambda * Math.max(0, now - (rs.getLong("hour") * OutcomeService.HOUR_MILLIS
                            + OutcomeService.HOUR_MILLIS / 2)));
                    addCounted(acc, taskAcc, rs.getString("task"), rs.getString("model"), w, rs.getInt("successes"),
                            1.0);
                    addCounted(acc, taskAcc, rs.getString("task"), rs.getString("model"), w, rs.getInt("failures"),
                            0.0);
                    return null;
                }).list();
        // at most the newest LATENCY_SAMPLES latencies per model are kept
        jdbc.sql("DELETE FROM model_latency_sample WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() "
                + "OVER (PARTITION BY model ORDER BY observed_at DESC) AS n FROM model_latency_sample) WHERE n > ?) "
                + "OR observed_at < ?").params(LATENCY_SAMPLES, now - WINDOW.toMillis()).update();
        Map<String, Double> overall = Map.copyOf(scoresOf(acc));
        Map<TaskLabel, Map<String, Double>> byTask = new EnumMap<>(TaskLabel.class);
        taskAcc.forEach((task, models) -> {
            Map<String, Double> merged = new HashMap<>(overall);
            merged.putAll(scoresOf(models));
            byTask.put(task, Map.copyOf(merged));
        });
        Map<String, Integer> latencies = latencies(since);
        Learned before = learned.getAndSet(new Learned(overall, byTask, latencies));
        if (!before.p50LatencyMs().equals(latencies)) {
            events.publishEvent(new LatenciesChanged(latencies));
        }
    }
}
