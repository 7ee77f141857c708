package dev.routewise.discovery;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param onStartup       discover every enabled source in the background when Routewise starts
 * @param threads         discovery runs at once (each source runs at most once at a time)
 * @param keepRuns        run history kept per source
 * @param connectTimeout  to a provider
 * @param requestTimeout  per HTTP request to a provider
 * @param maxAttempts     per request, retrying 5xx, 429 and connection errors with backoff
 * @param initialBackoff  first wait before a retry; doubles each time, with jitter
 * @param maxRetryAfter   longest Retry-After a provider may ask for before the run gives up
 * @param maxBodyMegabytes largest model list accepted
 */
@Validated
@ConfigurationProperties("routewise.discovery")
public record DiscoveryProperties(@DefaultValue("true") boolean onStartup,
                                  @Min(1) @DefaultValue("4") int threads,
                                  @Min(1) @DefaultValue("100") int keepRuns,
                                  @DefaultValue("5s") Duration connectTimeout,
                                  @DefaultValue("20s") Duration requestTimeout,
                                  @Min(1) @DefaultValue("3") int maxAttempts,
                                  @DefaultValue("500ms") Duration initialBackoff,
                                  @DefaultValue("30s") Duration maxRetryAfter,
                                  @Min(1) @DefaultValue("16") int maxBodyMegabytes) {
}
