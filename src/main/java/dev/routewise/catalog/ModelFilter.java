package dev.routewise.catalog;

import java.util.Set;

/**
 * Which models to list; null or empty parts do not filter.
 *
 * @param providers source slugs
 * @param tier      a cost tier
 * @param unpriced  true: only models without a known price
 * @param text      matched in the routing id and display name, ignoring case
 */
public record ModelFilter(Set<String> providers, CostTier tier, Modality modality, Capability capability,
                          ModelKind kind, Boolean enabled, boolean unpriced, String status, String text) {

    public static final ModelFilter ALL = new ModelFilter(null, null, null, null, null, null, false, null, null);
}
