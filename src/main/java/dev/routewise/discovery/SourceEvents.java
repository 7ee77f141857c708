package dev.routewise.discovery;

/** What happened to sources, for discovery scheduling and the views. */
final class SourceEvents {

    private SourceEvents() {
    }

    /** A source was created or changed; {@code rediscover} when its endpoint or key changed. */
    record SourceSaved(long sourceId, boolean created, boolean rediscover) {
    }

    record SourceDeleted(long sourceId) {
    }
}
