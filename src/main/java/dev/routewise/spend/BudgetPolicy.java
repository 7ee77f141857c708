package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.routewise.base.InvalidInputException;

import java.util.Locale;

/** What a request that would exceed a budget gets: refused ({@code block}) or sent to a cheaper profile ({@code degrade}). */
public enum BudgetPolicy {
    BLOCK, DEGRADE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BudgetPolicy parse(String text) {
        for (BudgetPolicy p : values()) {
            if (p.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("policy", "Use one of block, degrade");
    }
}
