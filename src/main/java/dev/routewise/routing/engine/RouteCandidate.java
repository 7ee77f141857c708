package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A catalog model as the router sees it.
 *
 * @param id                  the routing id, {@code <source slug>/<provider model id>}
 * @param provider            the source's slug: fallbacks prefer another one, since a source fails as a whole
 * @param costTier            null when unknown
 * @param inputPricePerMTok   USD per million input tokens; null = unpriced (never treated as free)
 * @param contextTokens       null when unknown
 * @param status              active, missing or deprecated
 * @param sourceHealthy       false when the source's last discovery or calls failed
 * @param observedP50LatencyMs null until outcomes have been recorded
 */
public record RouteCandidate(String id, String provider, ModelKind kind, CostTier costTier,
                             BigDecimal inputPricePerMTok, BigDecimal outputPricePerMTok, Integer contextTokens,
                             Integer maxOutputTokens, Set<Modality> modalities, Set<Capability> capabilities,
                             boolean enabled, String status, boolean sourceHealthy, Integer observedP50LatencyMs) {

    public RouteCandidate {
        Objects.requireNonNull(id, "id");
        provider = provider == null ? "" : provider;
        kind = kind == null ? ModelKind.OTHER : kind;
        modalities = modalities == null || modalities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modalities));
        capabilities = capabilities == null || capabilities.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(capabilities));
        status = status == null ? "active" : status;
        if (inputPricePerMTok != null && inputPricePerMTok.signum() < 0
                || outputPricePerMTok != null && outputPricePerMTok.signum() < 0) {
            throw new IllegalArgumentException("negative price for " + id);
        }
    }

    public static RouteCandidate from(CatalogModel m, boolean sourceHealthy) {
        return new RouteCandidate(m.id(), m.provider(), m.kind(), m.costTier(), m.inputPricePerMTok(),
                m.outputPricePerMTok(), m.contextTokens(), m.maxOutputTokens(), m.modalities(), m.capabilities(),
                m.enabled(), m.status(), sourceHealthy, null);
    }

    public RouteCandidate withObservedLatency(Integer p50Ms) {
        return new RouteCandidate(id, provider, kind, costTier, inputPricePerMTok, outputPricePerMTok, contextTokens,
                maxOutputTokens, modalities, capabilities, enabled, status, sourceHealthy, p50Ms);
    }

    public boolean priced() {
        return inputPricePerMTok != null && outputPricePerMTok != null;
    }

    /** Image input is declared either as a modality or as the vision capability. */
    public boolean accepts(Modality modality) {
        return modalities.contains(modality)
                || modality == Modality.IMAGE && capabilities.contains(Capability.VISION)
                || modality == Modality.TEXT && kind == ModelKind.CHAT && modalities.isEmpty();
    }

    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * The exact cost of the given tokens in USD, or null when unpriced: tokens x price per million,
     * computed in BigDecimal without rounding.
     */
    public BigDecimal estimateCostUsd(long inputTokens, long outputTokens) {
        if (!priced()) {
            return null;
        }
        return BigDecimal.valueOf(inputTokens).multiply(inputPricePerMTok)
                .add(BigDecimal.valueOf(outputTokens).multiply(outputPricePerMTok))
                .movePointLeft(6).stripTrailingZeros();
    }
}
