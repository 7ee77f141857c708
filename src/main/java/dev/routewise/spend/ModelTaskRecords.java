package dev.routewise.spend;

import java.time.Instant;
import java.util.List;

/**
 * How models did per task, for {@link DowngradeAdvisor}. Defined here and implemented by routing, which keeps the
 * outcomes and the gateway's observations (spend must not depend on routing, which records into the ledger).
 */
public interface ModelTaskRecords {

    /** Each model's record per task since {@code since}. */
    List<ModelTaskRecord> since(Instant since);
}
