package dev.routewise.gateway;

import org.springframework.stereotype.Component;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the gateway under providers' rate limits instead of running into their 429s. Two sources: what providers
 * say in their answers' headers (OpenAI, Groq, DeepSeek and xAI {@code x-ratelimit-remaining-requests/-tokens} with
 * {@code x-ratelimit-reset-*}; Anthropic {@code anthropic-ratelimit-*}; OpenRouter {@code x-ratelimit-remaining} and
 * {@code x-ratelimit-reset}), and the requests and tokens per minute configured per model, counted here over a
 * sliding minute. In memory: a restart forgets what providers said.
 */
@Component
class RateLimits {

    /** A configured limit; null fields are unlimited. */
    record Limit(Integer rpm, Integer tpm) {
    }

    /** Why a model may not be called now and until when. */
    record Blocked(Instant until, String reason) {
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    /** What a provider's headers said: requests and tokens left, and when each count resets. */
    private record Reported(long requestsLeft, Instant requestsReset, long tokensLeft, Instant tokensReset) {
    }

    /** Calls and tokens in the last minute, for configured limits. */
    private static final class Window {
        private final ArrayDeque<long[]> calls = new ArrayDeque<>();
        private long tokens;

        synchronized void drop(long before) {
            while (!calls.isEmpty() && calls.peekFirst()[0] < before) {
                tokens -= calls.pollFirst()[1];
            }
        }
    }

    private final Clock clock;
    private final Map<String, Reported> reported = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile Map<String, Limit> configured = Map.of();

    RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** Replaces the configured limits (model id to limit). */
    void configure(Map<String, Limit> limits) {
        configured = Map.copyOf(limits);
    }

    /**
     * Whether calling {@code model} now with about {@code tokens} tokens would go over a limit; when it would
     * not, counts the call (and its tokens) against the configured limits.
     */
    Optional<Blocked> acquire(String model, long tokens) {
        Instant now = clock.instant();
        Reported r = reported.get(model);
        if (r != null) {
            if (r.requestsLeft() <= 0 && r.requestsReset() != null && r.requestsReset().isAfter(now)) {
                return Optional.of(new Blocked(r.requestsReset(), "the provider reported no requests left"));
            }
            if (r.tokensLeft() >= 0 && r.tokensLeft() < tokens && r.tokensReset() != null
                    && r.tokensReset().isAfter(now)) {
                return Optional.of(new Blocked(r.tokensReset(), "the provider reported " + r.tokensLeft()
                        + " tokens left, this request needs about " + tokens));
            }
        }
        Limit limit = configured.get(model);
        if (limit == null) {
            return Optional.empty();
        }
        Window w = windows.computeIfAbsent(model, m -> new Window());
        long nowMillis = now.toEpochMilli();
        synchronized (w) {
            w.drop(nowMillis - MINUTE.toMillis());
            Instant freeAt = w.calls.isEmpty() ? now : Instant.ofEpochMilli(w.calls.peekFirst()[0]).plus(MINUTE);
            if (limit.rpm() != null && w.calls.size() >= limit.rpm()) {
                return Optional.of(new Blocked(freeAt, "its limit of " + limit.rpm() + " requests a minute"));
            }
            if (limit.tpm() != null && w.tokens + tokens > limit.tpm() && !w.calls.isEmpty()) {
                return Optional.of(new Blocked(freeAt, "its limit of " + limit.tpm() + " tokens a minute"));
            }
            w.calls.addLast(new long[]{nowMillis, tokens});
            w.tokens += tokens;
        }
        return Optional.empty();
    }

    /** Corrects the last counted call's tokens by what the provider reported it used. */
    void used(String model, long estimated, long actual) {
        Window w = windows.get(model);
        if (w == null || actual == estimated) {
            return;
        }
        synchronized (w) {
            w.tokens += actual - estimated;
        }
    }

    /** Reads the limits a provider reported with an answer. */
    void observe(String model, HttpHeaders h) {
        Instant now = clock.instant();
        long requestsLeft = number(h, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining",
                "x-ratelimit-remaining");
        long tokensLeft = number(h, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining",
                "anthropic-ratelimit-input-tokens-remaining");
        if (requestsLeft < 0 && tokensLeft < 0) {
            return;
        }
        Instant requestsReset = reset(h, now, "x-ratelimit-reset-requests", "anthropic-ratelimit-requests-reset",
                "x-ratelimit-reset");
        Instant tokensReset = reset(h, now, "x-ratelimit-reset-tokens", "anthropic-ratelimit-tokens-reset",
                "anthropic-ratelimit-input-tokens-reset");
        reported.put(model, new Reported(requestsLeft, requestsReset, tokensLeft, tokensReset));
    }

    /** A 429: the model is limited until the provider's Retry-After (or a short while when it gave none). */
    void limited(String model, Instant until) {
        reported.put(model, new Reported(0, until, -1, null));
    }

    private static long number(HttpHeaders h, String... names) {
        for (String n : names) {
            Optional<String> v = h.firstValue(n);
            if (v.isPresent()) {
                try {
                    return (long) Double.parseDouble(v.get().strip());
                } catch (NumberFormatException ignored) {
                    // try the next spelling
                }
            }
        }
        return -1;
    }

    /** A reset as a duration ("6m0s", "1.5s", "20ms"), an RFC 3339 time, or epoch seconds or milliseconds. */
    static Instant reset(HttpHeaders h, Instant now, String... names) {
        for (String n : names) {
            String v = h.firstValue(n).map(String::strip).orElse(null);
            if (v == null || v.isEmpty()) {
                continue;
            }
            if (v.chars().allMatch(Character::isDigit)) {
                long epoch = Long.parseLong(v);
                return epoch > 100_000_000_000L ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch);
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notATime) {
                Duration d = duration(v);
                if (d != null) {
                    return now.plus(d);
                }
            }
        }
        return null;
    }

    /** OpenAI's reset durations: "1s", "6m0s", "59.99s", "20ms", "1h2m3s". */
    static Duration duration(String v) {
        Matcher m = DURATION_PART.matcher(v);
        double millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            end = m.end();
        }
        return end == v.length() && end > 0 ? Duration.ofMillis((long) Math.ceil(millis)) : null;
    }
}
