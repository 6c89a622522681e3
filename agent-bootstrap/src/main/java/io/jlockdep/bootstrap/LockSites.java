package io.jlockdep.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The table behind {@link LockNames}: a value per lock object, keyed by identity and held weakly.
 *
 * <p>Reads take no lock and allocate nothing, because they run on every acquisition: open addressing
 * over a volatile array whose slots are only ever filled, replaced by an entry for the same key, or
 * turned into a tombstone. Writes (lock creation) take this table's monitor. Programs create and drop
 * locks by the million, so an entry whose key was collected becomes a tombstone as soon as the garbage
 * collector says so ({@link #awaitCollected}, run by a daemon thread), tombstones are reused by inserts,
 * and the table is rebuilt — grown, kept, or shrunk to the live entries — when it fills up or is mostly
 * tombstones. Memory follows the live locks.
 */
final class LockSites<V> {
    private static final int MIN_SIZE = 1024;

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final Object value;

        Entry(Object key, int hash, Object value, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
        }
    }

    /** Marks a slot whose entry was removed: probing goes on past it, inserts may reuse it. */
    private static final Entry TOMBSTONE = new Entry(null, 0, null, null);

    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private volatile Entry[] table = new Entry[MIN_SIZE];
    /** Non-empty slots (entries and tombstones); guarded by this. */
    private int used;
    /** Tombstone slots; guarded by this. */
    private int tombstones;

    /** The value stored for {@code key}, or null. */
    @SuppressWarnings("unchecked") // only put and putIfAbsent store values, both typed V
    V get(Object key) {
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(System.identityHashCode(key)) & mask;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.get() == key) {
                return (V) e.value;
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores {@code value} for {@code key}, replacing an earlier value. */
    synchronized void put(Object key, V value) {
        expungeCollected();
        int h = System.identityHashCode(key);
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(h) & mask;
        int free = -1;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                break;
            }
            if (e == TOMBSTONE) {
                if (free < 0) {
                    free = i;
                }
            } else if (e.get() == key) {
                t[i] = new Entry(key, h, value, collected);
                return;
            }
            i = (i + 1) & mask;
        }
        if (free >= 0) {
            t[free] = new Entry(key, h, value, collected);
            tombstones--;
        } else {
            t[i] = new Entry(key, h, value, collected);
            if (++used * 2 > t.length) {
                rebuild();
            }
        }
    }

    /** Stores {@code value} unless {@code key} has a value already; returns the value now stored. */
    synchronized V putIfAbsent(Object key, V value) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        put(key, value);
        return value;
    }

    /** Forgets {@code key}. */
    synchronized void remove(Object key) {
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(System.identityHashCode(key)) & mask;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                return;
            }
            if (e != TOMBSTONE && e.get() == key) {
                t[i] = TOMBSTONE;
                tombstones++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Waits until the garbage collector clears a key, at most {@code timeoutMillis} (0: no limit), then
     * turns the collected entries into tombstones and rebuilds the table if it is mostly tombstones. For
     * one daemon thread.
     *
     * @return whether a key was collected in time
     */
    boolean awaitCollected(long timeoutMillis) throws InterruptedException {
        Reference<?> first = collected.remove(timeoutMillis);
        if (first == null) {
            return false;
        }
        synchronized (this) {
            tombstone(first);
            expungeCollected();
            if (tombstones * 2 > used && table.length > MIN_SIZE || tombstones * 4 > table.length) {
                rebuild();
            }
        }
        return true;
    }

    /** Live entries (for tests and statistics). */
    synchronized int size() {
        int n = 0;
        for (Entry e : table) {
            if (e != null && e.get() != null) {
                n++;
            }
        }
        return n;
    }

    /** Slots in the table (for tests). */
    int capacity() {
        return table.length;
    }

    private void expungeCollected() {
        Reference<?> r;
        while ((r = collected.poll()) != null) {
            tombstone(r);
        }
    }

    /** Turns the slot of a collected entry into a tombstone; nothing if a rebuild already dropped it. */
    private void tombstone(Reference<?> ref) {
        Entry dead = (Entry) ref;
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(dead.hash) & mask;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                return;
            }
            if (e == dead) {
                t[i] = TOMBSTONE;
                tombstones++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** A new table for the live entries: twice as big when they fill a quarter, half when under 1/16. */
    private void rebuild() {
        Entry[] t = table;
        int live = 0;
        for (Entry e : t) {
            if (e != null && e != TOMBSTONE && e.get() != null) {
                live++;
            }
        }
        int size = t.length;
        if (live * 4 > size) {
            size *= 2;
        } else {
            while (size > MIN_SIZE && live * 16 < size) {
                size /= 2;
            }
        }
        Entry[] fresh = new Entry[size];
        int mask = size - 1;
        for (Entry e : t) {
            if (e != null && e != TOMBSTONE && e.get() != null) {
                int i = mix(e.hash) & mask;
                while (fresh[i] != null) {
                    i = (i + 1) & mask;
                }
                fresh[i] = e;
            }
        }
        used = live;
        tombstones = 0;
        table = fresh;
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
