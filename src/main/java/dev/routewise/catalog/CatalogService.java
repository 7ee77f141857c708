package dev.routewise.catalog;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The model catalog: listing, hand edits, and applying what discovery found. */
@Service
public class CatalogService {

    private final ModelRowRepository rows;
    private final CatalogWrites writes;
    private final CatalogQueries queries;
    private final PriceCatalogService prices;
    private final StaticFallbacks fallbacks;
    private final CatalogMerge merge;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogService(ModelRowRepository rows, CatalogWrites writes, CatalogQueries queries, PriceCatalogService prices,
                   StaticFallbacks fallbacks, CatalogProperties tiers, ApplicationEventPublisher events, Clock clock) {
        this.rows = rows;
        this.writes = writes;
        this.queries = queries;
        this.prices = prices;
        this.fallbacks = fallbacks;
        this.merge = new CatalogMerge(tiers);
        this.events = events;
        this.clock = clock;
    }

    @PermitAll
    public List<CatalogModel> find(ModelFilter filter, List<ModelSort> sorts, long offset, int limit) {
        return queries.find(filter, sorts, offset, Math.clamp(limit, 1, 1000));
    }

    @PermitAll
    public long count(ModelFilter filter) {
        return queries.count(filter);
    }

    @PermitAll
    public Optional<CatalogModel> get(long rowId) {
        return queries.byRowId(rowId);
    }

    /** A model by its routing id, e.g. {@code openai/gpt-4o}. */
    public Optional<CatalogModel> byId(String routingId) {
        return queries.byRoutingId(routingId);
    }

    /** Source slugs with their model counts. */
    @PermitAll
    public Map<String, Long> providers() {
        return queries.providers();
    }

    public long countBySource(long sourceId) {
        return rows.countBySourceId(sourceId);
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public CatalogModel edit(long rowId, ModelEdit edit) {
        ModelRow row = rows.findById(rowId).orElseThrow(() -> new NotFoundException("Model", rowId));
        Set<String> manual = new LinkedHashSet<>(CatalogMerge.manualFields(row.manualFields()));
        String displayName = row.displayName();
        String tier = row.costTier();
        String tierOrigin = row.tierOrigin();
        BigDecimal input = row.inputPrice();
        BigDecimal output = row.outputPrice();
        String priceOrigin = row.priceOrigin();
        boolean enabled = row.enabled();
        if (edit.setDisplayName()) {
            if (edit.displayName() == null || edit.displayName().isBlank() || edit.displayName().length() > 200) {
                throw new InvalidInputException("displayName", "Give a name of 1 to 200 characters");
            }
            displayName = edit.displayName().strip();
            manual.add(CatalogMerge.MANUAL_DISPLAY_NAME);
        }
        if (edit.setPrices()) {
            checkPrice("inputPricePerMTok", edit.inputPricePerMTok());
            checkPrice("outputPricePerMTok", edit.outputPricePerMTok());
            if ((edit.inputPricePerMTok() == null) != (edit.outputPricePerMTok() == null)) {
                throw new InvalidInputException(edit.inputPricePerMTok() == null ? "inputPricePerMTok"
                        : "outputPricePerMTok", "Give both prices, or neither to mark the model unpriced");
            }
            input = edit.inputPricePerMTok();
            output = edit.outputPricePerMTok();
            priceOrigin = input == null ? null : "manual";
            manual.add(CatalogMerge.MANUAL_PRICES);
        }
        if (edit.setTier()) {
            tier = edit.tier() == null ? null : edit.tier().key();
            tierOrigin = edit.tier() == null ? null : "manual";
            manual.add(CatalogMerge.MANUAL_TIER);
        }
        if (edit.setEnabled()) {
            enabled = edit.enabled();
            manual.add(CatalogMerge.MANUAL_ENABLED);
        }
        rows.save(new ModelRow(row.id(), row.sourceId(), row.modelId(), displayName, row.kind(), tier, tierOrigin,
                input, output, edit.setPrices() ? null : row.cacheReadPrice(), priceOrigin, row.contextTokens(),
                row.maxOutputTokens(), row.contextOrigin(), row.modalities(), row.capabilities(),
                row.capabilitiesOrigin(), enabled, String.join(",", manual), row.origin(), row.status(),
                row.missingSince(), row.providerCreatedAt(), row.firstSeenAt(), row.lastSeenAt(),
                row.firstSeenRunId()));
        events.publishEvent(new CatalogChanged(row.sourceId()));
        return queries.byRowId(rowId).orElseThrow();
    }

    /** Forgets every hand edit of a model; the next discovery run fills the fields again. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public CatalogModel clearManualEdits(long rowId) {
        ModelRow row = rows.findById(rowId).orElseThrow(() -> new NotFoundException("Model", rowId));
        rows.save(new ModelRow(row.id(), row.sourceId(), row.modelId(), row.displayName(), row.kind(),
                row.costTier(), row.tierOrigin(), row.inputPrice(), row.outputPrice(), row.cacheReadPrice(),
                row.priceOrigin(), row.contextTokens(), row.maxOutputTokens(), row.contextOrigin(), row.modalities(),
                row.capabilities(), row.capabilitiesOrigin(), row.enabled(), "", row.origin(), row.status(),
                row.missingSince(), row.providerCreatedAt(), row.firstSeenAt(), row.lastSeenAt(),
                row.firstSeenRunId()));
        return queries.byRowId(rowId).orElseThrow();
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public int setEnabled(Collection<Long> rowIds, boolean enabled) {
        if (rowIds.isEmpty()) {
            return 0;
        }
        int changed = 0;
        List<Long> ids = List.copyOf(rowIds);
        for (int i = 0; i < ids.size(); i += 500) {
            changed += rows.setEnabled(ids.subList(i, Math.min(ids.size(), i + 500)), enabled);
        }
        events.publishEvent(new CatalogChanged(null));
        return changed;
    }

    /**
     * Applies a complete listing of a source in one transaction: new models are added, known
     * ones updated (hand-set fields kept), models no longer listed marked missing, and static
     * fallback rows replaced by the real list.
     */
    @Transactional
    public ApplyResult apply(SourceRef source, List<DiscoveredModel> listing, Long runId) {
        Instant now = clock.instant();
        PriceCatalog catalog = prices.current();
        Map<String, ModelRow> existing = new HashMap<>();
        rows.findAllBySourceId(source.id()).forEach(r -> existing.put(r.modelId(), r));
        Map<String, DiscoveredModel> unique = new LinkedHashMap<>();
        listing.forEach(m -> unique.putIfAbsent(m.modelId(), m));

        List<ModelRow> inserts = new ArrayList<>();
        List<ModelRow> updates = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (DiscoveredModel model : unique.values()) {
            ModelRow before = existing.remove(model.modelId());
            ModelRow after = merge.merge(before, source, model, catalog.lookup(source.providerKey(), model.modelId()),
                    false, runId, now);
            if (before == null) {
                inserts.add(after);
            } else if (!after.sameContentAs(before) || before.missingSince() != null) {
                updates.add(after);
            } else {
                seen.add(before.id());
            }
        }
        int removed = 0;
        for (ModelRow gone : existing.values()) {
            if ("fallback".equals(gone.origin())) {
                rows.delete(gone);
                removed++;
            } else if (!"missing".equals(gone.status())) {
                updates.add(gone.missing(now));
                removed++;
            }
        }
        writes.insert(inserts);
        writes.update(updates);
        writes.touch(seen, now);
        events.publishEvent(new CatalogChanged(source.id()));
        return new ApplyResult(unique.size(), inserts.size(), updates.size() - removedMissing(existing), removed,
                seen.size());
    }

    /**
     * Puts the static fallback models of the source's type in the catalog while the source has
     * never been discovered successfully; returns how many were added.
     */
    @Transactional
    public int seedFallbacks(SourceRef source) {
        List<ModelRow> current = rows.findAllBySourceId(source.id());
        if (current.stream().anyMatch(r -> "discovered".equals(r.origin()))) {
            return 0;
        }
        Set<String> present = new java.util.HashSet<>();
        current.forEach(r -> present.add(r.modelId()));
        Instant now = clock.instant();
        PriceCatalog catalog = prices.current();
        List<ModelRow> toSave = new ArrayList<>();
        for (DiscoveredModel model : fallbacks.forType(source.providerKey())) {
            if (present.add(model.modelId())) {
                toSave.add(merge.merge(null, source, model, catalog.lookup(source.providerKey(), model.modelId()),
                        true, null, now));
            }
        }
        writes.insert(toSave);
        if (!toSave.isEmpty()) {
            events.publishEvent(new CatalogChanged(source.id()));
        }
        return toSave.size();
    }

    /** Whether the catalog has static fallback rows for this source. */
    public boolean hasFallbacks(long sourceId) {
        return rows.findAllBySourceId(sourceId).stream().anyMatch(r -> "fallback".equals(r.origin()));
    }

    /** Rows newly marked missing are counted as removed, not updated. */
    private static int removedMissing(Map<String, ModelRow> gone) {
        return (int) gone.values().stream()
                .filter(r -> !"fallback".equals(r.origin()) && !"missing".equals(r.status())).count();
    }

    private static void checkPrice(String field, BigDecimal price) {
        if (price != null && (price.signum() < 0 || price.compareTo(BigDecimal.valueOf(100_000)) > 0)) {
            throw new InvalidInputException(field, "Give a price between 0 and 100000 dollars per million tokens");
        }
    }
}
