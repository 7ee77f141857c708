package dev.routewise.classify.engine;

/** A sentence-embedding model that runs in-process. Implementations must be thread-safe. */
public interface Embedder {

    /** A unit-length vector for the text. */
    float[] embed(String text);

    int dimension();

    String name();
}
