package dev.routewise.base.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes records in batches from one thread, so a request thread only offers a record to a bounded queue and never
 * waits on SQLite. When the queue is full the record is dropped and counted ({@code <meter>.dropped}), never
 * silently; a batch that fails to write is logged and counted the same way.
 *
 * @param <T> one record as queued
 */
public final class BatchWriter<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final String what;
    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final long flushEveryMillis;
    private final Consumer<List<T>> write;
    private final Counter written;
    private final Counter dropped;
    private final AtomicLong droppedTotal = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param what       what is written, for the thread's name and log lines ("decision", "gateway-call")
     * @param meter      the meters' prefix: {@code <meter>.written}, {@code .dropped}, {@code .queued}
     * @param capacity   records waiting at most
     * @param batchSize  records written per call of {@code write}
     * @param flushEvery how often the writer wakes up when nothing arrives
     * @param write      writes one batch (in one transaction, typically)
     */
    public BatchWriter(String what, String meter, int capacity, int batchSize, Duration flushEvery,
                       Consumer<List<T>> write, MeterRegistry meters) {
        this.what = what;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushEveryMillis = flushEvery.toMillis();
        this.write = write;
        this.written = meters.counter(meter + ".written");
        this.dropped = meters.counter(meter + ".dropped");
        meters.gauge(meter + ".queued", queue, BlockingQueue::size);
        this.writer = Thread.ofPlatform().daemon().name(what + "-writer").start(this::drain);
    }

    /** Queues a record; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(T record) {
        if (queue.offer(record)) {
            return true;
        }
        dropped.increment();
        if (droppedTotal.incrementAndGet() % 1000 == 1) {
            log.warn("The {} queue is full ({} waiting): {} dropped so far", what, queue.size(), droppedTotal.get());
        }
        return false;
    }

    /** Records dropped since start, because the queue was full or their batch failed. */
    public long droppedCount() {
        return droppedTotal.get();
    }

    /** Records waiting to be written. */
    public int queued() {
        return queue.size();
    }

    private void drain() {
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(flushEveryMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write.accept(batch);
                written.increment(batch.size());
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.error("Writing {} {} records failed; they are lost", batch.size(), what, e);
                dropped.increment(batch.size());
                droppedTotal.addAndGet(batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued (for up to five seconds) and stops the writer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(5_000);
    }
}
