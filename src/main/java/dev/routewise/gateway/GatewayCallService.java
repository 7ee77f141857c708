package dev.routewise.gateway;

import dev.routewise.base.InvalidInputException;
import dev.routewise.gateway.protocol.Usage;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the gateway did, read back: recent calls with their attempts, events, and the configured model limits. */
@Service
public class GatewayCallService {

    /** A configured limit of a model; a null field is unlimited. */
    public record ModelLimit(String modelId, Integer rpm, Integer tpm) {
    }

    private static final String CALL_COLUMNS = """
            decision_id, created_at, caller, api_key_id, user_name, team, requested_model, profile, task, model,
            provider, stream, status, outcome, error, fallbacks, latency_ms, ttft_ms, input_tokens, output_tokens,
            cached_tokens, cache_write_tokens, reasoning_tokens, estimated_cost_usd, cost_usd, cost_status""";

    private final JdbcClient jdbc;
    private final RateLimits rateLimits;
    private final AuditService audit;

    GatewayCallService(JdbcClient jdbc, RateLimits rateLimits, AuditService audit) {
        this.jdbc = jdbc;
        this.rateLimits = rateLimits;
        this.audit = audit;
    }

    @PostConstruct
    void loadLimits() {
        Map<String, RateLimits.Limit> limits = new LinkedHashMap<>();
        for (ModelLimit l : limits()) {
            limits.put(l.modelId(), new RateLimits.Limit(l.rpm(), l.tpm()));
        }
        rateLimits.configure(limits);
    }

    /** The latest calls, newest first, without their attempts; {@code model} filters when not blank. */
    @PermitAll
    public List<GatewayCall> recent(int limit, String model) {
        boolean filter = model != null && !model.isBlank();
        return jdbc.sql("SELECT " + CALL_COLUMNS + " FROM gateway_call" + (filter ? " WHERE model = :model" : "")
                        + " ORDER BY created_at DESC LIMIT :limit")
                .param("limit", Math.clamp(limit, 1, 1000))
                .params(filter ? Map.of("model", model.strip()) : Map.of())
                .query((rs, n) -> call(rs, List.of())).list();
    }

    /** One call with its attempts. */
    @PermitAll
    public Optional<GatewayCall> find(String decisionId) {
        List<GatewayCall.Attempt> attempts = jdbc.sql("""
                        SELECT seq, model, provider, started_at, status, outcome, error_class, error, latency_ms,
                            ttft_ms, input_tokens, output_tokens, cost_usd
                        FROM gateway_attempt WHERE decision_id = ? ORDER BY seq""")
                .param(decisionId)
                .query((rs, n) -> new GatewayCall.Attempt(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), integer(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8),
                        longOrNull(rs, 9), longOrNull(rs, 10), rs.getObject(11) == null ? null
                        : new Usage(rs.getLong(11), rs.getLong(12), 0, 0, 0), decimal(rs.getString(13))))
                .list();
        return jdbc.sql("SELECT " + CALL_COLUMNS + " FROM gateway_call WHERE decision_id = ?").param(decisionId)
                .query((rs, n) -> call(rs, attempts)).optional();
    }

    /** The latest cooldown and rate-limit events, newest first. */
    @PermitAll
    public List<GatewayCall.Event> events(int limit) {
        return jdbc.sql("SELECT created_at, kind, model, until_at, detail FROM gateway_event "
                        + "ORDER BY created_at DESC, id DESC LIMIT ?")
                .param(Math.clamp(limit, 1, 1000))
                .query((rs, n) -> new GatewayCall.Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                        longOrNull(rs, 4), rs.getString(5))).list();
    }

    @PermitAll
    public List<ModelLimit> limits() {
        return jdbc.sql("SELECT model_id, rpm, tpm FROM gateway_model_limit ORDER BY model_id")
                .query((rs, n) -> new ModelLimit(rs.getString(1), integer(rs, 2), integer(rs, 3))).list();
    }

    /** Sets a model's limits; both null removes them. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public ModelLimit setLimit(String modelId, Integer rpm, Integer tpm) {
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidInputException("modelId", "Name the model");
        }
        if (rpm != null && rpm < 1) {
            throw new InvalidInputException("rpm", "Requests per minute must be at least 1, or empty for no limit");
        }
        if (tpm != null && tpm < 1) {
            throw new InvalidInputException("tpm", "Tokens per minute must be at least 1, or empty for no limit");
        }
        String id = modelId.strip();
        Optional<ModelLimit> before = limits().stream().filter(l -> l.modelId().equals(id)).findFirst();
        if (rpm == null && tpm == null) {
            jdbc.sql("DELETE FROM gateway_model_limit WHERE model_id = ?").param(id).update();
        } else {
            jdbc.sql("INSERT OR REPLACE INTO gateway_model_limit (model_id, rpm, tpm) VALUES (?, ?, ?)")
                    .params(id, rpm, tpm).update();
        }
        ModelLimit after = new ModelLimit(id, rpm, tpm);
        audit.recordChange(AuditAction.ROUTER_CHANGED, "model limit " + id,
                before.map(l -> "rpm=" + l.rpm() + ", tpm=" + l.tpm()).orElse("none"),
                rpm == null && tpm == null ? "none" : "rpm=" + rpm + ", tpm=" + tpm);
        loadLimits();
        return after;
    }

    private static GatewayCall call(ResultSet rs, List<GatewayCall.Attempt> attempts) throws SQLException {
        Usage usage = rs.getObject("input_tokens") == null ? null : new Usage(rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("cached_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("reasoning_tokens"));
        return new GatewayCall(rs.getString("decision_id"), rs.getLong("created_at"), rs.getString("caller"),
                longOrNull(rs, "api_key_id"), rs.getString("user_name"), rs.getString("team"),
                rs.getString("requested_model"), rs.getString("profile"),
                rs.getString("task"), rs.getString("model"), rs.getString("provider"), rs.getInt("stream") != 0,
                rs.getInt("status"), rs.getString("outcome"), rs.getString("error"), rs.getInt("fallbacks"),
                rs.getLong("latency_ms"), longOrNull(rs, "ttft_ms"), usage, decimal(rs.getString("estimated_cost_usd")),
                decimal(rs.getString("cost_usd")),
                rs.getString("cost_status"), attempts);
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static BigDecimal decimal(String v) {
        return v == null ? null : new BigDecimal(v);
    }
}
