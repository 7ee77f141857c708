package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.routewise.base.InvalidInputException;

import java.util.Locale;

/** Whose calls a budget counts: everyone's, one team's, one API key's or one user's. */
public enum BudgetScope {
    GLOBAL, TEAM, KEY, USER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BudgetScope parse(String text) {
        for (BudgetScope s : values()) {
            if (s.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new InvalidInputException("scope", "Use one of global, team, key, user");
    }
}
