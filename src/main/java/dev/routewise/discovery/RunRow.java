package dev.routewise.discovery;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

@Table("discovery_run")
record RunRow(@Id Long id, long sourceId, String trigger, Instant startedAt, Instant finishedAt, String status,
              Integer listed, int added, int updated, int removed, int unchanged, String error) {

    RunRow withId(Long newId) {
        return new RunRow(newId, sourceId, trigger, startedAt, finishedAt, status, listed, added, updated, removed,
                unchanged, error);
    }

    DiscoveryRun toRun(String sourceName) {
        return new DiscoveryRun(id, sourceId, sourceName, trigger, startedAt, finishedAt, status, listed, added,
                updated, removed, unchanged, error);
    }
}
