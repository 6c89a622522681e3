package io.jlockdep.core;

import java.lang.ref.WeakReference;

/**
 * The instance evidence of one dependency edge: the held and the acquired instance of its first observation,
 * and its <em>gates</em> — lock instances held exclusively on every slow-path observation of the edge so far.
 * Created when the edge is first recorded and narrowed when the slow path sees the edge again; the
 * known-chain fast path never touches it. Instances are held weakly and compared by reference (never by
 * {@code System.identityHashCode}, which may inflate a held monitor), so evidence keeps no lock alive; a
 * collected instance is unknown evidence. Used only under the engine's graph lock.
 */
final class EdgeWitness {
    /** The held instance of the first observation; null when not known (an entry merging several instances). */
    private final WeakReference<Object> from;
    private final WeakReference<Object> to;
    private WeakReference<Object>[] gates;
    /** The class each gate had when it was first seen, for "gated by" in reports. */
    private LockClass[] gateClasses;
    private int gateCount;

    private EdgeWitness(Object from, Object to) {
        this.from = from == null ? null : new WeakReference<>(from);
        this.to = to == null ? null : new WeakReference<>(to);
    }

    /** The evidence of an edge recorded now: {@code from} held (null if not one instance), {@code to} acquired. */
    @SuppressWarnings("unchecked")
    static EdgeWitness observe(ThreadState ts, Object from, Object to) {
        EdgeWitness w = new EdgeWitness(from, to);
        int n = 0;
        for (int i = 0; i < ts.depth; i++) {
            if (isGate(ts.entries[i])) {
                n++;
            }
        }
        if (n > 0) {
            w.gates = new WeakReference[n];
            w.gateClasses = new LockClass[n];
            for (int i = 0; i < ts.depth; i++) {
                ThreadState.Entry e = ts.entries[i];
                if (isGate(e)) {
                    w.gates[w.gateCount] = new WeakReference<>(e.lock);
                    w.gateClasses[w.gateCount++] = e.cls;
                }
            }
        }
        return w;
    }

    /**
     * Whether a held entry can gate: one instance of a real lock held exclusively. A read hold excludes no
     * other reader; a pseudo-lock (lockdep map, fence map, non-reentrant pseudo class) excludes nothing at
     * run time; an entry merging several instances under a nest lock is not one instance.
     */
    static boolean isGate(ThreadState.Entry e) {
        return e.writeHolds > 0 && e.mergedCount == 0 && e.nest == null && e.cls.isReentrant()
                && !(e.lock instanceof PseudoLock);
    }

    /** The held instance of the first observation, or null when not known or collected. */
    Object from() {
        return from == null ? null : from.get();
    }

    /** The acquired instance of the first observation, or null when collected. */
    Object to() {
        return to == null ? null : to.get();
    }

    /**
     * The edge is observed again on the slow path: drops every gate {@code ts} does not hold exclusively now
     * (or that was collected).
     *
     * @return whether a gate was dropped
     */
    boolean keepHeld(ThreadState ts) {
        boolean lost = false;
        for (int i = gateCount - 1; i >= 0; i--) {
            Object g = gates[i].get();
            if (g == null || !heldAsGate(ts, g)) {
                gateCount--;
                gates[i] = gates[gateCount];
                gateClasses[i] = gateClasses[gateCount];
                gates[gateCount] = null;
                gateClasses[gateCount] = null;
                lost = true;
            }
        }
        return lost;
    }

    private static boolean heldAsGate(ThreadState ts, Object g) {
        for (int i = 0; i < ts.depth; i++) {
            ThreadState.Entry e = ts.entries[i];
            if (e.lock == g && isGate(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasGate(Object g) {
        for (int i = 0; i < gateCount; i++) {
            if (gates[i].get() == g) {
                return true;
            }
        }
        return false;
    }

    /**
     * The class of a live instance that gates every edge of a cycle, or null: none in common, or an edge
     * without evidence (null: primed, merged, or not stored for lack of room).
     */
    static LockClass commonGate(EdgeWitness[] cycle) {
        for (EdgeWitness w : cycle) {
            if (w == null || w.gateCount == 0) {
                return null;
            }
        }
        EdgeWitness first = cycle[0];
        for (int i = 0; i < first.gateCount; i++) {
            Object g = first.gates[i].get();
            if (g == null) {
                continue;
            }
            boolean everywhere = true;
            for (int k = 1; k < cycle.length && everywhere; k++) {
                everywhere = cycle[k].hasGate(g);
            }
            if (everywhere) {
                return first.gateClasses[i];
            }
        }
        return null;
    }

    /**
     * The evidence of a cycle whose edge {@code i} took {@code to[i]} while holding {@code from[i]}: witnessed
     * when each acquired instance is the next edge's held one (cyclically), unknown when any is null.
     */
    static Evidence evidence(Object[] from, Object[] to) {
        int n = from.length;
        for (int i = 0; i < n; i++) {
            if (from[i] == null || to[i] == null) {
                return Evidence.UNKNOWN;
            }
        }
        for (int i = 0; i < n; i++) {
            if (to[i] != from[(i + 1) % n]) {
                return Evidence.CLASS_ONLY;
            }
        }
        return Evidence.WITNESSED;
    }
}
