package io.jlockdep.core;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map keyed by object identity that does not keep its keys alive: what the hooks know about each lock
 * object, the engine's explicit classes and instance names, the nodes of an instance order.
 *
 * <p>Reads take no lock and allocate nothing, because the hooks read on every acquisition: open
 * addressing over a volatile array whose slots are only ever filled, replaced by a new entry for the same
 * key (an entry's fields are final, so a racing reader sees a whole one), or turned into a tombstone.
 * Writes take this map's monitor. {@code null} is never a key: {@code get(null)} is null and writes of it
 * do nothing.
 *
 * <p>Programs create and drop locks by the million, so memory follows the live keys. When the garbage
 * collector clears a key, its entry is queued; {@link #awaitCollected} (one sweeper thread) or
 * {@link #expunge} (an owner who cleans up after the values) takes queued entries off and turns their
 * slots into tombstones, which inserts reuse. The table is rebuilt — grown, kept, or shrunk to the live
 * entries, cleared ones dropped — when it fills up or is mostly tombstones. Writes leave the queue alone,
 * so that every value of a collected key reaches the sink of exactly one {@link #expunge}, even when a
 * rebuild dropped its slot first; {@link #awaitCollected} drops the values it takes.
 */
public final class WeakIdentityMap<V> {
    /** The smallest table of the no-argument constructor: sized for the hooks' map of every lock. */
    private static final int DEFAULT_MIN_CAPACITY = 1024;

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final Object value;
        /** Replaced or removed while its key lived (guarded by the map): its collection hands over nothing. */
        boolean retired;

        Entry(Object key, int hash, Object value, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
        }
    }

    /** Marks a slot whose entry was removed: probing goes on past it, inserts may reuse it. */
    private static final Entry TOMBSTONE = new Entry(null, 0, null, null);

    private final int minCapacity;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private volatile Entry[] table;
    /** Non-empty slots (entries and tombstones); guarded by this. */
    private int used;
    /** Tombstone slots; guarded by this. */
    private int tombstones;

    /** A map whose table never shrinks below 1024 slots. */
    public WeakIdentityMap() {
        this(DEFAULT_MIN_CAPACITY);
    }

    /** A map whose table starts at, and never shrinks below, {@code minCapacity} slots (a power of two). */
    public WeakIdentityMap(int minCapacity) {
        if (minCapacity < 2 || Integer.bitCount(minCapacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + minCapacity);
        }
        this.minCapacity = minCapacity;
        this.table = new Entry[minCapacity];
    }

    /** The value stored for {@code key}, or null. Lock-free and allocation-free. */
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (key == null) {
            return null; // a cleared entry's key reads as null too
        }
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
    public synchronized void put(Object key, V value) {
        if (key == null) {
            return;
        }
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
                e.retired = true;
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
    public synchronized V putIfAbsent(Object key, V value) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        put(key, value);
        return value;
    }

    /** Forgets {@code key}. */
    public synchronized void remove(Object key) {
        if (key == null) {
            return;
        }
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(System.identityHashCode(key)) & mask;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                return;
            }
            if (e != TOMBSTONE && e.get() == key) {
                e.retired = true;
                t[i] = TOMBSTONE;
                tombstones++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /** Live entries: keys not yet collected (a scan, for tests and statistics). */
    public synchronized int size() {
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

    /**
     * Waits until the garbage collector clears a key, at most {@code timeoutMillis} (0: no limit), then
     * turns the collected entries into tombstones, dropping their values, and rebuilds the table if it is
     * mostly tombstones. For one sweeper thread, of a map whose owner does not need the values.
     *
     * @return whether a key was collected in time
     */
    public boolean awaitCollected(long timeoutMillis) throws InterruptedException {
        Reference<?> first = collected.remove(timeoutMillis);
        if (first == null) {
            return false;
        }
        synchronized (this) {
            collect(first, null);
            drain(null);
        }
        return true;
    }

    /**
     * Turns the entries whose keys were collected into tombstones, handing each one's value to
     * {@code sink} (may be null) once, and rebuilds the table if it is mostly tombstones. The sink runs
     * under this map's monitor and must not write to this map.
     */
    public synchronized void expunge(Sink<V> sink) {
        drain(sink);
    }

    /**
     * Hands every entry whose key is still alive to {@code visitor}, the key held strongly meanwhile.
     * The visitor runs under this map's monitor and must not write to this map.
     */
    @SuppressWarnings("unchecked")
    public synchronized void forEachLive(Visitor<V> visitor) {
        for (Entry e : table) {
            if (e != null && e != TOMBSTONE) {
                Object key = e.get();
                if (key != null) {
                    visitor.visit(key, (V) e.value);
                }
            }
        }
    }

    /** Receives the live entries of {@link #forEachLive}. */
    public interface Visitor<V> {
        void visit(Object key, V value);
    }

    /** Receives the values of collected keys from {@link #expunge}. */
    public interface Sink<V> {
        void collected(V value);
    }

    private void drain(Sink<V> sink) {
        Reference<?> r;
        while ((r = collected.poll()) != null) {
            collect(r, sink);
        }
        if (tombstones * 2 > used && table.length > minCapacity || tombstones * 4 > table.length) {
            rebuild();
        }
    }

    /** One collected entry: its slot becomes a tombstone (if a rebuild has not dropped it), its value goes to the sink. */
    @SuppressWarnings("unchecked")
    private void collect(Reference<?> ref, Sink<V> sink) {
        Entry dead = (Entry) ref;
        if (dead.retired) {
            return; // replaced or removed before its key died: no longer in the table, its value not ours
        }
        tombstone(dead);
        if (sink != null) {
            sink.collected((V) dead.value);
        }
    }

    private void tombstone(Entry dead) {
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

    /** A new table for the live entries: twice as big when they fill a quarter, halved while under 1/16. */
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
            while (size > minCapacity && live * 16 < size) {
                size /= 2;
            }
        }
        // Filled before it is published, so a reader finds every present key in whichever table it sees.
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
