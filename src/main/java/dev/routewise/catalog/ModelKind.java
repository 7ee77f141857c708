package dev.routewise.catalog;

import java.util.Locale;

/** What a listed model is for; only {@link #CHAT} models are routed for chat completions. */
public enum ModelKind {
    CHAT, EMBEDDING, IMAGE, AUDIO, MODERATION, OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
