package dev.routewise.discovery;

import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The discovery runs in progress, one per source at most. */
@Component
class RunningRuns {

    private final ConcurrentHashMap<Long, CompletableFuture<DiscoveryRun>> running = new ConcurrentHashMap<>();

    boolean isRunning(long sourceId) {
        return running.containsKey(sourceId);
    }

    /**
     * Starts a run unless one is in progress, in which case the caller gets that one.
     * {@code onFinished} is called once per started run, after it no longer counts as running.
     */
    CompletableFuture<DiscoveryRun> startOrJoin(long sourceId, Supplier<CompletableFuture<DiscoveryRun>> start,
                                                java.util.function.Consumer<DiscoveryRun> onFinished) {
        CompletableFuture<DiscoveryRun>[] created = new CompletableFuture[1];
        CompletableFuture<DiscoveryRun> future = running.computeIfAbsent(sourceId, id -> {
            created[0] = new CompletableFuture<>();
            return created[0];
        });
        if (created[0] != null) {
            CompletableFuture<DiscoveryRun> started;
            try {
                started = start.get();
            } catch (RuntimeException e) {
                running.remove(sourceId, created[0]);
                created[0].completeExceptionally(e);
                return created[0];
            }
            started.whenComplete((run, error) -> {
                running.remove(sourceId, created[0]);
                if (error != null) {
                    created[0].completeExceptionally(error);
                } else {
                    onFinished.accept(run);
                    created[0].complete(run);
                }
            });
        }
        return future;
    }
}
