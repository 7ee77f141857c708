package dev.routewise.discovery;

import dev.routewise.base.NotFoundException;
import dev.routewise.catalog.ApplyResult;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.ModelListClients;
import dev.routewise.security.AppRoles;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs discovery: at start-up in the background, when a source is added or its key changes,
 * on request, and on each source's schedule; never two runs of one source at once. A run
 * fetches the whole list first and applies it in one transaction, so a failed, partial or
 * garbage answer changes nothing; the run records why.
 */
@Service
public class DiscoveryService {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryService.class);

    private final SourceService sources;
    private final CatalogService catalog;
    private final RunRepository runs;
    private final RunningRuns running;
    private final ModelListClients clients;
    private final TaskScheduler scheduler;
    private final DiscoveryProperties properties;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<Long, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
    private final List<Consumer<DiscoveryRun>> listeners = new CopyOnWriteArrayList<>();

    DiscoveryService(SourceService sources, CatalogService catalog, RunRepository runs, RunningRuns running,
                     ModelListClients clients, TaskScheduler scheduler, DiscoveryProperties properties,
                     Clock clock) {
        this.sources = sources;
        this.catalog = catalog;
        this.runs = runs;
        this.running = running;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
        this.clients = clients;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread t = new Thread(r, "discovery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens to runs starting and finishing (for live views); returns how to stop listening. */
    public Runnable subscribe(Consumer<DiscoveryRun> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Discovers one source and waits for the result. */
    @RolesAllowed(AppRoles.OPERATOR)
    public DiscoveryRun discover(long sourceId) {
        sources.get(sourceId);
        return start(sourceId, "manual").join();
    }

    /** Starts discovering one source in the background. */
    @RolesAllowed(AppRoles.OPERATOR)
    public CompletableFuture<DiscoveryRun> discoverInBackground(long sourceId) {
        sources.get(sourceId);
        return start(sourceId, "manual");
    }

    /** Discovers every enabled source, in parallel, and waits for all. */
    @RolesAllowed(AppRoles.OPERATOR)
    public List<DiscoveryRun> discoverAll() {
        return startAll("manual").stream().map(CompletableFuture::join).toList();
    }

    @RolesAllowed(AppRoles.OPERATOR)
    public List<CompletableFuture<DiscoveryRun>> discoverAllInBackground() {
        return startAll("manual");
    }

    /** Lists what the endpoint serves without changing the catalog ("Test connection"). */
    @RolesAllowed(AppRoles.OPERATOR)
    public ConnectionTest test(SourceEndpoint endpoint) {
        long start = System.nanoTime();
        try {
            List<DiscoveredModel> models = client(endpoint.type()).listModels(endpoint);
            String sample = models.stream().limit(3).map(DiscoveredModel::modelId)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            return new ConnectionTest(true, models.size(), sample, null, (System.nanoTime() - start) / 1_000_000);
        } catch (DiscoveryException e) {
            return new ConnectionTest(false, 0, null, e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @PermitAll
    public List<DiscoveryRun> history(long sourceId, int limit) {
        String name = sources.get(sourceId).name();
        return runs.findLatest(sourceId, Math.clamp(limit, 1, 1000)).stream().map(r -> r.toRun(name)).toList();
    }

    public boolean isRunning(long sourceId) {
        return running.isRunning(sourceId);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        int interrupted = runs.failInterrupted();
        if (interrupted > 0) {
            log.info("Marked {} discovery run(s) left over from the last shutdown as failed", interrupted);
        }
        sources.rows().forEach(this::schedule);
        if (properties.onStartup()) {
            startAll("startup");
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onSourceSaved(SourceEvents.SourceSaved event) {
        sources.rows().stream().filter(r -> r.id() == event.sourceId()).findFirst().ifPresent(this::schedule);
        if (event.rediscover()) {
            start(event.sourceId(), event.created() ? "created" : "changed");
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onSourceDeleted(SourceEvents.SourceDeleted event) {
        ScheduledFuture<?> previous = schedules.remove(event.sourceId());
        if (previous != null) {
            previous.cancel(false);
        }
    }

    @PreDestroy
    void shutdown() {
        schedules.values().forEach(f -> f.cancel(false));
        executor.shutdownNow();
    }

    private List<CompletableFuture<DiscoveryRun>> startAll(String trigger) {
        return sources.rows().stream().filter(SourceRow::enabled).map(r -> start(r.id(), trigger)).toList();
    }

    private void schedule(SourceRow row) {
        ScheduledFuture<?> previous = schedules.remove(row.id());
        if (previous != null) {
            previous.cancel(false);
        }
        if (!row.enabled()) {
            return;
        }
        SourceSchedule.parse(row.schedule()).ifPresent(s -> {
            Runnable task = () -> start(row.id(), "schedule");
            ScheduledFuture<?> future = s.interval() != null
                    ? scheduler.scheduleWithFixedDelay(task, clock.instant().plus(s.interval()), s.interval())
                    : scheduler.schedule(task, new CronTrigger(s.cron().toString()));
            schedules.put(row.id(), future);
        });
    }

    private CompletableFuture<DiscoveryRun> start(long sourceId, String trigger) {
        return running.startOrJoin(sourceId, () -> CompletableFuture.supplyAsync(() -> run(sourceId, trigger),
                executor), this::notify);
    }

    private DiscoveryRun run(long sourceId, String trigger) {
        SourceRef ref;
        SourceEndpoint endpoint;
        String name;
        try {
            ModelSource source = sources.get(sourceId);
            name = source.name();
            ref = sources.ref(sourceId);
            endpoint = sources.endpoint(sourceId);
        } catch (NotFoundException e) {
            throw new IllegalStateException("The source was deleted", e);
        }
        Instant started = clock.instant();
        RunRow row = runs.save(new RunRow(null, sourceId, trigger, started, null, "running", null, 0, 0, 0, 0,
                null));
        notify(row.toRun(name));
        RunRow finished;
        try {
            List<DiscoveredModel> listing = client(endpoint.type()).listModels(endpoint);
            ApplyResult result = catalog.apply(ref, listing, row.id());
            finished = new RunRow(row.id(), sourceId, trigger, started, clock.instant(), "ok", result.listed(),
                    result.added(), result.updated(), result.removed(), result.unchanged(), null);
            log.info("Discovery of {}: {} listed, {} added, {} updated, {} removed", name, result.listed(),
                    result.added(), result.updated(), result.removed());
        } catch (DiscoveryException e) {
            finished = failed(row, e.getMessage());
            log.warn("Discovery of {} failed: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            finished = failed(row, "internal error: " + e.getMessage());
            log.error("Discovery of {} failed unexpectedly", name, e);
        }
        runs.save(finished);
        runs.trim(sourceId, properties.keepRuns());
        return finished.toRun(name);
    }

    private RunRow failed(RunRow row, String error) {
        return new RunRow(row.id(), row.sourceId(), row.trigger(), row.startedAt(), clock.instant(), "failed", null,
                0, 0, 0, 0, error);
    }

    private ModelListClient client(SourceType type) {
        return clients.forType(type);
    }

    private void notify(DiscoveryRun run) {
        for (Consumer<DiscoveryRun> listener : listeners) {
            try {
                listener.accept(run);
            } catch (RuntimeException e) {
                log.debug("A discovery listener failed", e);
            }
        }
    }
}
