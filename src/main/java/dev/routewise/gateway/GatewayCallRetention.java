package dev.routewise.gateway;

import dev.routewise.base.db.RetainedRecords;
import dev.routewise.base.db.RetentionProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

/**
 * The gateway's raw records past {@code routewise.retention.decisions}: calls with their attempts, and the cooldown
 * and rate-limit events. What the router learned from them is kept in hourly {@code model_observation} rows, which
 * stay.
 */
@Component
class GatewayCallRetention implements RetainedRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    GatewayCallRetention(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public String kind() {
        return RetentionProperties.DECISIONS;
    }

    @Override
    public String what() {
        return "gateway calls, attempts and events";
    }

    @Override
    public int deleteBefore(Instant cutoff, int max) {
        long before = cutoff.toEpochMilli();
        Integer deleted = tx.execute(status -> {
            List<String> ids = jdbc.sql("SELECT decision_id FROM gateway_call WHERE created_at < ? "
                    + "ORDER BY created_at LIMIT ?").params(before, max).query(String.class).list();
            int rows = 0;
            if (!ids.isEmpty()) {
                rows += jdbc.sql("DELETE FROM gateway_attempt WHERE decision_id IN (:ids)").param("ids", ids).update();
                rows += jdbc.sql("DELETE FROM gateway_call WHERE decision_id IN (:ids)").param("ids", ids).update();
            }
            rows += jdbc.sql("DELETE FROM gateway_event WHERE id IN (SELECT id FROM gateway_event WHERE created_at < ? "
                    + "ORDER BY id LIMIT ?)").params(before, max).update();
            return rows;
        });
        return deleted == null ? 0 : deleted;
    }
}
