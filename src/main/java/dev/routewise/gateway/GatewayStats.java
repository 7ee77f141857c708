package dev.routewise.gateway;

import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures over the gateway's calls in a time window, for the dashboard: how many, how many failed or fell back,
 * how fast each model answered, who sent them, and how they spread over the hours. Each figure is one aggregate
 * query over the window, found through the {@code gateway_call (created_at)} index, so the dashboard can ask
 * again every few seconds.
 */
@Service
public class GatewayStats {

    /** Outcomes that are not an error of the gateway or its providers: answered, or the client went away. */
    private static final String NOT_AN_ERROR = "('ok', 'cancelled')";

    /**
     * @param errors        calls that ended without an answer: failed, broken, rejected by the provider, no model
     * @param withFallbacks calls that went past the first model of their chain
     */
    public record Totals(long calls, long errors, long withFallbacks) {

        public Double errorRate() {
            return calls == 0 ? null : errors / (double) calls;
        }

        public Double fallbackRate() {
            return calls == 0 ? null : withFallbacks / (double) calls;
        }
    }

    /** Nearest-rank percentiles of the whole-call latency of the calls a model answered. */
    public record ModelLatency(String model, long calls, long p50Ms, long p95Ms) {
    }

    /** Calls that began in one hour ({@code hour} is its first instant). */
    public record Hour(Instant hour, long calls, long errors) {
    }

    /** A caller and how many calls it sent; {@code key} is the API key's id for {@link #topKeys}. */
    public record Top(String name, Long key, long calls) {
    }

    private final JdbcClient jdbc;

    GatewayStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @RolesAllowed(AppRoles.VIEWER)
    public Totals totals(Instant from, Instant to) {
        return jdbc.sql("SELECT count(*), coalesce(sum(CASE WHEN outcome NOT IN " + NOT_AN_ERROR
                        + " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN fallbacks > 0 THEN 1 ELSE 0 END), 0) "
                        + "FROM gateway_call WHERE created_at >= ? AND created_at < ?")
                .params(from.toEpochMilli(), to.toEpochMilli())
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /** Per model that answered in the window, busiest first; ranks as in {@code DecisionStats} (nearest rank). */
    @RolesAllowed(AppRoles.VIEWER)
    public List<ModelLatency> latencyByModel(Instant from, Instant to, int limit) {
        // one pass: each answered call ranked within its model, then only the two ranks wanted are returned
        Map<String, long[]> byModel = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT model, n, latency_ms, rn FROM (
                            SELECT model, latency_ms,
                                   row_number() OVER (PARTITION BY model ORDER BY latency_ms) AS rn,
                                   count(*) OVER (PARTITION BY model) AS n
                            FROM gateway_call
                            WHERE created_at >= ? AND created_at < ? AND outcome = 'ok' AND model IS NOT NULL) ranked
                        WHERE rn = (n + 1) / 2 OR rn = (95 * n + 99) / 100
                        ORDER BY n DESC, model, rn""")
                .params(from.toEpochMilli(), to.toEpochMilli())
                .query(rs -> {
                    long n = rs.getLong(2);
                    long[] row = byModel.computeIfAbsent(rs.getString(1), m -> new long[]{n, 0, 0});
                    long rank = rs.getLong(4);
                    if (rank == (n + 1) / 2) {
                        row[1] = rs.getLong(3);
                    }
                    if (rank == (95 * n + 99) / 100) {
                        row[2] = rs.getLong(3);
                    }
                });
        List<ModelLatency> result = new ArrayList<>();
        byModel.forEach((model, r) -> result.add(new ModelLatency(model, r[0], r[1], r[2])));
        return result.size() > limit ? result.subList(0, limit) : result;
    }

    /** Hours of the window that had calls, in order; hours without calls are left out. */
    @RolesAllowed(AppRoles.VIEWER)
    public List<Hour> hourly(Instant from, Instant to) {
        return jdbc.sql("SELECT created_at / 3600000 AS h, count(*), coalesce(sum(CASE WHEN outcome NOT IN "
                        + NOT_AN_ERROR + " THEN 1 ELSE 0 END), 0) FROM gateway_call "
                        + "WHERE created_at >= ? AND created_at < ? GROUP BY h ORDER BY h")
                .params(from.toEpochMilli(), to.toEpochMilli())
                .query((rs, n) -> new Hour(Instant.ofEpochMilli(rs.getLong(1) * 3_600_000), rs.getLong(2),
                        rs.getLong(3))).list();
    }

    /** The end users (x-routewise-user, OpenAI's "user", else the caller) who sent the most calls. */
    @RolesAllowed(AppRoles.VIEWER)
    public List<Top> topUsers(Instant from, Instant to, int limit) {
        return top("user_name", from, to, limit);
    }

    @RolesAllowed(AppRoles.VIEWER)
    public List<Top> topTeams(Instant from, Instant to, int limit) {
        return top("team", from, to, limit);
    }

    /** The API keys that sent the most calls, named by the caller the key signed in as. */
    @RolesAllowed(AppRoles.VIEWER)
    public List<Top> topKeys(Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT max(caller), api_key_id, count(*) AS n FROM gateway_call "
                        + "WHERE created_at >= ? AND created_at < ? AND api_key_id IS NOT NULL "
                        + "GROUP BY api_key_id ORDER BY n DESC, api_key_id LIMIT ?")
                .params(from.toEpochMilli(), to.toEpochMilli(), Math.clamp(limit, 1, 100))
                .query((rs, n) -> new Top(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    private List<Top> top(String column, Instant from, Instant to, int limit) {
        // column is one of two fixed names, never user input
        return jdbc.sql("SELECT " + column + ", count(*) AS n FROM gateway_call "
                        + "WHERE created_at >= ? AND created_at < ? AND " + column + " IS NOT NULL "
                        + "GROUP BY " + column + " ORDER BY n DESC, " + column + " LIMIT ?")
                .params(from.toEpochMilli(), to.toEpochMilli(), Math.clamp(limit, 1, 100))
                .query((rs, n) -> new Top(rs.getString(1), null, rs.getLong(2))).list();
    }
}
