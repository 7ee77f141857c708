package dev.routewise.gateway;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the gateway calls providers.
 *
 * @param connectTimeout       to open a connection to a provider
 * @param attemptTimeout       one call, until its answer (or, streaming, its first event) and between two events
 * @param totalTimeout         a whole request, every attempt and pause included
 * @param retries              calls of the same model again after a transient failure, before the next model
 * @param initialBackoff       pause before the first retry; doubled each time, with up to 50 % jitter
 * @param maxBackoff           the longest pause; a Retry-After longer than this moves on to the next model instead
 * @param cooldownFailures     failures in a row that rest a model
 * @param cooldown             how long such a model rests
 * @param quotaCooldown        how long a model rests after a quota, payment or key error
 * @param contentPolicyFallback whether a prompt refused by one provider's content policy goes to the next model
 * @param callQueue            gateway call records waiting to be written
 */
@Validated
@ConfigurationProperties("routewise.gateway")
public record GatewayProperties(@DefaultValue("10s") Duration connectTimeout,
                                @DefaultValue("120s") Duration attemptTimeout,
                                @DefaultValue("300s") Duration totalTimeout,
                                @Min(0) @DefaultValue("1") int retries,
                                @DefaultValue("250ms") Duration initialBackoff,
                                @DefaultValue("5s") Duration maxBackoff,
                                @Min(1) @DefaultValue("3") int cooldownFailures,
                                @DefaultValue("30s") Duration cooldown,
                                @DefaultValue("10m") Duration quotaCooldown,
                                @DefaultValue("false") boolean contentPolicyFallback,
                                @Min(1) @DefaultValue("10000") int callQueue) {
}
