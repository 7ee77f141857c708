package dev.routewise.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A short-lived cache of decisions for repeated identical requests (seed 002). An entry is valid for its time to
 * live and only while the catalog snapshot and router configuration it was computed from are still current, so a
 * change anywhere is visible at once, without listeners. Bounded: when full, expired entries go first, and if that
 * is not enough the cache starts over (cheaper than tracking recency on every hit).
 */
final class DecisionCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos, Object[] basis) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    DecisionCache(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
    }

    boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    /** The cached value when it was computed from the same basis objects (compared by identity) and is fresh. */
    V get(K key, long nowNanos, Object... basis) {
        if (!enabled()) {
            return null;
        }
        Entry<V> e = entries.get(key);
        if (e == null || nowNanos - e.expiresAtNanos > 0 || !sameBasis(e.basis, basis)) {
            misses.increment();
            return null;
        }
        hits.increment();
        return e.value;
    }

    void put(K key, V value, long nowNanos, Object... basis) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> nowNanos - e.expiresAtNanos > 0);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, nowNanos + ttlNanos, basis));
    }

    /** Empties the cache; answers how many entries it held. */
    int clear() {
        int n = entries.size();
        entries.clear();
        return n;
    }

    int size() {
        return entries.size();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    private static boolean sameBasis(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
