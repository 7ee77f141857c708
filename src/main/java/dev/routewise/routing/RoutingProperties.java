package dev.routewise.routing;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param defaultProfile      profile used when a request names none
 * @param decisionQueue       decisions waiting to be written; when full, new ones are counted as dropped
 * @param decisionBatch       decisions written per transaction
 * @param decisionFlushEvery  how often the writer wakes up when the queue is not full
 * @param cacheTtl            how long a decision is reused for an identical request; 0 turns the cache off
 * @param cacheSize           decisions kept at most in that cache
 * @param presets             whether built-in profiles start with seed 000's task presets on (changeable at run time)
 */
@Validated
@ConfigurationProperties("routewise.routing")
public record RoutingProperties(@DefaultValue("balanced") String defaultProfile,
                                @Min(1) @DefaultValue("10000") int decisionQueue,
                                @Min(1) @DefaultValue("500") int decisionBatch,
                                @DefaultValue("200ms") Duration decisionFlushEvery,
                                @DefaultValue("30s") Duration cacheTtl,
                                @Min(0) @DefaultValue("10000") int cacheSize,
                                @DefaultValue("true") boolean presets) {
}
