package dev.routewise.routing;

import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.ModelFilter;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.ModelSort;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceService;
import dev.routewise.routing.engine.PreparedCatalog;
import dev.routewise.routing.engine.RouteCandidate;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The chat models the router chooses from, as an immutable snapshot: a decision reads memory,
 * never the database. Rebuilt in the background whenever the catalog or a source changes, as a
 * {@link PreparedCatalog} so that what the engine needs of each model is computed once per snapshot.
 */
@Component
class RoutableModels {

    private static final int PAGE = 1000;

    private final CatalogService catalog;
    private final SourceService sources;
    private final AtomicReference<PreparedCatalog> snapshot = new AtomicReference<>(PreparedCatalog.of(List.of()));
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    /** The catalog's chat models as last read, and the observed latencies laid over them. */
    private List<RouteCandidate> base = List.of();
    private Map<String, Integer> latencies = Map.of();

    RoutableModels(CatalogService catalog, SourceService sources) {
        this.catalog = catalog;
        this.sources = sources;
    }

    List<RouteCandidate> current() {
        return snapshot.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        rebuild();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onCatalogChanged(CatalogChanged event) {
        // several changes in a burst (a sync of many sources) cause one rebuild, not one each
        if (rebuildPending.compareAndSet(false, true)) {
            Thread.ofVirtual().name("routable-models").start(() -> {
                rebuildPending.set(false);
                rebuild();
            });
        }
    }

    /** Reads every chat model and swaps the snapshot in. */
    synchronized void rebuild() {
        Map<Long, Boolean> sourceEnabled = sources.list().stream()
                .collect(Collectors.toMap(ModelSource::id, ModelSource::enabled));
        ModelFilter chat = new ModelFilter(null, null, null, null, ModelKind.CHAT, null, false, null, null);
        List<ModelSort> byId = List.of(new ModelSort(ModelSort.Column.ID, false));
        List<RouteCandidate> candidates = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<CatalogModel> page = catalog.find(chat, byId, offset, PAGE);
            page.forEach(m -> candidates.add(RouteCandidate.from(m, sourceEnabled.getOrDefault(m.sourceId(), false))));
            if (page.size() < PAGE) {
                break;
            }
        }
        base = List.copyOf(candidates);
        publish();
    }

    /** Observed latencies changed: lay them over the last catalog read, without reading it again. */
    @EventListener
    synchronized void onLatenciesChanged(ModelHistory.LatenciesChanged event) {
        latencies = event.p50LatencyMs();
        publish();
    }

    private void publish() {
        List<RouteCandidate> withLatency = base;
        if (!latencies.isEmpty()) {
            withLatency = new ArrayList<>(base.size());
            for (RouteCandidate m : base) {
                Integer p50 = latencies.get(m.id());
                withLatency.add(p50 == null ? m : m.withObservedLatency(p50));
            }
        }
        snapshot.set(PreparedCatalog.of(withLatency));
    }
}
