package dev.routewise.discovery;

import java.time.Instant;
import java.util.List;

/**
 * A model source as the console and the API show it: the API key only as a masked hint.
 *
 * @param slug            short name, the first part of its models' ids ({@code openai/gpt-4o}); fixed at creation
 * @param schedule        ISO-8601 duration or cron expression; null for manual discovery only
 * @param extraHeaderNames names of the extra headers sent to the provider (their values are secret)
 * @param lastRun         the latest finished run, null before the first
 */
public record ModelSource(long id, String name, String slug, SourceType type, String baseUrl, String apiKeyHint,
                          String docUrl, boolean enabled, String schedule, List<String> extraHeaderNames,
                          long models, boolean usingFallbacks, DiscoveryRun lastRun, boolean running,
                          Instant createdAt) {

    public boolean hasApiKey() {
        return apiKeyHint != null;
    }
}
