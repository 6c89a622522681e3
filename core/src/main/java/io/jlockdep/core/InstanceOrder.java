package io.jlockdep.core;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The order in which instances of one lock class have been nested (same-class policy {@code instance}).
 * Nodes are instances, held weakly: when a lock object is collected, its node and edges go too
 * ({@link #expunge}), and an order that has become mostly free ids is rebuilt smaller
 * ({@link #compacted}), so memory follows the live locks. Guarded by the engine's graph lock.
 *
 * <p>Programs nest short-lived instances of one class by the million (two fresh objects locked nested,
 * then dropped), so a node costs one weak reference and a few array slots, and the index is rebuilt in
 * amortized constant time from int arrays alone.
 */
final class InstanceOrder {
    /** Below this many ids an order is never compacted: the arrays are small anyway. */
    private static final int COMPACT_MIN_IDS = 1024;
    /** Longest instance name shown in a label. */
    private static final int MAX_NAME = 80;
    /** The smallest index. */
    private static final int MIN_SLOTS = 32;
    /** An index slot whose node was expunged: probing goes on past it, inserts may reuse it. */
    private static final long TOMBSTONE = -1L;

    /**
     * An instance's node: the instance held weakly, and its id. Queued on {@link #collected} when the
     * collector clears the instance. One object per node, no value box: short-lived same-class nesting
     * makes nodes by the hundred thousand between two collections, and each survives one.
     */
    private static final class Node extends WeakReference<Object> {
        final int id;

        Node(Object lock, int id, ReferenceQueue<Object> queue) {
            super(lock, queue);
            this.id = id;
        }
    }

    final DependencyGraph graph = new DependencyGraph(true);
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /**
     * Instance → node: open addressing over {@code long}s, each the instance's identity hash (high half)
     * and its node id plus one (low half; 0 is an empty slot). Only the graph lock reads and writes it, so
     * unlike {@link WeakIdentityMap} it needs no lock-free publication, and it holds no references.
     */
    private long[] index = new long[MIN_SLOTS];
    /** Non-empty index slots (nodes and tombstones). */
    private int used;
    private int tombstones;
    /** The node of each id; null for a free id. */
    private Node[] byId = new Node[16];
    /** Identity hash of each id's instance: rehashing reads no node. */
    private int[] hashes = new int[16];
    /** Nodes not yet expunged: live instances and collected ones the queue has not handed back yet. */
    private int known;
    private int[] freeIds = new int[8];
    private int freeCount;
    private int nextId;
    private int nextSerial;
    /** Serial of each node id; 0 for a free id. Labels are made from it only when a report needs one. */
    private int[] serials = new int[16];
    /** Name of each node id given by {@code Lockdep.setInstanceName}, or null. */
    private String[] names = new String[16];

    /** Cleared by the first collection after edges got traces; null while none waits. */
    private WeakReference<Object> collection;

    /**
     * Whether a collection has passed since the edges waiting in {@link DependencyGraph#takeTraced} got
     * their traces (first call after they did: starts watching for one).
     */
    boolean tracesDue() {
        if (!graph.hasTraced()) {
            collection = null;
            return false;
        }
        if (collection == null) {
            collection = new WeakReference<>(new Object());
            return false;
        }
        if (collection.get() != null) {
            return false;
        }
        collection = null;
        return true;
    }

    /**
     * Whether node {@code id}'s instance is alive. Right after a collection it may already be cleared but not
     * yet expunged (the queue is filled by another thread).
     */
    boolean isLive(int id) {
        return id < byId.length && byId[id] != null && byId[id].get() != null;
    }

    /** A weak reference to node {@code id}'s instance (its node), for the evidence of its edges. */
    WeakReference<Object> ref(int id) {
        return byId[id];
    }

    /** Drops the nodes (and edges) of collected instances; returns how many edges went with them. */
    int expunge() {
        Reference<?> r = collected.poll();
        if (r == null) {
            return 0;
        }
        final int before = graph.edgeCount();
        for (; r != null; r = collected.poll()) {
            Node node = (Node) r;
            int id = node.id;
            if (byId[id] != node) {
                continue; // not this order's (cannot happen: a compacted order has its own queue)
            }
            unindex(id);
            byId[id] = null;
            graph.removeNode(id);
            known--;
            serials[id] = 0;
            names[id] = null;
            if (freeCount == freeIds.length) {
                freeIds = Arrays.copyOf(freeIds, freeCount * 2);
            }
            freeIds[freeCount++] = id;
        }
        // Shrinks after a burst of garbage, so the index follows the live nodes; clears tombstones.
        if (tombstones * 4 > index.length || index.length > MIN_SLOTS && known * 16 < index.length) {
            rehash();
        }
        return before - graph.edgeCount();
    }

    /** The node of an instance, created on first use (named from {@code instanceNames}). */
    int nodeOf(Object lock, WeakIdentityMap<String> instanceNames) {
        int h = System.identityHashCode(lock);
        int id = find(lock, h);
        return id >= 0 ? id : newNode(lock, h, ++nextSerial, instanceNames.get(lock));
    }

    /** The node of an instance, or -1 if it has none. */
    int find(Object lock) {
        return find(lock, System.identityHashCode(lock));
    }

    private int find(Object lock, int h) {
        long[] idx = index;
        int mask = idx.length - 1;
        for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
            long slot = idx[i];
            if (slot == 0) {
                return -1;
            }
            if (slot != TOMBSTONE && (int) (slot >>> 32) == h) {
                int id = (int) slot - 1;
                if (byId[id].get() == lock) {
                    return id;
                }
            }
        }
    }

    /** Adds a node for an instance that has none; returns its id. */
    private int newNode(Object lock, int h, int serial, String name) {
        if ((used + 1) * 2 > index.length) {
            rehash();
        }
        int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
        if (id >= byId.length) {
            int n = Math.max(id + 1, byId.length * 2);
            byId = Arrays.copyOf(byId, n);
            hashes = Arrays.copyOf(hashes, n);
            serials = Arrays.copyOf(serials, n);
            names = Arrays.copyOf(names, n);
        }
        byId[id] = new Node(lock, id, collected);
        hashes[id] = h;
        serials[id] = serial;
        names[id] = name;
        known++;
        int mask = index.length - 1;
        int i = mix(h) & mask;
        long slot;
        while ((slot = index[i]) != 0 && slot != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (slot == TOMBSTONE) {
            tombstones--;
        } else {
            used++;
        }
        index[i] = ((long) h << 32) | (id + 1);
        return id;
    }

    /** Turns the index slot of node {@code id} into a tombstone. */
    private void unindex(int id) {
        long want = ((long) hashes[id] << 32) | (id + 1);
        int mask = index.length - 1;
        for (int i = mix(hashes[id]) & mask; index[i] != 0; i = (i + 1) & mask) {
            if (index[i] == want) {
                index[i] = TOMBSTONE;
                tombstones++;
                return;
            }
        }
    }

    /**
     * A new index for the nodes not yet expunged, without tombstones, at most a quarter full (so as many
     * inserts again fit before the next rehash: amortized constant) and, after a burst, shrunk to them.
     */
    private void rehash() {
        int size = MIN_SLOTS;
        while (size < known * 4L + 4) {
            size *= 2;
        }
        long[] fresh = new long[size];
        int mask = size - 1;
        for (int id = 0; id < nextId; id++) {
            if (byId[id] != null) {
                int i = mix(hashes[id]) & mask;
                while (fresh[i] != 0) {
                    i = (i + 1) & mask;
                }
                fresh[i] = ((long) hashes[id] << 32) | (id + 1);
            }
        }
        index = fresh;
        used = known;
        tombstones = 0;
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }

    /** Gives a known instance a new name (or none); unknown instances get theirs when first nested. */
    void rename(Object lock, String name) {
        int h = System.identityHashCode(lock);
        int mask = index.length - 1;
        for (int i = mix(h) & mask; index[i] != 0; i = (i + 1) & mask) {
            long slot = index[i];
            if (slot != TOMBSTONE && (int) (slot >>> 32) == h && byId[(int) slot - 1].get() == lock) {
                names[(int) slot - 1] = name;
                return;
            }
        }
    }

    /**
     * A name as labels show it: no control characters, {@code '} for {@code "}, at most {@value #MAX_NAME}
     * chars; null if empty.
     */
    static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(name.length(), MAX_NAME + 1));
        for (int i = 0; i < name.length() && b.length() <= MAX_NAME; i++) {
            char c = name.charAt(i);
            if (!Character.isISOControl(c)) {
                b.append(c == '"' ? '\'' : c); // the label quotes the name
            }
        }
        if (b.length() > MAX_NAME) {
            b.setLength(MAX_NAME - 3);
            b.append("...");
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Node ids in use or free: the size the graph's per-node arrays are grown to. */
    int ids() {
        return nextId;
    }

    /** Instances known: live ones and collected ones not yet expunged. */
    int nodes() {
        return known;
    }

    /** Whether no instance of the class is known any more (the order can be dropped). */
    boolean isEmpty() {
        return nodes() == 0;
    }

    /**
     * Whether most ids are free: the graph's per-node arrays were sized by a burst of instances (the
     * garbage between two collections) that is gone now.
     */
    boolean isSparse() {
        return nextId >= COMPACT_MIN_IDS && nodes() * 4 < nextId;
    }

    /**
     * A copy holding only the live instances, renumbered densely, with their edges and first-seen data
     * and their serials (report labels do not change). Replaces this order.
     */
    InstanceOrder compacted() {
        InstanceOrder c = new InstanceOrder();
        c.nextSerial = nextSerial;
        int[] renumbered = new int[nextId];
        Arrays.fill(renumbered, -1);
        for (int id = 0; id < nextId; id++) {
            Object lock = byId[id] != null ? byId[id].get() : null; // held strongly while copied
            if (lock != null) {
                renumbered[id] = c.newNode(lock, hashes[id], serials[id], names[id]);
            }
        }
        for (DependencyGraph.Edge e : graph.edges()) {
            int from = renumbered[e.from];
            int to = renumbered[e.to];
            if (from >= 0 && to >= 0) {
                DependencyGraph.Edge copy = c.graph.addEdge(from, to);
                copy.copyFirstSeen(e);
                if (copy.trace != null) {
                    c.graph.traced(copy);
                }
            }
        }
        return c;
    }

    /**
     * A label for reports: {@code instance #3}, numbered in order of first same-class use, or
     * {@code instance #3 "alice"} for a named instance.
     */
    String label(int node) {
        if (node >= serials.length || serials[node] == 0) {
            return "instance (collected)";
        }
        return "instance #" + serials[node] + (names[node] != null ? " \"" + names[node] + "\"" : "");
    }
}
