package dev.routewise.base.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes raw records past their retention once a day (first ten minutes after start), chunk by chunk, so each
 * transaction holds SQLite's one write lock only briefly. Every {@link RetainedRecords} bean is asked in turn.
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetainedRecords> records;
    private final RetentionProperties properties;
    private final Clock clock;

    public RetentionJob(List<RetainedRecords> records, RetentionProperties properties, Clock clock) {
        this.records = List.copyOf(records);
        this.properties = properties;
        this.clock = clock;
        // a kind without a period is a programming error: fail at start-up, not at the first nightly run
        this.records.forEach(r -> properties.of(r.kind()));
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "P1D")
    void daily() {
        run();
    }

    /**
     * Deletes now what is past its retention.
     *
     * @return rows deleted per {@link RetainedRecords#what()}
     */
    public synchronized Map<String, Integer> run() {
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (RetainedRecords r : records) {
            Instant cutoff = now.minus(properties.of(r.kind()));
            int total = 0;
            try {
                for (int n = r.deleteBefore(cutoff, properties.chunk()); n > 0;
                     n = r.deleteBefore(cutoff, properties.chunk())) {
                    total += n;
                }
            } catch (RuntimeException e) {
                // the next day's run continues where this one stopped; other kinds still run now
                log.error("Retention: deleting {} older than {} failed after {} rows", r.what(), cutoff, total, e);
            }
            deleted.put(r.what(), total);
            if (total > 0) {
                log.info("Retention: deleted {} rows of {} older than {} ({} = {})", total, r.what(), cutoff,
                        "routewise.retention." + r.kind(), properties.of(r.kind()));
            }
        }
        return deleted;
    }
}
