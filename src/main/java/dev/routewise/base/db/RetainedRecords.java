package dev.routewise.base.db;

import java.time.Instant;

/**
 * Raw records a feature keeps only for a configured time ({@code routewise.retention.<kind>}), so the database stays
 * small while aggregates (hourly model observations, daily and monthly cost) are kept. A feature implements this as
 * a package-private bean; {@link RetentionJob} calls it in chunks, each one a short transaction, because SQLite has
 * one writer and a long delete would stall the request path's writers.
 */
public interface RetainedRecords {

    /** Which retention period applies: {@link RetentionProperties#DECISIONS} or {@link RetentionProperties#LEDGER}. */
    String kind();

    /** What is deleted, for the log, e.g. "routing decisions and their outcomes". */
    String what();

    /**
     * Deletes up to {@code max} of the oldest records created before {@code cutoff} (with the rows that belong to
     * them) in one transaction.
     *
     * @return the rows deleted, dependent rows included; 0 when nothing older than the cutoff is left to delete
     */
    int deleteBefore(Instant cutoff, int max);
}
