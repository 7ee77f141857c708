package dev.routewise.gateway;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models the gateway rests after failures: {@code cooldownFailures} transient failures in a row rest a model for
 * {@code cooldown}; a quota, payment or key error rests it for {@code quotaCooldown} at once. A success ends the
 * count. In memory: a restart forgets.
 */
@Component
class Cooldowns {

    private record State(int failures, Instant until) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private final GatewayProperties properties;

    Cooldowns(Clock clock, GatewayProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** When the model may be called again, or null when it may now. */
    Instant coolingUntil(String model) {
        State s = states.get(model);
        return s == null || s.until() == null || !s.until().isAfter(clock.instant()) ? null : s.until();
    }

    void succeeded(String model) {
        if (!states.isEmpty()) {
            states.remove(model);
        }
    }

    /** A transient failure; answers when the model now rests until, or null when it does not rest yet. */
    Instant failed(String model) {
        State s = states.compute(model, (id, old) -> {
            int failures = (old == null ? 0 : old.failures()) + 1;
            return failures >= properties.cooldownFailures()
                    ? new State(0, clock.instant().plus(properties.cooldown())) : new State(failures, null);
        });
        return s.until();
    }

    /** Rests the model at once for {@code quotaCooldown}; answers until when. */
    Instant rest(String model) {
        return rest(model, properties.quotaCooldown());
    }

    Instant rest(String model, Duration duration) {
        Instant until = clock.instant().plus(duration);
        states.put(model, new State(0, until));
        return until;
    }
}
