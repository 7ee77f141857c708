package dev.routewise.gateway;

import java.time.Duration;

/** Gateway settings for plain unit tests, the shipped defaults unless named. */
final class GatewayTestProperties {

    private GatewayTestProperties() {
    }

    static GatewayProperties with(int cooldownFailures, Duration cooldown, Duration quotaCooldown) {
        return new GatewayProperties(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(300), 1,
                Duration.ofMillis(250), Duration.ofSeconds(5), cooldownFailures, cooldown, quotaCooldown, false,
                10_000);
    }
}
