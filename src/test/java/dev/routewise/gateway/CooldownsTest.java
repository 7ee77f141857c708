package dev.routewise.gateway;

import dev.routewise.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CooldownsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final Cooldowns cooldowns = new Cooldowns(clock);

    @Test
    void three_failures_in_a_row_rest_a_model_for_the_short_cooldown() {
        cooldowns.failed("a/m", 500);
        cooldowns.failed("a/m", 0);
        assertThat(cooldowns.coolingUntil("a/m")).isNull();

        cooldowns.failed("a/m", 429);
        assertThat(cooldowns.coolingUntil("a/m")).isEqualTo(clock.now().plus(Cooldowns.SHORT));

        clock.advance(Cooldowns.SHORT);
        assertThat(cooldowns.coolingUntil("a/m")).isNull();
    }

    @Test
    void a_success_ends_the_count_and_a_payment_error_rests_the_model_long_at_once() {
        cooldowns.failed("a/m", 500);
        cooldowns.failed("a/m", 500);
        cooldowns.succeeded("a/m");
        cooldowns.failed("a/m", 500);
        assertThat(cooldowns.coolingUntil("a/m")).isNull();

        cooldowns.failed("b/m", 402);
        assertThat(cooldowns.coolingUntil("b/m")).isEqualTo(clock.now().plus(Cooldowns.LONG));
    }
}
