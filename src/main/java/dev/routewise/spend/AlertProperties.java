package dev.routewise.spend;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How alerts are posted to the webhook. A post that fails with 5xx, 429 or a connection error is retried after
 * {@code initialBackoff}, then {@code initialBackoff * backoffFactor}, ... (1 s, 4 s, 16 s by default); a 4xx other
 * than 429 is a refusal that retrying cannot fix.
 *
 * @param retries        posts after the first
 * @param connectTimeout to open a connection to the webhook
 * @param timeout        one post, until its answer
 * @param queue          crossed thresholds waiting to be stored; beyond that they are dropped and counted
 */
@Validated
@ConfigurationProperties("routewise.alerts")
public record AlertProperties(@Min(0) @DefaultValue("3") int retries,
                              @NotNull @DefaultValue("1s") Duration initialBackoff,
                              @Min(1) @DefaultValue("4") int backoffFactor,
                              @NotNull @DefaultValue("5s") Duration connectTimeout,
                              @NotNull @DefaultValue("10s") Duration timeout,
                              @Min(1) @DefaultValue("1000") int queue) {

    /** The pause before retry {@code n} (1-based). */
    Duration backoff(int n) {
        long factor = 1;
        for (int i = 1; i < n; i++) {
            factor = Math.multiplyExact(factor, backoffFactor);
        }
        return initialBackoff.multipliedBy(factor);
    }
}
