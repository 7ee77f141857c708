package dev.routewise.catalog;

import java.util.Locale;

/** How expensive a model is, inferred from its prices (see {@link CatalogProperties}) or set by hand. */
public enum CostTier {
    LOW, MEDIUM, HIGH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CostTier fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
