package io.jlockdep.core;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The set of validated chain keys: lock-free reads for the fast path, writes only under the graph
 * lock. Open addressing over an {@link AtomicLongArray}; the low bit of a stored key flags a chain
 * with same-class nesting, whose instance order is checked on every hit. Growing replaces the array;
 * a reader still on the old one at worst misses and re-checks under the lock.
 */
final class ChainCache {
    static final int MISS = 0;
    static final int HIT = 1;
    static final int HIT_SAME_CLASS = 2;

    private volatile AtomicLongArray slots = new AtomicLongArray(1 << 12);
    private final int maxChains;
    private int size;

    ChainCache(int maxChains) {
        this.maxChains = maxChains;
    }

    int lookup(long chainKey) {
        long key = normalize(chainKey);
        AtomicLongArray a = slots;
        int mask = a.length() - 1;
        int i = spread(key) & mask;
        while (true) {
            long v = a.get(i);
            if (v == 0) {
                return MISS;
            }
            if ((v & ~1L) == key) {
                return (v & 1L) != 0 ? HIT_SAME_CLASS : HIT;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds a validated key; caller holds the graph lock. Returns false when the chain limit is reached. */
    boolean add(long chainKey, boolean sameClass) {
        if (size >= maxChains) {
            return false;
        }
        long key = normalize(chainKey);
        if (2 * (size + 1) > slots.length()) {
            grow();
        }
        if (insert(slots, key | (sameClass ? 1L : 0L))) {
            size++;
        }
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        AtomicLongArray old = slots;
        AtomicLongArray bigger = new AtomicLongArray(old.length() * 2);
        for (int i = 0; i < old.length(); i++) {
            long v = old.get(i);
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static boolean insert(AtomicLongArray a, long value) {
        long key = value & ~1L;
        int mask = a.length() - 1;
        int i = spread(key) & mask;
        while (true) {
            long v = a.get(i);
            if (v == 0) {
                a.set(i, value);
                return true;
            }
            if ((v & ~1L) == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private static long normalize(long key) {
        long k = key & ~1L;
        return k == 0 ? 2 : k;
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 29) ^ (key >>> 47));
    }
}
