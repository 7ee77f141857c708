package dev.routewise.gateway;

import dev.routewise.base.db.BatchWriter;
import dev.routewise.gateway.protocol.Usage;
import dev.routewise.routing.Observation;
import dev.routewise.routing.OutcomeService;
import dev.routewise.spend.CostEntry;
import dev.routewise.spend.CostLedger;
import dev.routewise.spend.CostSource;
import dev.routewise.spend.CostStatus;
import dev.routewise.spend.TokenCounts;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes gateway calls, their attempts and events in batches from one thread: a request thread only queues its
 * record and never waits on SQLite. Once a batch is written, each call is handed to the spend ledger (which queues
 * it for its own writer).
 */
@Component
class GatewayCallLog {

    private static final String CALL = """
            INSERT OR REPLACE INTO gateway_call (decision_id, created_at, caller, api_key_id, requested_model, profile,
                task, model, provider, stream, status, outcome, error, attempts, fallbacks, latency_ms, ttft_ms,
                input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost_usd, cost_status,
                user_name, team, estimated_cost_usd)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String ATTEMPT = """
            INSERT OR REPLACE INTO gateway_attempt (decision_id, seq, model, provider, started_at, status, outcome,
                error_class, error, latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String EVENT = """
            INSERT INTO gateway_event (created_at, kind, model, until_at, detail) VALUES (?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutcomeService outcomes;
    private final CostLedger ledger;
    private final BatchWriter<Object> writer;

    GatewayCallLog(JdbcTemplate jdbc, TransactionTemplate tx, OutcomeService outcomes, CostLedger ledger,
                   GatewayProperties properties, MeterRegistry meters) {
        this.outcomes = outcomes;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.tx = tx;
        this.writer = new BatchWriter<>("gateway-call", "routewise.gateway.calls", properties.callQueue(), 200,
                Duration.ofMillis(200), this::write, meters);
    }

    /** Queues a call with its attempts; never blocks. */
    boolean record(GatewayCall call) {
        return writer.offer(call);
    }

    /** Queues an event; never blocks. */
    boolean record(GatewayCall.Event event) {
        return writer.offer(event);
    }

    int queued() {
        return writer.queued();
    }

    private void write(List<Object> batch) {
        List<GatewayCall> calls = new ArrayList<>();
        List<Object[]> attempts = new ArrayList<>();
        List<GatewayCall.Event> events = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        for (Object o : batch) {
            if (o instanceof GatewayCall c) {
                calls.add(c);
                for (GatewayCall.Attempt a : c.attempts()) {
                    attempts.add(new Object[]{c.decisionId(), a});
                    Observation seen = observation(c, a);
                    if (seen != null) {
                        observations.add(seen);
                    }
                }
            } else if (o instanceof GatewayCall.Event e) {
                events.add(e);
            }
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate(CALL, calls, calls.size(), GatewayCallLog::setCall);
            jdbc.batchUpdate(ATTEMPT, attempts, attempts.size(), (ps, row) -> setAttempt(ps, (String) row[0],
                    (GatewayCall.Attempt) row[1]));
            jdbc.batchUpdate(EVENT, events, events.size(), (ps, e) -> {
                ps.setLong(1, e.createdAt());
                ps.setString(2, e.kind());
                ps.setString(3, e.model());
                setLong(ps, 4, e.untilMillis());
                ps.setString(5, e.detail());
            });
            outcomes.observe(observations);
        });
        calls.forEach(c -> ledger.record(costEntry(c)));
    }

    /**
     * A call as the spend ledger counts it. Every call is recorded, also one that failed before any answer (cost
     * status none, $0): the gateway's entry is what keeps a client's outcome report of the same decision from being
     * counted as a second call. A known status without an amount cannot happen, and would count as unknown.
     */
    static CostEntry costEntry(GatewayCall c) {
        Usage u = c.usage();
        CostStatus status = CostStatus.parse(c.costStatus());
        if (status == CostStatus.KNOWN && c.costUsd() == null) {
            status = CostStatus.UNKNOWN_USAGE;
        }
        return new CostEntry(c.decisionId(), c.createdAt(), CostSource.GATEWAY, c.model(), c.provider(), c.task(),
                c.profile(), c.user(), c.team(), c.apiKeyId(), u == null ? null : new TokenCounts(u.inputTokens(),
                u.cachedInputTokens(), u.cacheWriteTokens(), u.outputTokens(), u.reasoningTokens()),
                c.estimatedCostUsd(), c.costUsd(), status);
    }

    /**
     * What an attempt says about its model, for the router's learned history: an answer is a success (its latency
     * counts when it came whole), a provider-side failure, a broken stream or an answer a cascade escalated is not;
     * a request the provider rightly refused, a skipped model or a client that went away says nothing.
     */
    static Observation observation(GatewayCall c, GatewayCall.Attempt a) {
        if (c.task() == null) {
            return null;
        }
        return switch (a.outcome()) {
            case "ok" -> new Observation(a.startedAt(), a.model(), c.task(), true,
                    c.stream() || a.latencyMs() == null ? null : Math.toIntExact(Math.min(Integer.MAX_VALUE,
                            a.latencyMs())));
            case "broken", "escalated" -> new Observation(a.startedAt(), a.model(), c.task(), false, null);
            case "failed" -> switch (a.errorClass() == null ? "" : a.errorClass()) {
                case "transient", "quota", "auth", "model_not_found" ->
                        new Observation(a.startedAt(), a.model(), c.task(), false, null);
                default -> null;
            };
            default -> null;
        };
    }

    private static void setCall(PreparedStatement ps, GatewayCall c) throws SQLException {
        ps.setString(1, c.decisionId());
        ps.setLong(2, c.createdAt());
        ps.setString(3, c.caller());
        setLong(ps, 4, c.apiKeyId());
        ps.setString(5, c.requestedModel());
        ps.setString(6, c.profile());
        ps.setString(7, c.task());
        ps.setString(8, c.model());
        ps.setString(9, c.provider());
        ps.setInt(10, c.stream() ? 1 : 0);
        ps.setInt(11, c.status());
        ps.setString(12, c.outcome());
        ps.setString(13, c.error());
        ps.setInt(14, c.attempts().size());
        ps.setInt(15, c.fallbacks());
        ps.setLong(16, c.latencyMs());
        setLong(ps, 17, c.ttftMs());
        Usage u = c.usage();
        setLong(ps, 18, u == null ? null : u.inputTokens());
        setLong(ps, 19, u == null ? null : u.outputTokens());
        setLong(ps, 20, u == null ? null : u.cachedInputTokens());
        setLong(ps, 21, u == null ? null : u.cacheWriteTokens());
        setLong(ps, 22, u == null ? null : u.reasoningTokens());
        ps.setString(23, plain(c.costUsd()));
        ps.setString(24, c.costStatus());
        ps.setString(25, c.user());
        ps.setString(26, c.team());
        ps.setString(27, plain(c.estimatedCostUsd()));
    }

    private static void setAttempt(PreparedStatement ps, String decisionId, GatewayCall.Attempt a)
            throws SQLException {
        ps.setString(1, decisionId);
        ps.setInt(2, a.seq());
        ps.setString(3, a.model());
        ps.setString(4, a.provider());
        ps.setLong(5, a.startedAt());
        if (a.status() == null) {
            ps.setNull(6, Types.INTEGER);
        } else {
            ps.setInt(6, a.status());
        }
        ps.setString(7, a.outcome());
        ps.setString(8, a.errorClass());
        ps.setString(9, a.error());
        setLong(ps, 10, a.latencyMs());
        setLong(ps, 11, a.ttftMs());
        setLong(ps, 12, a.usage() == null ? null : a.usage().inputTokens());
        setLong(ps, 13, a.usage() == null ? null : a.usage().outputTokens());
        ps.setString(14, plain(a.costUsd()));
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.close();
    }
}
