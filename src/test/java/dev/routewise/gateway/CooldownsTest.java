package dev.routewise.gateway;

import dev.routewise.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CooldownsTest {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final Duration LONG = Duration.ofMinutes(10);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final Cooldowns cooldowns = new Cooldowns(clock, GatewayTestProperties.with(3, SHORT, LONG));

    @Test
    void three_failures_in_a_row_rest_a_model_for_the_short_cooldown() {
        assertThat(cooldowns.failed("a/m")).isNull();
        assertThat(cooldowns.failed("a/m")).isNull();
        assertThat(cooldowns.coolingUntil("a/m")).isNull();

        assertThat(cooldowns.failed("a/m")).isEqualTo(clock.now().plus(SHORT));
        assertThat(cooldowns.coolingUntil("a/m")).isEqualTo(clock.now().plus(SHORT));

        clock.advance(SHORT);
        assertThat(cooldowns.coolingUntil("a/m")).isNull();
    }

    @Test
    void a_success_ends_the_count_and_a_quota_error_rests_the_model_long_at_once() {
        cooldowns.failed("a/m");
        cooldowns.failed("a/m");
        cooldowns.succeeded("a/m");
        cooldowns.failed("a/m");
        assertThat(cooldowns.coolingUntil("a/m")).isNull();

        cooldowns.rest("b/m");
        assertThat(cooldowns.coolingUntil("b/m")).isEqualTo(clock.now().plus(LONG));
    }
}
