package dev.routewise.spend;

import dev.routewise.base.db.RetainedRecords;
import dev.routewise.base.db.RetentionProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Raw ledger entries past {@code routewise.retention.ledger}. The daily and monthly aggregates they were added to
 * stay, so cost reports of old periods keep their figures.
 */
@Component
class CostLedgerRetention implements RetainedRecords {

    private final JdbcClient jdbc;

    CostLedgerRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return RetentionProperties.LEDGER;
    }

    @Override
    public String what() {
        return "cost ledger entries";
    }

    @Override
    public int deleteBefore(Instant cutoff, int max) {
        return jdbc.sql("DELETE FROM cost_entry WHERE decision_id IN (SELECT decision_id FROM cost_entry "
                + "WHERE created_at < ? ORDER BY created_at LIMIT ?)").params(cutoff.toEpochMilli(), max).update();
    }
}
