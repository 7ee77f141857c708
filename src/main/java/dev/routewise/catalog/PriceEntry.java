package dev.routewise.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One model of the price catalog (LiteLLM's format), prices in US dollars per million tokens.
 * Null means the catalog does not say.
 */
public record PriceEntry(String key, String provider, String mode, Integer maxInputTokens, Integer maxOutputTokens,
                         BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cacheReadPerMTok,
                         Boolean vision, Boolean tools, Boolean structuredOutput, Boolean reasoning,
                         Boolean audioInput, Boolean pdfInput, LocalDate deprecationDate) {

    public boolean priced() {
        return inputPerMTok != null && outputPerMTok != null;
    }
}
