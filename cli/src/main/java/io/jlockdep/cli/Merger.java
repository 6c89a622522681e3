package io.jlockdep.cli;

import io.jlockdep.core.Contract;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.EdgeType;
import io.jlockdep.core.Finding;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.Mode;
import io.jlockdep.fence.FenceLockdep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code merge}: the union of the dependency edges several recordings made with {@code edges=on}, by lock
 * class name and edge type, searched for cycles by the engine itself (each union edge primed as a declared
 * order, in command-line and then file order, so the engine's strong-path rules and cycle ids apply
 * unchanged). The engine is primed with the fence contract first, as the agent primes it in every JVM
 * (primed orders are not recorded as edges), so a cycle that runs through the contract and the edges of
 * several JVMs is found too. The result is the cycles no single recording shows.
 */
final class Merger {
    private Merger() {
    }

    /** What a merge found. */
    static final class Result {
        /** Cycles only the union shows. */
        final List<FindingRecord> findings;
        /** Distinct edges in the union. */
        final int unionEdges;
        /** Cycle ids the recordings report themselves, and cycles of the union that one recording holds whole. */
        final Set<String> singleRecordingIds;
        /** Cycles the engine found in the union that a single recording already shows (left to check). */
        final int singleRecordingCycles;

        Result(List<FindingRecord> findings, int unionEdges, Set<String> singleRecordingIds, int singleRecordingCycles) {
            this.findings = Collections.unmodifiableList(findings);
            this.unionEdges = unionEdges;
            this.singleRecordingIds = Collections.unmodifiableSet(singleRecordingIds);
            this.singleRecordingCycles = singleRecordingCycles;
        }
    }

    /** An edge of the union: where it was first seen, and which recordings (by position) have it. */
    private static final class UnionEdge {
        final EdgeRecord first;
        final int firstRecording;
        final BitSet recordings = new BitSet();

        UnionEdge(EdgeRecord first, int firstRecording) {
            this.first = first;
            this.firstRecording = firstRecording;
        }
    }

    /**
     * Merges the recordings' edges.
     *
     * @throws CliException when a recording was not made with {@code edges=on}
     */
    static Result merge(List<Recording> recordings) throws CliException {
        for (Recording r : recordings) {
            // No edge: a run without edges=on, unless its Statistics event says edges were recorded (then
            // it never nested two locks and has nothing to add).
            if (r.plainEdges.isEmpty() && !Boolean.TRUE.equals(r.edgesRecorded)) {
                throw CliException.file(r.name, "no dependency edges; record with edges=on");
            }
        }
        Map<String, UnionEdge> union = new LinkedHashMap<>();
        for (int i = 0; i < recordings.size(); i++) {
            for (EdgeRecord e : recordings.get(i).plainEdges) {
                if (e.from.isEmpty() || e.to.isEmpty() || e.from.equals(e.to) || edgeType(e.type) == null) {
                    continue;
                }
                UnionEdge u = union.get(e.key());
                if (u == null) {
                    u = new UnionEdge(e, i);
                    union.put(e.key(), u);
                }
                u.recordings.set(i);
            }
        }
        int classes = Math.max(16384, 2 * union.size() + 16);
        Lockdep engine = new Lockdep(LockdepConfig.builder().maxClasses(classes)
                .maxEdges(Math.max(262144, union.size() + 16)).captureStacks(false).build());
        new FenceLockdep(engine).prime();
        OnCycles onCycles = new OnCycles();
        for (GraphSnapshot.Edge e : engine.snapshot().edges()) {
            onCycles.add(e.from(), e.to());
        }
        for (UnionEdge u : union.values()) {
            onCycles.add(u.first.from, u.first.to);
        }
        onCycles.solve();
        List<Contract.Order> orders = new ArrayList<>();
        int k = 0;
        for (UnionEdge u : union.values()) {
            k++;
            if (onCycles.mayClose(u.first.from, u.first.to)) {
                EdgeType t = edgeType(u.first.type);
                orders.add(new Contract.Order(u.first.from, heldMode(t), u.first.to, acquiredMode(t),
                        "merged edge " + (k - 1)));
            }
        }
        List<Finding> found = engine.prime(Contract.of(orders));
        BitSet everyRecording = new BitSet();
        everyRecording.set(0, recordings.size());

        Set<String> single = new HashSet<>();
        for (Recording r : recordings) {
            for (FindingRecord f : r.findings) {
                single.add(f.cycleId);
            }
        }
        List<FindingRecord> out = new ArrayList<>();
        int skipped = 0;
        for (Finding f : found) {
            List<UnionEdge> cycle = new ArrayList<>();
            for (CycleEdge ce : f.edges()) {
                UnionEdge u = union.get(EdgeRecord.key(ce.from(), ce.to(), ce.type().name()));
                if (u == null && FenceLockdep.CONTRACT_ORIGIN.equals(ce.origin())) {
                    // primed in every JVM: counts as present in every recording
                    u = new UnionEdge(new EdgeRecord(ce.from(), ce.to(), ce.type().name(), "", "", ce.origin(), "",
                            null, null), Integer.MAX_VALUE);
                    u.recordings.or(everyRecording);
                }
                if (u == null) {
                    cycle = null;
                    break;
                }
                cycle.add(u);
            }
            if (cycle == null || cycle.isEmpty()) {
                continue;
            }
            BitSet common = (BitSet) cycle.get(0).recordings.clone();
            for (UnionEdge u : cycle) {
                common.and(u.recordings);
            }
            if (single.contains(f.cycleId()) || !common.isEmpty()) {
                single.add(f.cycleId());
                skipped++;
                continue;
            }
            out.add(finding(f, rotate(cycle), recordings));
        }
        return new Result(out, union.size(), single, skipped);
    }

    /**
     * Which edges of the union can lie on a cycle at all: those inside one strongly connected component
     * (Tarjan's algorithm, iterative, linear in the edges). Only they are primed into the engine: an edge
     * outside every component is on no cycle, and leaving it out changes no path the engine's search
     * finds, while priming each of a hundred thousand edges with a search over the whole graph is
     * quadratic.
     */
    static final class OnCycles {
        private final Map<String, Integer> ids = new HashMap<>();
        private int[] edgeFrom = new int[1024];
        private int[] edgeTo = new int[1024];
        private int edges;
        private int[] component;

        void add(String from, String to) {
            if (edges == edgeFrom.length) {
                edgeFrom = Arrays.copyOf(edgeFrom, 2 * edges);
                edgeTo = Arrays.copyOf(edgeTo, 2 * edges);
            }
            edgeFrom[edges] = id(from);
            edgeTo[edges] = id(to);
            edges++;
        }

        private int id(String name) {
            Integer id = ids.get(name);
            if (id == null) {
                id = ids.size();
                ids.put(name, id);
            }
            return id;
        }

        /** Whether {@code from -> to} (added before {@link #solve}) joins two nodes of one component. */
        boolean mayClose(String from, String to) {
            Integer a = ids.get(from);
            Integer b = ids.get(to);
            return a != null && b != null && component[a] == component[b];
        }

        /** Numbers the strongly connected components. */
        void solve() {
            int n = ids.size();
            // Adjacency in compressed form.
            int[] start = new int[n + 1];
            for (int e = 0; e < edges; e++) {
                start[edgeFrom[e] + 1]++;
            }
            for (int v = 0; v < n; v++) {
                start[v + 1] += start[v];
            }
            int[] adj = new int[edges];
            int[] fill = Arrays.copyOf(start, n);
            for (int e = 0; e < edges; e++) {
                adj[fill[edgeFrom[e]]++] = edgeTo[e];
            }
            component = new int[n];
            Arrays.fill(component, -1);
            int[] index = new int[n];
            int[] low = new int[n];
            Arrays.fill(index, -1);
            boolean[] onStack = new boolean[n];
            int[] stack = new int[n];
            int sp = 0;
            int[] callV = new int[n];
            int[] callNext = new int[n];
            int counter = 0;
            int components = 0;
            for (int root = 0; root < n; root++) {
                if (index[root] >= 0) {
                    continue;
                }
                int depth = 0;
                callV[0] = root;
                callNext[0] = start[root];
                index[root] = low[root] = counter++;
                stack[sp++] = root;
                onStack[root] = true;
                while (depth >= 0) {
                    int v = callV[depth];
                    if (callNext[depth] < start[v + 1]) {
                        int w = adj[callNext[depth]++];
                        if (index[w] < 0) {
                            index[w] = low[w] = counter++;
                            stack[sp++] = w;
                            onStack[w] = true;
                            depth++;
                            callV[depth] = w;
                            callNext[depth] = start[w];
                        } else if (onStack[w]) {
                            low[v] = Math.min(low[v], index[w]);
                        }
                        continue;
                    }
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            component[w] = components;
                        } while (w != v);
                        components++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int parent = callV[depth];
                        low[parent] = Math.min(low[parent], low[v]);
                    }
                }
            }
        }
    }

    /** The cycle starting at the edge first seen in the earliest recording (the engine starts at the last). */
    private static List<UnionEdge> rotate(List<UnionEdge> cycle) {
        int best = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i).firstRecording < cycle.get(best).firstRecording) {
                best = i;
            }
        }
        List<UnionEdge> out = new ArrayList<>(cycle.size());
        for (int i = 0; i < cycle.size(); i++) {
            out.add(cycle.get((best + i) % cycle.size()));
        }
        return out;
    }

    private static FindingRecord finding(Finding f, List<UnionEdge> cycle, List<Recording> recordings) {
        List<EdgeRecord> edges = new ArrayList<>(cycle.size());
        BitSet used = new BitSet();
        for (UnionEdge u : cycle) {
            if (u.firstRecording == Integer.MAX_VALUE) {
                edges.add(u.first);
                continue;
            }
            List<String> others = new ArrayList<>();
            for (int i = u.recordings.nextSetBit(0); i >= 0; i = u.recordings.nextSetBit(i + 1)) {
                if (i != u.firstRecording) {
                    others.add(recordings.get(i).name);
                }
            }
            edges.add(u.first.withAlsoIn(others));
            used.set(u.firstRecording);
        }
        StringBuilder classes = new StringBuilder(edges.get(0).from);
        for (EdgeRecord e : edges) {
            classes.append(" -> ").append(e.to);
        }
        String report = MergedReport.render(f.cycleId(), classes.toString(), edges);
        // Orders from different JVMs: no instance is comparable, so the engine's evidence is unknown (class-only).
        FindingRecord out = new FindingRecord(f.cycleId(), f.kind().id(), classes.toString(), edges.size(), report,
                "", "", edges, true, f.evidence().id(), f.gatedBy(), f.origins());
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            out.addRecording(recordings.get(i).name);
        }
        return out;
    }

    /** The edge type named {@code s}, or null. */
    static EdgeType edgeType(String s) {
        for (EdgeType t : EdgeType.values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }

    /** How the held lock of an edge of type {@code t} was held: E = exclusive, S = shared. */
    static Mode heldMode(EdgeType t) {
        return t.startsShared() ? Mode.SHARED : Mode.EXCLUSIVE;
    }

    /** How the acquired lock of an edge of type {@code t} was taken: R = recursive-shared, N = exclusive. */
    static Mode acquiredMode(EdgeType t) {
        return t.endsRecursive() ? Mode.SHARED_RECURSIVE : Mode.EXCLUSIVE;
    }
}
