package dev.routewise.classify.engine;

import java.util.Locale;

/** Which tier decided a classification. */
public enum Tier {
    /** The request said so: an explicit task, a space, an area that locks a model. */
    CONTEXT,
    /** Fast signals (code fences, stack traces, intent verbs...) were decisive, or embeddings are not loaded yet. */
    SIGNALS,
    /** Sentence embeddings and cluster similarity, combined with the signals in a linear model. */
    EMBEDDING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
