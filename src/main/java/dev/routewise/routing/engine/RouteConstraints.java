package dev.routewise.routing.engine;

import dev.routewise.catalog.Modality;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code constraints} object of a /api/v1/route request (../shared/API.md). Every field is optional:
 * null (or empty) means no constraint.
 *
 * @param maxCostUsd       cap on the estimated cost of this request
 * @param minQuality       minimum general quality, 0..100 (the {@link QualityTable} scale)
 * @param maxLatencyMs     cap on the observed (or tier default) p50 latency
 * @param modalities       input modalities the model must accept, on top of the request's own
 * @param minContextTokens minimum context window
 * @param allowedModels    when not empty, only models matching one of these globs
 * @param excludedModels   models matching any of these globs are never picked
 */
public record RouteConstraints(BigDecimal maxCostUsd, Double minQuality, Integer maxLatencyMs, Set<Modality> modalities,
                               Integer minContextTokens, List<ModelPattern> allowedModels,
                               List<ModelPattern> excludedModels) {

    public static final RouteConstraints NONE = new RouteConstraints(null, null, null, Set.of(), null, List.of(),
            List.of());

    public RouteConstraints {
        if (maxCostUsd != null && maxCostUsd.signum() < 0) {
            throw new IllegalArgumentException("maxCostUsd must not be negative");
        }
        if (minQuality != null && !(minQuality >= 0 && minQuality <= 100)) {
            throw new IllegalArgumentException("minQuality must be in [0,100]");
        }
        if (maxLatencyMs != null && maxLatencyMs <= 0) {
            throw new IllegalArgumentException("maxLatencyMs must be positive");
        }
        if (minContextTokens != null && minContextTokens < 0) {
            throw new IllegalArgumentException("minContextTokens must not be negative");
        }
        modalities = modalities == null || modalities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modalities));
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        excludedModels = excludedModels == null ? List.of() : List.copyOf(excludedModels);
    }

    public RouteConstraints withMaxCostUsd(BigDecimal v) {
        return new RouteConstraints(v, minQuality, maxLatencyMs, modalities, minContextTokens, allowedModels,
                excludedModels);
    }

    public RouteConstraints withMinQuality(Double v) {
        return new RouteConstraints(maxCostUsd, v, maxLatencyMs, modalities, minContextTokens, allowedModels,
                excludedModels);
    }

    public RouteConstraints withMaxLatencyMs(Integer v) {
        return new RouteConstraints(maxCostUsd, minQuality, v, modalities, minContextTokens, allowedModels,
                excludedModels);
    }

    public RouteConstraints withModalities(Set<Modality> v) {
        return new RouteConstraints(maxCostUsd, minQuality, maxLatencyMs, v, minContextTokens, allowedModels,
                excludedModels);
    }

    public RouteConstraints withMinContextTokens(Integer v) {
        return new RouteConstraints(maxCostUsd, minQuality, maxLatencyMs, modalities, v, allowedModels,
                excludedModels);
    }

    public RouteConstraints withAllowedModels(List<String> globs) {
        return new RouteConstraints(maxCostUsd, minQuality, maxLatencyMs, modalities, minContextTokens,
                ModelPattern.all(globs), excludedModels);
    }

    public RouteConstraints withExcludedModels(List<String> globs) {
        return new RouteConstraints(maxCostUsd, minQuality, maxLatencyMs, modalities, minContextTokens, allowedModels,
                ModelPattern.all(globs));
    }
}
