package dev.routewise.routing;

import dev.routewise.base.db.RetainedRecords;
import dev.routewise.base.db.RetentionProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Routing decisions and their reported outcomes past {@code routewise.retention.decisions}. A decision whose outcome
 * was reported within {@link ModelHistory#WINDOW} stays whatever its age: those outcomes still teach the router. The
 * gateway's hourly {@code model_observation} counts are aggregates and are never deleted here.
 */
@Component
class DecisionRetention implements RetainedRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DecisionRetention(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return RetentionProperties.DECISIONS;
    }

    @Override
    public String what() {
        return "routing decisions and their outcomes";
    }

    @Override
    public int deleteBefore(Instant cutoff, int max) {
        long learningFrom = clock.millis() - ModelHistory.WINDOW.toMillis();
        Integer deleted = tx.execute(status -> {
            List<String> ids = jdbc.sql("""
                            SELECT d.decision_id FROM routing_decision d WHERE d.created_at < :cutoff
                            AND NOT EXISTS (SELECT 1 FROM decision_outcome o WHERE o.decision_id = d.decision_id
                                            AND o.reported_at >= :learningFrom)
                            ORDER BY d.created_at LIMIT :max""")
                    .param("cutoff", cutoff.toEpochMilli()).param("learningFrom", learningFrom).param("max", max)
                    .query(String.class).list();
            if (ids.isEmpty()) {
                return 0;
            }
            int outcomes = jdbc.sql("DELETE FROM decision_outcome WHERE decision_id IN (:ids)").param("ids", ids)
                    .update();
            return outcomes + jdbc.sql("DELETE FROM routing_decision WHERE decision_id IN (:ids)").param("ids", ids)
                    .update();
        });
        return deleted == null ? 0 : deleted;
    }
}
