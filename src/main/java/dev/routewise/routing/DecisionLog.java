package dev.routewise.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes routing decisions in batches from one thread. The request thread only offers a record to
 * a bounded queue and never waits on SQLite; when the queue is full the decision is dropped and
 * counted ({@code routewise.decisions.dropped}), never silently.
 */
@Component
class DecisionLog {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
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

    private final BlockingQueue<Entry> queue;
    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
    private final JdbcTemplate jdbc;
    private final RoutingProperties properties;
    private final Counter written;
    private final Counter dropped;
    private final AtomicLong droppedTotal = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    DecisionLog(JdbcTemplate jdbc, RoutingProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.decisionQueue());
        this.written = meters.counter("routewise.decisions.written");
        this.dropped = meters.counter("routewise.decisions.dropped");
        meters.gauge("routewise.decisions.queued", queue, BlockingQueue::size);
        this.writer = Thread.ofPlatform().daemon().name("decision-writer").start(this::drain);
    }

    /** Queues a decision; false (and counted) when the queue is full. Never blocks. */
    boolean offer(Entry entry) {
        if (queue.offer(entry)) {
            return true;
        }
        dropped.increment();
        if (droppedTotal.incrementAndGet() % 1000 == 1) {
            log.warn("Decision log queue is full ({} waiting): {} decisions dropped so far", queue.size(),
                    droppedTotal.get());
        }
        return false;
    }

    long droppedCount() {
        return droppedTotal.get();
    }

    int queued() {
        return queue.size();
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(properties.decisionBatch());
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(properties.decisionFlushEvery().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.decisionBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.error("Writing {} routing decisions failed; they are lost", batch.size(), e);
                dropped.increment(batch.size());
                droppedTotal.addAndGet(batch.size());
            } finally {
                batch.clear();
            }
        }
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
        written.increment(batch.size());
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
        running = false;
        writer.join(5_000);
    }
}
