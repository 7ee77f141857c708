package dev.routewise.catalog;

/** The catalog changed: a discovery run applied, or a model was edited. {@code sourceId} is null when several changed. */
public record CatalogChanged(Long sourceId) {
}
