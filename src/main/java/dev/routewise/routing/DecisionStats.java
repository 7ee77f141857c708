package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Figures over the decision log for a recent window (the last day, 7 days or 30 days): what was
 * routed where, how fast, what callers reported back, and the estimated cost of the choices.
 */
@Service
public class DecisionStats {

    /** The windows {@code ?period=} accepts. */
    public enum Period {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30));

        private final Duration length;

        Period(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Period parse(String value) {
            if (value == null || value.isBlank()) {
                return DAY;
            }
            for (Period p : values()) {
                if (p.key().equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new InvalidInputException("period", "Use day, week or month, not '" + value + "'");
        }
    }

    /** Decisions that share a model, task or profile; {@code key} is null for decisions that found no model. */
    public record Group(String key, long count, double share) {
    }

    public record Latency(long p50Micros, long p95Micros, long maxMicros) {
    }

    /**
     * What callers reported for the window's decisions.
     *
     * @param successRate   null when nothing was reported
     * @param averageRating null when no outcome carried a rating
     * @param overrides     outcomes whose user switched to another model than the one chosen
     */
    public record Outcomes(long reported, long succeeded, Double successRate, long rated, Double averageRating,
                           long overrides, Double overrideRate) {
    }

    /**
     * @param estimatedCostUsd the sum of the decisions' estimated costs (from catalog prices and
     *                         estimated tokens at decision time), not what providers billed
     */
    public record Stats(String period, Instant from, Instant to, long totalDecisions, long routed,
                        List<Group> byModel, List<Group> byTask, List<Group> byProfile, Latency latency,
                        Outcomes outcomes, BigDecimal estimatedCostUsd, long unpricedDecisions, String costNote) {
    }

    /**
     * What was routed where in a window, and what callers reported back: the cheap part of {@link Stats}, for views
     * that refresh often (no latency ranks, no cost sums).
     */
    public record Mix(long totalDecisions, List<Group> byModel, List<Group> byTask, Outcomes outcomes) {
    }

    /** Decisions made in one hour ({@code hour} is its first instant). */
    public record Hour(Instant hour, long decisions) {
    }

    static final String COST_NOTE = "Estimated at decision time from catalog prices and estimated tokens; "
            + "not a bill.";

    private final JdbcClient jdbc;
    private final Clock clock;

    DecisionStats(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @RolesAllowed(AppRoles.VIEWER)
    public Stats of(Period period) {
        Instant to = clock.instant();
        Instant from = to.minus(period.length);
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        Mix mix = mix(from, to);
        long total = mix.totalDecisions();
        long routed = mix.byModel().stream().filter(g -> g.key() != null).mapToLong(Group::count).sum();
        return new Stats(period.key(), from, to, total, routed, mix.byModel(), mix.byTask(),
                groups("profile", fromMs, toMs, total), latency(fromMs, toMs, total), mix.outcomes(),
                estimatedCost(fromMs, toMs), unpriced(fromMs, toMs), COST_NOTE);
    }

    /** Every figure is one aggregate query found through the {@code created_at} index of the decision log. */
    @RolesAllowed(AppRoles.VIEWER)
    public Mix mix(Instant from, Instant to) {
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        long total = jdbc.sql("SELECT count(*) FROM routing_decision WHERE created_at >= ? AND created_at < ?")
                .params(fromMs, toMs).query(Long.class).single();
        return new Mix(total, groups("model", fromMs, toMs, total), groups("task", fromMs, toMs, total),
                outcomes(fromMs, toMs));
    }

    /** Hours of the window that had decisions, in order; hours without any are left out. */
    @RolesAllowed(AppRoles.VIEWER)
    public List<Hour> hourly(Instant from, Instant to) {
        return jdbc.sql("SELECT created_at / 3600000 AS h, count(*) FROM routing_decision "
                        + "WHERE created_at >= ? AND created_at < ? GROUP BY h ORDER BY h")
                .params(from.toEpochMilli(), to.toEpochMilli())
                .query((rs, i) -> new Hour(Instant.ofEpochMilli(rs.getLong(1) * 3_600_000), rs.getLong(2))).list();
    }

    private List<Group> groups(String column, long from, long to, long total) {
        // column is one of three fixed names, never user input
        return jdbc.sql("SELECT " + column + ", count(*) AS n FROM routing_decision "
                        + "WHERE created_at >= ? AND created_at < ? GROUP BY " + column + " ORDER BY n DESC, "
                        + column)
                .params(from, to)
                .query((rs, i) -> new Group(rs.getString(1), rs.getLong(2), share(rs.getLong(2), total)))
                .list();
    }

    /** Nearest-rank percentiles, read by offset in SQL so the log is never loaded whole. */
    private Latency latency(long from, long to, long total) {
        if (total == 0) {
            return new Latency(0, 0, 0);
        }
        return new Latency(latencyAtRank(from, to, rank(0.50, total)), latencyAtRank(from, to, rank(0.95, total)),
                latencyAtRank(from, to, total - 1));
    }

    static long rank(double quantile, long total) {
        return Math.max(0, (long) Math.ceil(quantile * total) - 1);
    }

    private long latencyAtRank(long from, long to, long offset) {
        return jdbc.sql("SELECT latency_micros FROM routing_decision WHERE created_at >= ? AND created_at < ? "
                        + "ORDER BY latency_micros LIMIT 1 OFFSET ?")
                .params(from, to, offset).query(Long.class).single();
    }

    private Outcomes outcomes(long from, long to) {
        return jdbc.sql("""
                        SELECT count(*),
                               coalesce(sum(o.success), 0),
                               count(o.quality_rating),
                               avg(o.quality_rating),
                               coalesce(sum(CASE WHEN o.overridden_to IS NOT NULL
                                   AND (o.model IS NULL OR o.overridden_to <> o.model) THEN 1 ELSE 0 END), 0)
                        FROM decision_outcome o JOIN routing_decision d ON d.decision_id = o.decision_id
                        WHERE d.created_at >= ? AND d.created_at < ?""")
                .params(from, to)
                .query((rs, i) -> {
                    long reported = rs.getLong(1);
                    long succeeded = rs.getLong(2);
                    long rated = rs.getLong(3);
                    double avg = rs.getDouble(4);
                    long overrides = rs.getLong(5);
                    return new Outcomes(reported, succeeded, reported == 0 ? null : round(succeeded / (double) reported),
                            rated, rated == 0 ? null : round(avg), overrides,
                            reported == 0 ? null : round(overrides / (double) reported));
                }).single();
    }

    /** Summed as exact decimals in Java: the column is text and SQL sums would be binary floating point. */
    private BigDecimal estimatedCost(long from, long to) {
        BigDecimal[] sum = {BigDecimal.ZERO};
        jdbc.sql("SELECT estimated_cost FROM routing_decision WHERE created_at >= ? AND created_at < ? "
                        + "AND estimated_cost IS NOT NULL")
                .params(from, to)
                .query((RowCallbackHandler) rs -> {
                    sum[0] = sum[0].add(new BigDecimal(rs.getString(1)));
                });
        return sum[0];
    }

    private long unpriced(long from, long to) {
        return jdbc.sql("SELECT count(*) FROM routing_decision WHERE created_at >= ? AND created_at < ? "
                        + "AND model IS NOT NULL AND estimated_cost IS NULL")
                .params(from, to).query(Long.class).single();
    }

    private static double share(long count, long total) {
        return total == 0 ? 0 : round(count / (double) total);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
