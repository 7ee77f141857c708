package dev.routewise.catalog;

import java.util.Locale;

/** What a model takes as input (or, for {@link #EMBEDDING}, that it only embeds). */
public enum Modality {
    TEXT, IMAGE, AUDIO, VIDEO, FILE, EMBEDDING;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Modality fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
