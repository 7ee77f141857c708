package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Who measured a ledger entry: the gateway that executed the call, or a client reporting the outcome itself. */
public enum CostSource {
    GATEWAY, OUTCOME;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CostSource parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
