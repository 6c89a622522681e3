package io.jlockdep.core;

/**
 * The set of validated chain keys: lock-free reads for the fast path, writes only under the graph
 * lock. Open addressing over a {@code long[]}; the low bit of a stored key flags a chain with
 * same-class nesting, whose instance order is checked on every hit.
 *
 * <p>Readers read slots without synchronisation: a slot only ever goes from 0 to its final value, so
 * a racing reader sees either 0 — a miss, re-checked under the lock — or the key. Growing publishes a
 * new array through a volatile field; a reader still on the old one at worst misses the same way.
 */
final class ChainCache {
    static final int MISS = 0;
    static final int HIT = 1;
    static final int HIT_SAME_CLASS = 2;

    private volatile long[] slots = new long[1 << 12];
    private final int maxChains;
    private int size;

    ChainCache(int maxChains) {
        this.maxChains = maxChains;
    }

    int lookup(long chainKey) {
        long key = normalize(chainKey);
        long[] a = slots;
        int mask = a.length - 1;
        int i = spread(key) & mask;
        while (true) {
            long v = a[i];
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
        if (2 * (size + 1) > slots.length) {
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
        long[] old = slots;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i++) {
            long v = old[i];
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] a, long value) {
        long key = value & ~1L;
        int mask = a.length - 1;
        int i = spread(key) & mask;
        while (true) {
            long v = a[i];
            if (v == 0) {
                a[i] = value;
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
