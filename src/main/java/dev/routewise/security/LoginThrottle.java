package dev.routewise.security;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pauses sign-in after repeated failures, counted both per user name (guessing one account's
 * password) and per client address (trying many accounts). In memory: a restart forgets it.
 */
@Component
class LoginThrottle {

    private static final class Attempts {
        int failures;
        Instant windowStart;
        Instant blockedUntil;
    }

    private final ConcurrentHashMap<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final SecurityProperties properties;
    private final Clock clock;

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** How long sign-in stays paused for this user name or address, if it is paused. */
    Optional<Duration> blockedFor(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(userKey(username), now), blockedUntil(addressKey(address), now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        fail(userKey(username), now);
        // an address gets a larger allowance: several people may share one (a proxy, an office)
        fail(addressKey(address), now);
    }

    void succeeded(String username) {
        attempts.remove(userKey(username));
    }

    @Scheduled(fixedDelay = 300_000)
    void forgetStale() {
        Instant now = clock.instant();
        attempts.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Attempts a = e.getValue();
                boolean blocked = a.blockedUntil != null && a.blockedUntil.isAfter(now);
                return !blocked && a.windowStart != null && a.windowStart.plus(properties.loginFailureWindow()).isBefore(now);
            }
        });
    }

    private void fail(String key, Instant now) {
        if (key == null) {
            return;
        }
        int limit = key.startsWith("a:") ? properties.loginMaxFailures() * 4 : properties.loginMaxFailures();
        Attempts a = attempts.computeIfAbsent(key, k -> new Attempts());
        synchronized (a) {
            if (a.windowStart == null || a.windowStart.plus(properties.loginFailureWindow()).isBefore(now)) {
                a.windowStart = now;
                a.failures = 0;
            }
            a.failures++;
            if (a.failures >= limit) {
                a.blockedUntil = now.plus(properties.loginLockout());
                a.failures = 0;
                a.windowStart = now;
            }
        }
    }

    private Instant blockedUntil(String key, Instant now) {
        Attempts a = key == null ? null : attempts.get(key);
        if (a == null) {
            return null;
        }
        synchronized (a) {
            return a.blockedUntil != null && a.blockedUntil.isAfter(now) ? a.blockedUntil : null;
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "u:" + username.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? null : "a:" + address;
    }
}
