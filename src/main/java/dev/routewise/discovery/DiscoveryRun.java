package dev.routewise.discovery;

import java.time.Duration;
import java.time.Instant;

/**
 * One discovery run of a source, as history shows it.
 *
 * @param trigger startup, created, key-changed, manual, schedule, api
 * @param status  running, ok or failed
 * @param listed  how many models the provider listed; null when the run failed before that
 */
public record DiscoveryRun(long id, long sourceId, String sourceName, String trigger, Instant startedAt,
                           Instant finishedAt, String status, Integer listed, int added, int updated, int removed,
                           int unchanged, String error) {

    public boolean ok() {
        return "ok".equals(status);
    }

    public boolean running() {
        return "running".equals(status);
    }

    public Duration duration() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
