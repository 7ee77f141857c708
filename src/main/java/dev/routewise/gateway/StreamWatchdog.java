package dev.routewise.gateway;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends streamed provider answers that stall (no event within the attempt timeout) or outlive their request's total
 * timeout, by closing their body: reading a stream has no timeout of its own. One thread looks every 100 ms.
 */
@Component
class StreamWatchdog {

    /** One watched stream; {@link #touch()} on every event. */
    static final class Watch implements AutoCloseable {
        private final Closeable body;
        private final long idleNanos;
        private final long deadlineNanos;
        private final Set<Watch> watched;
        private volatile long lastEvent = System.nanoTime();
        private volatile boolean expired;

        private Watch(Closeable body, long idleNanos, long deadlineNanos, Set<Watch> watched) {
            this.body = body;
            this.idleNanos = idleNanos;
            this.deadlineNanos = deadlineNanos;
            this.watched = watched;
        }

        void touch() {
            lastEvent = System.nanoTime();
        }

        /** Whether the watchdog ended the stream. */
        boolean expired() {
            return expired;
        }

        private void check(long now) {
            if (now - lastEvent > idleNanos || now - deadlineNanos > 0) {
                expired = true;
                watched.remove(this);
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reader sees the stream end either way
                }
            }
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("stream-watchdog").unstarted(r));

    StreamWatchdog() {
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            for (Watch w : watched) {
                w.check(now);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Watches {@code body} until the returned watch is closed. */
    Watch watch(Closeable body, long idleNanos, long deadlineNanos) {
        Watch w = new Watch(body, idleNanos, deadlineNanos, watched);
        watched.add(w);
        return w;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
