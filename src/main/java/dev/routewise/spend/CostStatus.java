package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Whether a ledger entry's actual cost is known. Only {@code KNOWN} and {@code NONE} have an actual cost; the others
 * are reported apart, at their estimate, and never summed as $0.
 */
public enum CostStatus {
    /** Priced usage: the actual cost is exact. */
    KNOWN,
    /** The provider reported no usage (e.g. a stream cut short): it most likely billed the call. */
    UNKNOWN_USAGE,
    /** Tokens are known but the model has no price in the catalog. */
    UNPRICED,
    /** No provider produced anything (every attempt failed before an answer): nothing to pay, $0. */
    NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The gateway's and the database's spelling; an unknown value counts as unknown usage, never as free. */
    public static CostStatus parse(String value) {
        for (CostStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        return UNKNOWN_USAGE;
    }

    /** Whether an entry with this status has an actual cost (zero for {@code NONE}). */
    public boolean known() {
        return this == KNOWN || this == NONE;
    }
}
