package io.jlockdep.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;

/**
 * A map keyed by object identity that does not keep its keys alive. Not thread-safe; callers lock.
 * {@link #expunge()} returns the values of collected keys so that their owners can clean up.
 */
final class WeakIdentityMap<V> {
    private static final class Key extends WeakReference<Object> {
        final int hash;
        Object value;

        Key(Object referent, ReferenceQueue<Object> queue, Object value) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
            this.value = value;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (o instanceof Key) {
                Object mine = get();
                return mine != null && mine == ((Key) o).get();
            }
            if (o instanceof Probe) {
                Object mine = get();
                return mine != null && mine == ((Probe) o).referent;
            }
            return false;
        }
    }

    /** A lookup key that needs no reference object. */
    private static final class Probe {
        final Object referent;
        final int hash;

        Probe(Object referent) {
            this.referent = referent;
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).get() == referent;
        }
    }

    private final HashMap<Object, Key> map = new HashMap<>();
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

    @SuppressWarnings("unchecked")
    V get(Object key) {
        Key k = map.get(new Probe(key));
        return k == null ? null : (V) k.value;
    }

    void put(Object key, V value) {
        Key existing = map.get(new Probe(key));
        if (existing != null) {
            existing.value = value;
            return;
        }
        Key k = new Key(key, queue, value);
        map.put(k, k);
    }

    int size() {
        return map.size();
    }

    /** Drops entries whose keys were collected and hands their values to {@code sink} (may be null). */
    @SuppressWarnings("unchecked")
    void expunge(Sink<V> sink) {
        Object ref;
        while ((ref = queue.poll()) != null) {
            Key k = (Key) ref;
            map.remove(k);
            if (sink != null) {
                sink.collected((V) k.value);
            }
            k.value = null;
        }
    }

    /** Hands every entry whose key is still alive to {@code visitor} (the key held strongly meanwhile). */
    @SuppressWarnings("unchecked")
    void forEachLive(Visitor<V> visitor) {
        for (Key k : map.values()) {
            Object key = k.get();
            if (key != null) {
                visitor.visit(key, (V) k.value);
            }
        }
    }

    /** Receives the live entries. */
    interface Visitor<V> {
        void visit(Object key, V value);
    }

    /** Receives the values of collected keys. */
    interface Sink<V> {
        void collected(V value);
    }
}
