package dev.routewise.catalog;

import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How cost tiers are inferred from prices. A model's blended price is
 * {@code (3 x input + 1 x output) / 4} US dollars per million tokens (prompts are usually
 * longer than answers); up to {@code lowMax} it is low, up to {@code mediumMax} medium, above
 * that high. With the defaults: GPT-4o mini, Gemini Flash and Claude Haiku 4.5 are low,
 * GPT-4o and Claude Sonnet 4.5 medium, Claude Opus high. An unpriced model has no tier.
 */
@Validated
@ConfigurationProperties("routewise.catalog.tiers")
public record CatalogProperties(@DecimalMin("0") @DefaultValue("2.00") BigDecimal lowMax,
                                @DecimalMin("0") @DefaultValue("8.00") BigDecimal mediumMax) {

    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    public static BigDecimal blended(BigDecimal input, BigDecimal output) {
        return input.multiply(THREE).add(output).divide(FOUR, 6, RoundingMode.HALF_UP);
    }

    /** The tier of a priced model; null when either price is unknown. */
    public CostTier tierFor(BigDecimal input, BigDecimal output) {
        if (input == null || output == null) {
            return null;
        }
        BigDecimal blended = blended(input, output);
        if (blended.compareTo(lowMax) <= 0) {
            return CostTier.LOW;
        }
        return blended.compareTo(mediumMax) <= 0 ? CostTier.MEDIUM : CostTier.HIGH;
    }
}
