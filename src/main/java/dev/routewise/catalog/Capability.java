package dev.routewise.catalog;

import java.util.Locale;

/** What a model can do beyond plain text generation. */
public enum Capability {
    TOOLS, STRUCTURED_OUTPUT, STREAMING, VISION, REASONING;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Capability fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
