package dev.routewise.catalog;

import java.util.Objects;

/**
 * The source a listing belongs to, as the catalog needs it.
 *
 * @param slug        the source's short name, the first part of its models' routing ids ({@code openai/gpt-4o})
 * @param providerKey the source's API type key, e.g. {@code google} or {@code openai-compatible}
 */
public record SourceRef(long id, String slug, String providerKey) {

    public SourceRef {
        Objects.requireNonNull(slug);
        Objects.requireNonNull(providerKey);
    }
}
