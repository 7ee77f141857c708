package dev.routewise.catalog;

/** What applying one listing changed in the catalog. */
public record ApplyResult(int listed, int added, int updated, int removed, int unchanged) {
}
