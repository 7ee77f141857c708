package dev.routewise.gateway;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** Pauses between retries of one model: exponential backoff with jitter, or what the provider asked for. */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * The pause before retry number {@code retry} (1 for the first): {@code initial * 2^(retry-1)}, at most
     * {@code max}, less up to half of it at random so that clients that failed together do not retry together.
     */
    static Duration backoff(int retry, Duration initial, Duration max) {
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, retry - 1));
        long jitter = base <= 1 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(base - jitter);
    }

    /**
     * The provider's {@code Retry-After} (seconds or an HTTP date) or {@code retry-after-ms}, or null when it gave
     * none.
     */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        String ms = headers.firstValue("retry-after-ms").orElse(null);
        if (ms != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.strip())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String value = headers.firstValue("retry-after").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value.strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
