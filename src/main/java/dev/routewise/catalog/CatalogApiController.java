package dev.routewise.catalog;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** REST for the model catalog and the price catalog (../shared/API.md, "Catalog and discovery"). */
@RestController
@RequestMapping("/api/v1")
class CatalogApiController {

    /** A model as the API shows it. */
    record ModelJson(String id, long rowId, String provider, String providerType, String modelId, String displayName,
                     String kind, String costTier, BigDecimal inputPricePerMTok, BigDecimal outputPricePerMTok,
                     BigDecimal cacheReadPricePerMTok, boolean priced, String priceOrigin, Integer contextTokens,
                     Integer maxOutputTokens, List<String> modalities, List<String> capabilities, boolean enabled,
                     String source, String origin, String status, List<String> manualFields, Instant discoveredAt,
                     Instant lastSeenAt, boolean newSinceLastRun) {

        static ModelJson of(CatalogModel m) {
            return new ModelJson(m.id(), m.rowId(), m.provider(), m.providerType(), m.modelId(), m.displayName(),
                    m.kind().key(), m.costTier() == null ? null : m.costTier().key(), m.inputPricePerMTok(),
                    m.outputPricePerMTok(), m.cacheReadPricePerMTok(), m.priced(), m.priceOrigin(),
                    m.contextTokens(), m.maxOutputTokens(), m.modalities().stream().map(Modality::key).toList(),
                    m.capabilities().stream().map(Capability::key).toList(), m.enabled(), m.sourceName(), m.origin(),
                    m.status(), List.copyOf(m.manualFields()), m.firstSeenAt(), m.lastSeenAt(), m.newSinceLastRun());
        }
    }

    record ModelPage(List<ModelJson> items, int page, int size, long total) {
    }

    /** A hand edit: only the fields present are changed. {@code "unpriced": true} clears both prices. */
    record ModelPatch(String displayName, String costTier, BigDecimal inputPricePerMTok, BigDecimal outputPricePerMTok,
                      Boolean unpriced, Boolean enabled) {
    }

    record BulkEnable(List<Long> ids, boolean enabled) {
    }

    record RefreshRequest(String url) {
    }

    private final CatalogService catalog;
    private final PriceCatalogService prices;

    CatalogApiController(CatalogService catalog, PriceCatalogService prices) {
        this.catalog = catalog;
        this.prices = prices;
    }

    @GetMapping("/models")
    ModelPage models(@RequestParam(required = false) List<String> provider,
                     @RequestParam(required = false) String tier,
                     @RequestParam(required = false) String modality,
                     @RequestParam(required = false) String capability,
                     @RequestParam(required = false) String kind,
                     @RequestParam(required = false) Boolean enabled,
                     @RequestParam(defaultValue = "false") boolean unpriced,
                     @RequestParam(required = false) String status,
                     @RequestParam(required = false) String q,
                     @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "Pages start at 0");
        }
        if (size < 1 || size > 1000) {
            throw new InvalidInputException("size", "Use a page size from 1 to 1000");
        }
        ModelFilter filter = new ModelFilter(provider == null ? null : Set.copyOf(provider),
                parse("tier", tier, CostTier::fromKey), parse("modality", modality, Modality::fromKey),
                parse("capability", capability, Capability::fromKey), parse("kind", kind, ModelKind::fromKey),
                enabled, unpriced, status, q);
        List<ModelJson> items = catalog.find(filter, List.of(new ModelSort(ModelSort.Column.ID, false)),
                (long) page * size, size).stream().map(ModelJson::of).toList();
        return new ModelPage(items, page, size, catalog.count(filter));
    }

    @GetMapping("/models/{rowId}")
    ModelJson model(@PathVariable long rowId) {
        return catalog.get(rowId).map(ModelJson::of).orElseThrow(() -> new NotFoundException("Model", rowId));
    }

    @PatchMapping("/models/{rowId}")
    ModelJson edit(@PathVariable long rowId, @RequestBody ModelPatch patch) {
        boolean clearPrices = Boolean.TRUE.equals(patch.unpriced());
        boolean setPrices = clearPrices || patch.inputPricePerMTok() != null || patch.outputPricePerMTok() != null;
        ModelEdit edit = new ModelEdit(patch.displayName() != null, patch.displayName(),
                patch.costTier() != null, patch.costTier() == null || patch.costTier().isBlank() ? null
                : parse("costTier", patch.costTier(), CostTier::fromKey),
                setPrices, clearPrices ? null : patch.inputPricePerMTok(),
                clearPrices ? null : patch.outputPricePerMTok(),
                patch.enabled() != null, Boolean.TRUE.equals(patch.enabled()));
        return ModelJson.of(catalog.edit(rowId, edit));
    }

    @PostMapping("/models/enabled")
    java.util.Map<String, Integer> bulkEnable(@RequestBody BulkEnable request) {
        if (request.ids() == null || request.ids().isEmpty()) {
            throw new InvalidInputException("ids", "List the models (rowId) to change");
        }
        return java.util.Map.of("changed", catalog.setEnabled(request.ids(), request.enabled()));
    }

    @GetMapping("/price-catalog")
    PriceCatalogInfo priceCatalog() {
        return prices.info();
    }

    @PostMapping("/price-catalog/refresh")
    @RolesAllowed(AppRoles.ADMIN)
    PriceCatalogInfo refresh(@RequestBody RefreshRequest request) {
        return prices.refreshFromUrl(request.url());
    }

    @PutMapping(value = "/price-catalog", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RolesAllowed(AppRoles.ADMIN)
    PriceCatalogInfo upload(@RequestBody byte[] content) {
        return prices.upload(content, "api");
    }

    private static <T> T parse(String field, String value, java.util.function.Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "Unknown " + field + ": " + value);
        }
    }
}
