package dev.routewise.discovery.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient and how trusting discovery is with a provider's API.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long one request may take, headers and body together
 * @param maxAttempts    tries per request, counting the first; 1 means no retry
 * @param initialBackoff wait before the first retry; doubles per retry, with jitter
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; a provider asking for longer fails the call at once
 * @param maxBodyBytes   the largest answer read; a model list beyond it is refused rather than held in memory
 */
public record DiscoveryHttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                                    Duration initialBackoff, Duration maxRetryAfter, long maxBodyBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);
    /** OpenRouter's full list is about 0.4 MB; 16 MB leaves room for growth without trusting a runaway answer. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

    public DiscoveryHttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("initialBackoff and maxRetryAfter must not be negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
    }

    public static DiscoveryHttpSettings defaults() {
        return new DiscoveryHttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_RETRY_AFTER, DEFAULT_MAX_BODY_BYTES);
    }

    public DiscoveryHttpSettings withRequestTimeout(Duration timeout) {
        return new DiscoveryHttpSettings(connectTimeout, timeout, maxAttempts, initialBackoff, maxRetryAfter,
                maxBodyBytes);
    }

    public DiscoveryHttpSettings withMaxAttempts(int attempts) {
        return new DiscoveryHttpSettings(connectTimeout, requestTimeout, attempts, initialBackoff, maxRetryAfter,
                maxBodyBytes);
    }

    public DiscoveryHttpSettings withMaxBodyBytes(long bytes) {
        return new DiscoveryHttpSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxRetryAfter,
                bytes);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
