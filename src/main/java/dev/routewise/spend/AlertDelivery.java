package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where an alert's webhook post stands: {@code pending} while attempts remain, {@code sent} once the webhook answered
 * 2xx, {@code failed} after a refusal or the last retry, {@code none} when no webhook was enabled when it was raised.
 */
public enum AlertDelivery {
    PENDING, SENT, FAILED, NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AlertDelivery parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
