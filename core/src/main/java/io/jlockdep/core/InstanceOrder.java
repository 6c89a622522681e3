package io.jlockdep.core;

/**
 * The order in which instances of one lock class have been nested (same-class policy {@code instance}).
 * Nodes are instances, held weakly: when a lock object is collected, its node and edges go too, so
 * memory follows the live locks. Guarded by the engine's graph lock.
 */
final class InstanceOrder {
    final DependencyGraph graph = new DependencyGraph(true);
    private final WeakIdentityMap<int[]> nodes = new WeakIdentityMap<>();
    private int[] freeIds = new int[8];
    private int freeCount;
    private int nextId;
    private int nextSerial;
    private String[] labels = new String[16];

    /** Drops the nodes (and edges) of collected instances; returns how many edges went with them. */
    int expunge() {
        final int before = graph.edgeCount();
        nodes.expunge(new WeakIdentityMap.Sink<int[]>() {
            @Override
            public void collected(int[] node) {
                graph.removeNode(node[0]);
                labels[node[0]] = null;
                if (freeCount == freeIds.length) {
                    freeIds = java.util.Arrays.copyOf(freeIds, freeCount * 2);
                }
                freeIds[freeCount++] = node[0];
            }
        });
        return before - graph.edgeCount();
    }

    /** The node of an instance, created on first use. */
    int nodeOf(Object lock) {
        int[] node = nodes.get(lock);
        if (node == null) {
            int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
            node = new int[] {id};
            nodes.put(lock, node);
            if (id >= labels.length) {
                labels = java.util.Arrays.copyOf(labels, Math.max(id + 1, labels.length * 2));
            }
            labels[id] = "instance #" + (++nextSerial);
        }
        return node[0];
    }

    /** A label for reports, e.g. {@code instance #3} (numbered in order of first same-class use). */
    String label(int node) {
        return node < labels.length && labels[node] != null ? labels[node] : "instance (collected)";
    }
}
