package dev.routewise.classify.engine;

import java.util.Locale;

/** How much a prompt needs a strong model, in the four levels of the HTTP contract. */
public enum Complexity {
    SIMPLE, MEDIUM, COMPLEX, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
