package dev.routewise.base.db;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long raw records are kept before the daily {@link RetentionJob} deletes them. Aggregates are never deleted.
 *
 * @param decisions routing decisions with their outcomes, and the gateway's calls, attempts and events
 * @param ledger    the cost ledger's per-call rows (its daily and monthly aggregates stay)
 * @param chunk     rows deleted per transaction
 */
@Validated
@ConfigurationProperties("routewise.retention")
public record RetentionProperties(@NotNull @DefaultValue("P90D") Duration decisions,
                                  @NotNull @DefaultValue("P400D") Duration ledger,
                                  @Min(1) @DefaultValue("500") int chunk) {

    public static final String DECISIONS = "decisions";
    public static final String LEDGER = "ledger";

    public RetentionProperties {
        if (decisions != null && (decisions.isNegative() || decisions.isZero())) {
            throw new IllegalArgumentException("routewise.retention.decisions must be a positive duration, e.g. P90D");
        }
        if (ledger != null && (ledger.isNegative() || ledger.isZero())) {
            throw new IllegalArgumentException("routewise.retention.ledger must be a positive duration, e.g. P400D");
        }
    }

    /** The retention period of a kind of records; fails for a kind no property configures. */
    public Duration of(String kind) {
        return switch (kind) {
            case DECISIONS -> decisions;
            case LEDGER -> ledger;
            default -> throw new IllegalStateException("No retention period is configured for records of kind '"
                    + kind + "'; use " + DECISIONS + " or " + LEDGER);
        };
    }
}
