package io.jlockdep.core;

import java.util.Arrays;

/**
 * The order in which instances of one lock class have been nested (same-class policy {@code instance}).
 * Nodes are instances, held weakly: when a lock object is collected, its node and edges go too
 * ({@link #expunge}), and an order that has become mostly free ids is rebuilt smaller
 * ({@link #compacted}), so memory follows the live locks. Guarded by the engine's graph lock.
 */
final class InstanceOrder {
    /** Below this many ids an order is never compacted: the arrays are small anyway. */
    private static final int COMPACT_MIN_IDS = 1024;
    /** Longest instance name shown in a label. */
    private static final int MAX_NAME = 80;

    final DependencyGraph graph = new DependencyGraph(true);
    /** Instance → {node id, serial}; the serial numbers instances for reports in order of first use. */
    private final WeakIdentityMap<int[]> nodes = new WeakIdentityMap<>(16);
    /** Nodes not yet expunged: live instances and collected ones the map has not handed back yet. */
    private int known;
    private int[] freeIds = new int[8];
    private int freeCount;
    private int nextId;
    private int nextSerial;
    /** Serial of each node id; 0 for a free id. Labels are made from it only when a report needs one. */
    private int[] serials = new int[16];
    /** Name of each node id given by {@code Lockdep.setInstanceName}, or null. */
    private String[] names = new String[16];

    /** Drops the nodes (and edges) of collected instances; returns how many edges went with them. */
    int expunge() {
        final int before = graph.edgeCount();
        nodes.expunge(new WeakIdentityMap.Sink<int[]>() {
            @Override
            public void collected(int[] node) {
                graph.removeNode(node[0]);
                known--;
                serials[node[0]] = 0;
                names[node[0]] = null;
                if (freeCount == freeIds.length) {
                    freeIds = Arrays.copyOf(freeIds, freeCount * 2);
                }
                freeIds[freeCount++] = node[0];
            }
        });
        return before - graph.edgeCount();
    }

    /** The node of an instance, created on first use (named from {@code instanceNames}). */
    int nodeOf(Object lock, WeakIdentityMap<String> instanceNames) {
        int[] node = nodes.get(lock);
        if (node == null) {
            node = newNode(lock, ++nextSerial, instanceNames.get(lock));
        }
        return node[0];
    }

    private int[] newNode(Object lock, int serial, String name) {
        int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
        int[] node = {id, serial};
        nodes.put(lock, node);
        known++;
        if (id >= serials.length) {
            int n = Math.max(id + 1, serials.length * 2);
            serials = Arrays.copyOf(serials, n);
            names = Arrays.copyOf(names, n);
        }
        serials[id] = serial;
        names[id] = name;
        return node;
    }

    /** Gives a known instance a new name (or none); unknown instances get theirs when first nested. */
    void rename(Object lock, String name) {
        int[] node = nodes.get(lock);
        if (node != null) {
            names[node[0]] = name;
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
        final InstanceOrder c = new InstanceOrder();
        c.nextSerial = nextSerial;
        final int[] renumbered = new int[nextId];
        Arrays.fill(renumbered, -1);
        nodes.forEachLive(new WeakIdentityMap.Visitor<int[]>() {
            @Override
            public void visit(Object lock, int[] node) {
                renumbered[node[0]] = c.newNode(lock, node[1], names[node[0]])[0];
            }
        });
        for (DependencyGraph.Edge e : graph.edges()) {
            int from = renumbered[e.from];
            int to = renumbered[e.to];
            if (from >= 0 && to >= 0) {
                c.graph.addEdge(from, to).copyFirstSeen(e);
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
