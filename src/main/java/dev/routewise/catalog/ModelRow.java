package dev.routewise.catalog;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A catalog row as stored. Sets are comma-separated keys; prices exact decimals in TEXT. */
@Table("catalog_model")
record ModelRow(@Id Long id, long sourceId, String modelId, String displayName, String kind, String costTier,
                String tierOrigin, BigDecimal inputPrice, BigDecimal outputPrice, BigDecimal cacheReadPrice,
                String priceOrigin, Integer contextTokens, Integer maxOutputTokens, String contextOrigin,
                String modalities, String capabilities, String capabilitiesOrigin, boolean enabled,
                String manualFields, String origin, String status, Instant missingSince, Instant providerCreatedAt,
                Instant firstSeenAt, Instant lastSeenAt, Long firstSeenRunId) {

    ModelRow withId(Long newId) {
        return new ModelRow(newId, sourceId, modelId, displayName, kind, costTier, tierOrigin, inputPrice,
                outputPrice, cacheReadPrice, priceOrigin, contextTokens, maxOutputTokens, contextOrigin, modalities,
                capabilities, capabilitiesOrigin, enabled, manualFields, origin, status, missingSince,
                providerCreatedAt, firstSeenAt, lastSeenAt, firstSeenRunId);
    }

    ModelRow missing(Instant since) {
        return new ModelRow(id, sourceId, modelId, displayName, kind, costTier, tierOrigin, inputPrice,
                outputPrice, cacheReadPrice, priceOrigin, contextTokens, maxOutputTokens, contextOrigin, modalities,
                capabilities, capabilitiesOrigin, enabled, manualFields, origin, "missing", since,
                providerCreatedAt, firstSeenAt, lastSeenAt, firstSeenRunId);
    }

    /** Same content, ignoring when it was seen: decides "updated" versus "unchanged". */
    boolean sameContentAs(ModelRow o) {
        return java.util.Objects.equals(displayName, o.displayName) && java.util.Objects.equals(kind, o.kind)
                && java.util.Objects.equals(costTier, o.costTier) && java.util.Objects.equals(tierOrigin, o.tierOrigin)
                && sameDecimal(inputPrice, o.inputPrice) && sameDecimal(outputPrice, o.outputPrice)
                && sameDecimal(cacheReadPrice, o.cacheReadPrice) && java.util.Objects.equals(priceOrigin, o.priceOrigin)
                && java.util.Objects.equals(contextTokens, o.contextTokens)
                && java.util.Objects.equals(maxOutputTokens, o.maxOutputTokens)
                && java.util.Objects.equals(modalities, o.modalities)
                && java.util.Objects.equals(capabilities, o.capabilities) && enabled == o.enabled
                && java.util.Objects.equals(origin, o.origin) && java.util.Objects.equals(status, o.status);
    }

    private static boolean sameDecimal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
