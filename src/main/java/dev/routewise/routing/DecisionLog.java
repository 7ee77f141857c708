package dev.routewise.routing;

import dev.routewise.base.db.BatchWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Writes routing decisions in batches from one thread ({@link BatchWriter}): the request thread only offers a
 * record and never waits on SQLite; a decision that finds the queue full is counted
 * ({@code routewise.decisions.dropped}), never silently lost.
 */
@Component
class DecisionLog {

    private static final String INSERT = """
            INSERT INTO routing_decision (decision_id, created_at, profile, task, complexity, confidence,
                classifier_tier, model, rule, estimated_cost, latency_micros, caller, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** One decision as written. */
    record Entry(String decisionId, long createdAtMillis, String profile, String task, String complexity,
                 double confidence, String classifierTier, String model, String rule, String estimatedCost,
                 long latencyMicros, String caller, dev.routewise.routing.engine.RouteDecision decision) {
    }

    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
    private final JdbcTemplate jdbc;
    private final BatchWriter<Entry> writer;

    DecisionLog(JdbcTemplate jdbc, RoutingProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.writer = new BatchWriter<>("decision", "routewise.decisions", properties.decisionQueue(),
                properties.decisionBatch(), properties.decisionFlushEvery(), this::write, meters);
    }

    /** Queues a decision; false (and counted) when the queue is full. Never blocks. */
    boolean offer(Entry entry) {
        return writer.offer(entry);
    }

    long droppedCount() {
        return writer.droppedCount();
    }

    int queued() {
        return writer.queued();
    }

    private void write(List<Entry> batch) {
        jdbc.batchUpdate(INSERT, batch, batch.size(), (ps, e) -> {
            ps.setString(1, e.decisionId());
            ps.setLong(2, e.createdAtMillis());
            ps.setString(3, e.profile());
            ps.setString(4, e.task());
            ps.setString(5, e.complexity());
            ps.setDouble(6, e.confidence());
            ps.setString(7, e.classifierTier());
            ps.setString(8, e.model());
            ps.setString(9, e.rule());
            ps.setString(10, e.estimatedCost());
            ps.setLong(11, e.latencyMicros());
            ps.setString(12, e.caller());
            ps.setString(13, detail(e.decision()));
        });
    }

    /**
     * Candidates kept with a logged decision: the best ones, enough to see what it was weighed against. Every one
     * more is built, serialised and stored for every decision, on the cores that serve requests.
     */
    static final int LOGGED_CANDIDATES = 10;

    /** The explained decision as JSON, built here on the writer thread, not on the request thread. */
    private String detail(dev.routewise.routing.engine.RouteDecision d) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("reasons", d.reasons());
        detail.put("fallbackChain", d.fallbackChain());
        detail.put("candidates", d.candidates().stream().limit(LOGGED_CANDIDATES).map(s -> java.util.Map.of(
                "model", s.model().id(), "eligible", s.eligible(), "score", s.score(),
                "excludedBecause", s.excludedBecause() == null ? "" : s.excludedBecause())).toList());
        return json.writeValueAsString(detail);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.close();
    }
}
