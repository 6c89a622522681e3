package io.jlockdep.bootstrap;

import java.lang.ref.WeakReference;

/**
 * What the hooks know about individual lock objects, keyed by identity and held weakly: the lock class
 * of a {@code j.u.c} lock or plain {@code Object} (from its allocation site), the lock a {@code Condition}
 * belongs to, the {@code sync} of a read/write lock. Reads take no lock and allocate nothing, because
 * they run on every acquisition; writes (lock creation) take this table's monitor. Entries whose key was
 * collected are dropped when the table is rebuilt, so memory follows the live locks.
 */
final class LockSites {
    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final Object value;

        Entry(Object key, int hash, Object value) {
            super(key);
            this.hash = hash;
            this.value = value;
        }
    }

    private volatile Entry[] table = new Entry[1024];
    /** Slots in use, live or cleared; guarded by this. */
    private int used;

    /** The value stored for {@code key}, or null. */
    Object get(Object key) {
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(System.identityHashCode(key)) & mask;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.get() == key) {
                return e.value;
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores {@code value} for {@code key}, replacing an earlier value. */
    synchronized void put(Object key, Object value) {
        int h = System.identityHashCode(key);
        Entry[] t = table;
        int mask = t.length - 1;
        int i = mix(h) & mask;
        while (true) {
            Entry e = t[i];
            if (e == null) {
                break;
            }
            if (e.get() == key) {
                t[i] = new Entry(key, h, value);
                return;
            }
            i = (i + 1) & mask;
        }
        t[i] = new Entry(key, h, value);
        if (++used * 2 > t.length) {
            rebuild(t);
        }
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
            if (e.get() == key) {
                // Open addressing: re-insert the rest of the run rather than leave a hole.
                Entry[] copy = t.clone();
                copy[i] = null;
                int j = (i + 1) & mask;
                while (copy[j] != null) {
                    Entry moved = copy[j];
                    copy[j] = null;
                    insert(copy, moved);
                    j = (j + 1) & mask;
                }
                table = copy;
                used--;
                return;
            }
            i = (i + 1) & mask;
        }
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

    /** Drops cleared entries and grows when the live ones still fill a quarter of the table. */
    private void rebuild(Entry[] t) {
        int live = 0;
        for (Entry e : t) {
            if (e != null && e.get() != null) {
                live++;
            }
        }
        int size = t.length;
        if (live * 4 > size) {
            size *= 2;
        }
        Entry[] fresh = new Entry[size];
        for (Entry e : t) {
            if (e != null && e.get() != null) {
                insert(fresh, e);
            }
        }
        used = live;
        table = fresh;
    }

    private static void insert(Entry[] t, Entry e) {
        int mask = t.length - 1;
        int i = mix(e.hash) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
