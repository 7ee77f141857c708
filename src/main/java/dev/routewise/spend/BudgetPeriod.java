package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.routewise.base.InvalidInputException;

import java.util.Locale;

/**
 * The window a budget's limit applies to: a calendar day or month in the configured time zone, or each request on
 * its own (a cap on one call's estimated cost).
 */
public enum BudgetPeriod {
    DAY, MONTH, REQUEST;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BudgetPeriod parse(String text) {
        for (BudgetPeriod p : values()) {
            if (p.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("period", "Use one of day, month, request");
    }
}
