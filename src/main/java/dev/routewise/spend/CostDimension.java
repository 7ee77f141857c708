package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.routewise.base.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a cost report groups by: the dimensions the ledger's aggregates are kept per. */
public enum CostDimension {
    MODEL, PROVIDER, TASK, PROFILE, USER, TEAM, KEY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code groupBy} parameter; blank means model. */
    public static CostDimension parse(String text) {
        if (text == null || text.isBlank()) {
            return MODEL;
        }
        for (CostDimension d : values()) {
            if (d.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new InvalidInputException("groupBy", "Group by " + Arrays.stream(values()).map(CostDimension::wire)
                .collect(Collectors.joining(", ")) + ", not '" + text + "'");
    }

    /** Its position among the aggregates' key columns ({@link CostLedger#DIMENSIONS}). */
    int index() {
        return ordinal();
    }
}
