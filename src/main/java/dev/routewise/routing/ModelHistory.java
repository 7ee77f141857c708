package dev.routewise.routing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-model history from reported outcomes, for the engine's historical factor: success and
 * ratings over a sliding window, with older outcomes decaying, and no opinion below a minimum
 * sample size. Recomputed after each report off the decision path; decisions read a map.
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
    private final AtomicReference<Map<String, Double>> scores = new AtomicReference<>(Map.of());

    ModelHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        recompute();
    }

    /** Model id -> historical score in [0,1] for models with enough outcomes. */
    Map<String, Double> scores() {
        return scores.get();
    }

    private static void add(Map<String, double[]> acc, String model, double weight, double value) {
        double[] a = acc.computeIfAbsent(model, m -> new double[3]);
        a[0] += weight * value;
        a[1] += weight;
        a[2] += 1;
    }

    /** Forgets what was learned so far: outcomes up to now stop counting, newer ones count as usual. */
    synchronized int reset() {
        int cleared = scores.get().size();
        jdbc.sql("INSERT INTO router_setting (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .params(LEARNED_SINCE, Long.toString(clock.millis()), clock.millis(), "reset").update();
        recompute();
        return cleared;
    }

    synchronized void recompute() {
        long now = clock.millis();
        long resetAt = jdbc.sql("SELECT value FROM router_setting WHERE name = ?").param(LEARNED_SINCE)
                .query(String.class).optional().map(Long::parseLong).orElse(Long.MIN_VALUE);
        // outcomes reported up to and including the reset's millisecond are forgotten
        long since = Math.max(now - WINDOW.toMillis(), resetAt == Long.MIN_VALUE ? Long.MIN_VALUE : resetAt + 1);
        double lambda = Math.log(2) / HALF_LIFE.toMillis();
        Map<String, double[]> acc = new HashMap<>();
        jdbc.sql("SELECT model, success, quality_rating, reported_at, overridden_to FROM decision_outcome "
                        + "WHERE model IS NOT NULL AND reported_at >= ?")
                .param(since)
                .query((rs, n) -> {
                    double w = Math.exp(-lambda * (now - rs.getLong("reported_at")));
                    int rating = rs.getInt("quality_rating");
                    boolean rated = !rs.wasNull();
                    String overriddenTo = rs.getString("overridden_to");
                    if (overriddenTo != null && !overriddenTo.isBlank()) {
                        // the user did not accept the routed model and picked another: learn from both
                        add(acc, rs.getString("model"), w, 0.0);
                        add(acc, overriddenTo.strip(), w, 1.0);
                        return null;
                    }
                    // success counts 70%, the rating (1..5 -> 0..1) 30%; unrated outcomes count success only
                    double value = rated ? 0.7 * rs.getInt("success") + 0.3 * (rating - 1) / 4.0 : rs.getInt("success");
                    add(acc, rs.getString("model"), w, value);
                    return null;
                }).list();
        Map<String, Double> result = new HashMap<>();
        acc.forEach((model, a) -> {
            if (a[2] >= MIN_SAMPLES && a[1] > 0) {
                result.put(model, Math.clamp(a[0] / a[1], 0.0, 1.0));
            }
        });
        scores.set(Map.copyOf(result));
    }
}
