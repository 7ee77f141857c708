package dev.routewise.discovery.client;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A DiscoveryHttp with short timeouts whose waits between attempts are recorded instead of spent. */
final class TestHttp {

    static final String KEY = "sk-test-SECRET-0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final DiscoveryHttp http;

    TestHttp() {
        this(settings());
    }

    TestHttp(DiscoveryHttpSettings settings) {
        this.http = new DiscoveryHttp(settings, JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
                waits::add);
    }

    /** 2 s timeouts, 3 attempts, 10 ms first backoff, Retry-After up to 5 s, 1 MB bodies. */
    static DiscoveryHttpSettings settings() {
        return new DiscoveryHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10),
                Duration.ofSeconds(5), 1024 * 1024);
    }
}
