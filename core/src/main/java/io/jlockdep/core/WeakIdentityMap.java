package io.jlockdep.core;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map keyed by object identity that does not keep its keys alive: what the hooks know about each lock
 * object, the engine's explicit classes and instance names, the nodes of an instance order.
 *
 * <p>Reads take no lock and allocate nothing, because the hooks read on every acquisition: open
 * addressing over a volatile table (see {@link Table}) whose index slots are only ever filled, pointed at a
 * new entry for the same key (an entry's key, hash and value are final, so a racing reader sees a whole
 * one), turned into a tombstone, or left pointing at a log position that was emptied (a collected entry's).
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
        /** Its position in the current table's log (guarded by the map; stale once a rebuild dropped it). */
        int pos;

        Entry(Object key, int hash, Object value, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
        }
    }

    /** An index slot whose entry was removed: probing goes on past it, inserts may reuse it. */
    private static final long TOMBSTONE = -1L;

    /**
     * The table: an open-addressing index of {@code long}s, each the key's identity hash (high half) and its
     * entry's position in the log plus one (low half; 0 is an empty slot), over an append-only log of
     * entries. Why not one array of entries: the hooks add an entry per allocation of a possible lock, by
     * the million between collections, and storing each new (young) entry at a random slot of a large, old
     * array makes the collector's write barrier dirty a new card almost every time. Appends to the log dirty
     * one card per 128 entries, and the index holds no references. Replaced together by a rebuild, so a
     * reader sees one consistent pair.
     */
    private static final class Table {
        final long[] index;
        final Entry[] log;

        Table(int slots) {
            index = new long[slots];
            log = new Entry[slots / 2];
        }
    }

    private final int minCapacity;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private volatile Table table;
    /** Non-empty index slots (entries and tombstones); guarded by this. */
    private int used;
    /** Tombstones: index slots marked so, or pointing at an emptied log position; guarded by this. */
    private int tombstones;
    /** Log positions taken (by live, cleared, replaced or removed entries); guarded by this. */
    private int logged;

    /** A map whose index never shrinks below 1024 slots. */
    public WeakIdentityMap() {
        this(DEFAULT_MIN_CAPACITY);
    }

    /** A map whose index starts at, and never shrinks below, {@code minCapacity} slots (a power of two). */
    public WeakIdentityMap(int minCapacity) {
        if (minCapacity < 4 || Integer.bitCount(minCapacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 4: " + minCapacity);
        }
        this.minCapacity = minCapacity;
        this.table = new Table(minCapacity);
    }

    /** The value stored for {@code key}, or null. Lock-free and allocation-free. */
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (key == null) {
            return null; // a cleared entry's key reads as null too
        }
        Table t = table;
        long[] index = t.index;
        int mask = index.length - 1;
        int h = System.identityHashCode(key);
        int i = mix(h) & mask;
        while (true) {
            long slot = index[i];
            if (slot == 0) {
                return null;
            }
            // Racing a writer, the slot may be ahead of its log entry (null) or, in principle, half
            // written: the position is checked, and only an entry whose key is this object answers.
            int pos = (int) slot;
            if ((int) (slot >>> 32) == h && pos > 0) {
                Entry e = t.log[pos - 1];
                if (e != null && e.get() == key) {
                    return (V) e.value;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores {@code value} for {@code key}, replacing an earlier value. */
    public synchronized void put(Object key, V value) {
        if (key == null) {
            return;
        }
        ensureRoom();
        int h = System.identityHashCode(key);
        Table t = table;
        long[] index = t.index;
        int mask = index.length - 1;
        int i = mix(h) & mask;
        int free = -1;
        while (true) {
            long slot = index[i];
            if (slot == 0) {
                break;
            }
            if (slot == TOMBSTONE) {
                if (free < 0) {
                    free = i;
                }
            } else if ((int) (slot >>> 32) == h) {
                int pos = (int) slot - 1;
                Entry e = t.log[pos];
                if (e != null && e.get() == key) {
                    e.retired = true;
                    t.log[pos] = null;
                    index[i] = append(t, key, h, value);
                    return;
                }
            }
            i = (i + 1) & mask;
        }
        insert(t, free >= 0 ? free : i, key, h, value);
    }

    /**
     * Stores {@code value} for a key that was just created, so cannot be in the map yet: the hooks' case, one
     * call per allocation of a possible lock. Unlike {@link #put} it does not probe on to the end of the key's
     * cluster to look for an older entry; it takes the first empty or tombstone slot. Were the key present
     * after all, reads could go on seeing its old value (never another key's): hence only for objects no one
     * could have put.
     */
    public synchronized void putNew(Object key, V value) {
        if (key == null) {
            return;
        }
        ensureRoom();
        int h = System.identityHashCode(key);
        Table t = table;
        long[] index = t.index;
        int mask = index.length - 1;
        int i = mix(h) & mask;
        long slot;
        while ((slot = index[i]) != 0 && slot != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        insert(t, i, key, h, value);
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
        Table t = table;
        long[] index = t.index;
        int mask = index.length - 1;
        int h = System.identityHashCode(key);
        int i = mix(h) & mask;
        while (true) {
            long slot = index[i];
            if (slot == 0) {
                return;
            }
            if (slot != TOMBSTONE && (int) (slot >>> 32) == h) {
                int pos = (int) slot - 1;
                Entry e = t.log[pos];
                if (e != null && e.get() == key) {
                    e.retired = true;
                    t.log[pos] = null;
                    index[i] = TOMBSTONE;
                    tombstones++;
                    return;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /** Live entries: keys not yet collected (a scan, for tests and statistics). */
    public synchronized int size() {
        Entry[] log = table.log;
        int n = 0;
        for (int p = 0; p < logged; p++) {
            Entry e = log[p];
            if (e != null && e.get() != null) {
                n++;
            }
        }
        return n;
    }

    /** Slots in the index (for tests). */
    int capacity() {
        return table.index.length;
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
        Entry[] log = table.log;
        for (int p = 0; p < logged; p++) {
            Entry e = log[p];
            if (e != null) {
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
        int slots = table.index.length;
        if (tombstones * 2 > used && slots > minCapacity || tombstones * 4 > slots) {
            rebuild();
        }
    }

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

    /**
     * Empties a collected entry's log position; its index slot, left pointing there, counts as a tombstone
     * (probing goes on past it) until the next rebuild. Found by position, not by probing the index: the
     * entries of a burst of garbage die together and lie together in the log, while their index slots are
     * spread over the whole index, a cache miss each, with this map's monitor held against the hooks.
     */
    private void tombstone(Entry dead) {
        Table t = table;
        int pos = dead.pos;
        if (pos < logged && t.log[pos] == dead) {
            t.log[pos] = null;
            tombstones++;
        } // else dropped by a rebuild already
    }

    /** Rebuilds first when the next insert could fill half the index or the log. */
    private void ensureRoom() {
        Table t = table;
        if ((used + 1) * 2 > t.index.length || logged == t.log.length) {
            rebuild();
        }
    }

    private void insert(Table t, int i, Object key, int h, V value) {
        if (t.index[i] == TOMBSTONE) {
            tombstones--;
        } else {
            used++;
        }
        t.index[i] = append(t, key, h, value);
    }

    /** Appends a new entry to the log (ensureRoom made room); returns its index slot value. */
    private long append(Table t, Object key, int h, V value) {
        int pos = logged++;
        Entry e = new Entry(key, h, value, collected);
        e.pos = pos;
        t.log[pos] = e;
        return ((long) h << 32) | (pos + 1);
    }

    /**
     * A new table for the live entries, compacted in log order: twice as big (or more) when they fill a
     * quarter of the index, halved while under 1/16, so the log always has room after it.
     */
    private void rebuild() {
        Table t = table;
        int live = 0;
        for (int p = 0; p < logged; p++) {
            Entry e = t.log[p];
            if (e != null && e.get() != null) {
                live++;
            }
        }
        int size = t.index.length;
        while (live * 4 >= size) {
            size *= 2;
        }
        while (size > minCapacity && live * 16 < size) {
            size /= 2;
        }
        // Filled before it is published, so a reader finds every present key in whichever table it sees.
        Table fresh = new Table(size);
        int mask = size - 1;
        int n = 0;
        for (int p = 0; p < logged; p++) {
            Entry e = t.log[p];
            if (e != null && e.get() != null) {
                int i = mix(e.hash) & mask;
                while (fresh.index[i] != 0) {
                    i = (i + 1) & mask;
                }
                e.pos = n;
                fresh.log[n] = e;
                fresh.index[i] = ((long) e.hash << 32) | (n + 1);
                n++;
            }
        }
        used = n;
        logged = n;
        tombstones = 0;
        table = fresh;
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
