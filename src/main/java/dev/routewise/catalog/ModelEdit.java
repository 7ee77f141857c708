package dev.routewise.catalog;

import java.math.BigDecimal;

/**
 * A hand edit of a model. Each part is applied only when its {@code set...} flag is true; a set
 * part becomes a manual field that discovery keeps. Setting a price to null marks the model
 * unpriced on purpose.
 */
public record ModelEdit(boolean setDisplayName, String displayName, boolean setTier, CostTier tier,
                        boolean setPrices, BigDecimal inputPricePerMTok, BigDecimal outputPricePerMTok,
                        boolean setEnabled, boolean enabled) {
}
