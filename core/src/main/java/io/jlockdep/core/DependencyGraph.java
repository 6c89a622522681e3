package io.jlockdep.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * A directed graph of typed dependency edges over dense int nodes, with the strong-path cycle search.
 * Used for the class graph (node = class id) and for each class's instance graph. Not thread-safe:
 * the engine only touches it under its graph lock.
 */
final class DependencyGraph {
    /** An edge {@code from -> to} with its type bits and where it was first seen. */
    static final class Edge {
        final int from;
        final int to;
        int types;
        String thread;
        /** Where it was first seen; null while {@link #trace} holds it. */
        StackTraceElement[] stack;
        /**
         * Where it was first seen, not yet made into frames (instance edges only, see
         * {@link #traced}); dropped when the edge is removed.
         */
        Throwable trace;
        String origin;
        String context;
        /** The instances it was first observed with and its gates; null when primed (unknown evidence). */
        EdgeWitness witness;

        Edge(int from, int to) {
            this.from = from;
            this.to = to;
        }

        /** Takes the types and first-seen data of {@code other} (an edge of a graph being rebuilt). */
        void copyFirstSeen(Edge other) {
            types = other.types;
            thread = other.thread;
            stack = other.stack;
            trace = other.trace;
            origin = other.origin;
            context = other.context;
            witness = other.witness; // shared: a parked gated finding keeps watching the same gates
        }
    }

    /** A path found by {@link #findStrongCycle}: edges and the type each one is used with. */
    static final class Path {
        final List<Edge> edges = new ArrayList<>();
        final List<EdgeType> types = new ArrayList<>();
    }

    private Edge[][] out = new Edge[16][];
    private int[] outCount = new int[16];
    /** Incoming lists are kept only when nodes can be removed (instance graphs). */
    private final boolean removable;
    private Edge[][] in;
    private int[] inCount;
    /** Edge by (from, to), for the class graph only (see {@link #edge}). */
    private final HashMap<Long, Edge> index = new HashMap<>();
    private int edgeCount;
    /** Edges given a {@link Edge#trace} since {@link #takeTraced}; some may have been removed since. */
    private Edge[] traced = new Edge[16];
    private int tracedCount;

    // BFS scratch, reused between searches (slow path, under the graph lock).
    private int[] visitMark = new int[32];
    private int visitGeneration;
    private int[] queue = new int[32];
    private Edge[] parentEdge = new Edge[32];
    private int[] parentState = new int[32];
    private byte[] parentType = new byte[32];

    DependencyGraph(boolean removable) {
        this.removable = removable;
        if (removable) {
            in = new Edge[16][];
            inCount = new int[16];
        }
    }

    int edgeCount() {
        return edgeCount;
    }

    Edge edge(int from, int to) {
        if (!removable) {
            return index.get(key(from, to));
        }
        // Instance graphs scan the shorter of the two lists instead: most instances have an edge or two,
        // and a map entry (a boxed key, a node, a rehash now and then) per edge of short-lived instances
        // cost more than the scan. The lists of two nodes are both long only in a dense graph, which the
        // instance-edge limit keeps small.
        if (from >= outCount.length || to >= inCount.length) {
            return null;
        }
        if (outCount[from] <= inCount[to]) {
            Edge[] list = out[from];
            for (int i = 0, n = outCount[from]; i < n; i++) {
                if (list[i].to == to) {
                    return list[i];
                }
            }
        } else {
            Edge[] list = in[to];
            for (int i = 0, n = inCount[to]; i < n; i++) {
                if (list[i].from == from) {
                    return list[i];
                }
            }
        }
        return null;
    }

    /** Adds an edge with no types yet; the caller sets types and first-seen data. */
    Edge addEdge(int from, int to) {
        ensureNode(Math.max(from, to));
        Edge e = new Edge(from, to);
        out[from] = append(out[from], outCount[from]++, e);
        if (removable) {
            in[to] = append(in[to], inCount[to]++, e);
        } else {
            index.put(key(from, to), e);
        }
        edgeCount++;
        return e;
    }

    /** Notes an edge whose {@link Edge#trace} is to be made into frames by the next {@link #takeTraced}. */
    void traced(Edge e) {
        if (tracedCount == traced.length) {
            traced = Arrays.copyOf(traced, tracedCount * 2);
        }
        traced[tracedCount++] = e;
    }

    /** Whether edges noted by {@link #traced} wait. */
    boolean hasTraced() {
        return tracedCount > 0;
    }

    /** Hands the edges noted by {@link #traced} to {@code sink} (those removed since have no trace) and forgets them. */
    void takeTraced(java.util.function.Consumer<Edge> sink) {
        for (int i = 0; i < tracedCount; i++) {
            Edge e = traced[i];
            traced[i] = null;
            if (e.trace != null) {
                sink.accept(e);
            }
        }
        tracedCount = 0;
        if (traced.length > 1024) {
            traced = new Edge[16]; // a burst's array goes with the burst
        }
    }

    /** Removes a node's edges (its id may then be reused). Only for removable graphs. */
    void removeNode(int node) {
        if (node >= outCount.length) {
            return;
        }
        for (int i = 0; i < outCount[node]; i++) {
            Edge e = out[node][i];
            e.trace = null;
            removeFrom(in, inCount, e.to, e);
            edgeCount--;
        }
        outCount[node] = 0;
        out[node] = null;
        for (int i = 0; i < inCount[node]; i++) {
            Edge e = in[node][i];
            e.trace = null;
            removeFrom(out, outCount, e.from, e);
            edgeCount--;
        }
        inCount[node] = 0;
        in[node] = null;
    }

    List<Edge> edges() {
        List<Edge> all = new ArrayList<>(edgeCount);
        for (int n = 0; n < outCount.length; n++) {
            for (int i = 0; i < outCount[n]; i++) {
                all.add(out[n][i]);
            }
        }
        return all;
    }

    /**
     * Searches a strong closed walk that uses the edge {@code from -> to} with type {@code type}: a strong
     * path from {@code to} back to {@code from} whose junctions with that edge are strong too. The
     * search runs over states (node, arrived by an {@code *R} edge?), so it is complete for walks, and
     * breadth-first, so the path is a shortest one.
     *
     * @return the path from {@code to} to {@code from}, or null if the edge closes no strong cycle
     */
    Path findStrongCycle(int from, int to, EdgeType type) {
        // Over a limit, the edge being checked may not have been stored, so its nodes may be new here.
        ensureNode(Math.max(from, to));
        int states = 2 * outCount.length;
        if (visitMark.length < states) {
            int n = Math.max(states, visitMark.length * 2);
            visitMark = new int[n];
            queue = new int[n];
            parentEdge = new Edge[n];
            parentState = new int[n];
            parentType = new byte[n];
            visitGeneration = 0;
        }
        if (++visitGeneration == Integer.MAX_VALUE) {
            Arrays.fill(visitMark, 0);
            visitGeneration = 1;
        }
        int gen = visitGeneration;
        int start = state(to, type.endsRecursive());
        visitMark[start] = gen;
        parentEdge[start] = null;
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        while (head < tail) {
            int s = queue[head++];
            int node = s >>> 1;
            boolean arrivedR = (s & 1) != 0;
            if (node >= outCount.length) {
                continue;
            }
            Edge[] list = out[node];
            for (int i = 0, n = outCount[node]; i < n; i++) {
                Edge e = list[i];
                for (int t = 0; t < 4; t++) {
                    if ((e.types & (1 << t)) == 0) {
                        continue;
                    }
                    EdgeType u = EdgeType.ofIndex(t);
                    if (arrivedR && u.startsShared()) {
                        continue; // *R then S*: not strong
                    }
                    int next = state(e.to, u.endsRecursive());
                    if (visitMark[next] == gen) {
                        continue;
                    }
                    visitMark[next] = gen;
                    parentEdge[next] = e;
                    parentState[next] = s;
                    parentType[next] = (byte) t;
                    if (e.to == from && !(u.endsRecursive() && type.startsShared())) {
                        return buildPath(next);
                    }
                    queue[tail++] = next;
                }
            }
        }
        return null;
    }

    private Path buildPath(int end) {
        Path p = new Path();
        for (int s = end; parentEdge[s] != null; s = parentState[s]) {
            p.edges.add(0, parentEdge[s]);
            p.types.add(0, EdgeType.ofIndex(parentType[s]));
        }
        return p;
    }

    private static int state(int node, boolean arrivedR) {
        return (node << 1) | (arrivedR ? 1 : 0);
    }

    /**
     * The edge's key: (from, to) packed, times an odd constant — a bijection on longs, so still one key per
     * edge, but spread: {@code Long.hashCode} of the plain packing is {@code from ^ to}, which puts the edges
     * of dense node ids into a few tree bins.
     */
    private static long key(int from, int to) {
        return (((long) from << 32) | (to & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }

    private void ensureNode(int node) {
        if (node < outCount.length) {
            return;
        }
        int n = Math.max(node + 1, outCount.length * 2);
        out = Arrays.copyOf(out, n);
        outCount = Arrays.copyOf(outCount, n);
        if (removable) {
            in = Arrays.copyOf(in, n);
            inCount = Arrays.copyOf(inCount, n);
        }
    }

    private static Edge[] append(Edge[] list, int size, Edge e) {
        if (list == null) {
            list = new Edge[4];
        } else if (size == list.length) {
            list = Arrays.copyOf(list, size * 2);
        }
        list[size] = e;
        return list;
    }

    private static void removeFrom(Edge[][] lists, int[] counts, int node, Edge e) {
        Edge[] list = lists[node];
        int n = counts[node];
        for (int i = 0; i < n; i++) {
            if (list[i] == e) {
                list[i] = list[n - 1];
                list[n - 1] = null;
                counts[node] = n - 1;
                return;
            }
        }
    }
}
