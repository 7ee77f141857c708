package dev.routewise.security;

import dev.routewise.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final SecurityProperties properties = new SecurityProperties("admin", "", "", 5,
            Duration.ofMinutes(15), Duration.ofMinutes(15), 10);
    private final LoginThrottle throttle = new LoginThrottle(properties, clock);

    @Test
    void sign_in_pauses_after_five_failures_for_one_user() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(throttle.blockedFor("alice", "10.0.0.9")).isEmpty();

        throttle.failed("Alice", "10.0.0.2");

        assertThat(throttle.blockedFor("ALICE", "10.0.0.9")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.blockedFor("bob", "10.0.0.9")).isEmpty();
    }

    @Test
    void the_pause_ends_after_the_lockout() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(throttle.blockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void failures_outside_the_window_are_forgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.blockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void one_address_trying_many_accounts_is_paused_too() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.66");
        }

        assertThat(throttle.blockedFor("someone-else", "10.0.0.66")).isPresent();
        assertThat(throttle.blockedFor("someone-else", "10.0.0.1")).isEmpty();
    }

    @Test
    void a_successful_sign_in_clears_the_user_count() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.blockedFor("alice", "10.0.0.2")).isEmpty();
    }
}
