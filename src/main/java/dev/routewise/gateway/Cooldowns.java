package dev.routewise.gateway;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models the gateway rests after failures: three failures in a row rest a model for {@link #SHORT}; a payment or
 * quota answer (402) rests it for {@link #LONG} at once. A success ends the count. In memory: a restart forgets.
 */
@Component
class Cooldowns {

    static final int FAILURES = 3;
    static final Duration SHORT = Duration.ofSeconds(30);
    static final Duration LONG = Duration.ofMinutes(10);

    private record State(int failures, Instant until) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;

    Cooldowns(Clock clock) {
        this.clock = clock;
    }

    /** When the model may be called again, or null when it may now. */
    Instant coolingUntil(String model) {
        State s = states.get(model);
        return s == null || s.until() == null || !s.until().isAfter(clock.instant()) ? null : s.until();
    }

    void succeeded(String model) {
        states.remove(model);
    }

    /** @param status the provider's HTTP status, or 0 for a connection error or timeout */
    void failed(String model, int status) {
        states.compute(model, (id, s) -> {
            if (status == 402) {
                return new State(0, clock.instant().plus(LONG));
            }
            int failures = (s == null ? 0 : s.failures()) + 1;
            return failures >= FAILURES ? new State(0, clock.instant().plus(SHORT)) : new State(failures, null);
        });
    }
}
