package dev.routewise.catalog;

import java.time.Instant;

/**
 * Which price catalog is in use.
 *
 * @param source   "shipped snapshot", a URL or an uploaded file name
 * @param loadedAt null for the shipped snapshot
 */
public record PriceCatalogInfo(String source, Instant loadedAt, String loadedBy, int entries) {
}
