package io.jlockdep.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

    private EdgeWitness(WeakReference<Object> from, WeakReference<Object> to) {
        this.from = from;
        this.to = to;
    }

    /** The evidence of an edge recorded now: {@code from} held (null if not one instance), {@code to} acquired. */
    static EdgeWitness observe(ThreadState ts, Object from, Object to) {
        return observe(ts, from == null ? null : new WeakReference<>(from), new WeakReference<>(to));
    }

    /**
     * {@link #observe(ThreadState, Object, Object)} given weak references to the two instances that exist
     * already (an instance order's nodes), also taken for a gate that is the held instance: short-lived
     * same-class nesting would otherwise make three more weak references per pair, each one work for the
     * collector.
     */
    @SuppressWarnings("unchecked")
    static EdgeWitness observe(ThreadState ts, WeakReference<Object> fromRef, WeakReference<Object> toRef) {
        EdgeWitness w = new EdgeWitness(fromRef, toRef);
        Object from = fromRef == null ? null : fromRef.get();
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
                    w.gates[w.gateCount] = from != null && e.lock == from ? fromRef : new WeakReference<>(e.lock);
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

    /** Whether {@code ref} is still one of this edge's gates: every observation since it was taken held it. */
    private boolean keeps(WeakReference<Object> ref) {
        for (int i = 0; i < gateCount; i++) {
            if (gates[i] == ref) {
                return true;
            }
        }
        return false;
    }

    private int indexOfLive(Object g) {
        for (int i = 0; i < gateCount; i++) {
            if (gates[i].get() == g) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The live instances that gate every edge of a cycle now, first gate of the first edge first; empty when
     * none is common or an edge has no evidence (null: primed, merged, or not stored for lack of room).
     */
    @SuppressWarnings("unchecked")
    static List<CommonGate> commonGates(EdgeWitness[] cycle) {
        for (EdgeWitness w : cycle) {
            if (w == null || w.gateCount == 0) {
                return Collections.emptyList();
            }
        }
        List<CommonGate> out = new ArrayList<>(1);
        EdgeWitness first = cycle[0];
        for (int i = 0; i < first.gateCount; i++) {
            Object g = first.gates[i].get();
            if (g == null) {
                continue;
            }
            WeakReference<Object>[] refs = new WeakReference[cycle.length];
            refs[0] = first.gates[i];
            for (int k = 1; k < cycle.length && refs[k - 1] != null; k++) {
                int j = cycle[k].indexOfLive(g);
                refs[k] = j < 0 ? null : cycle[k].gates[j];
            }
            if (refs[cycle.length - 1] != null) {
                out.add(new CommonGate(first.gateClasses[i], refs));
            }
        }
        return out;
    }

    /**
     * One instance that gated every edge of a cycle when the cycle was found, as its reference in each
     * edge's evidence. It still gates the cycle while every edge keeps that reference, also once the
     * instance is collected: no edge can be taken under a collected lock, so an edge observed again drops
     * it, and until then every observation held it. The references are compared, not the instance, which
     * may be gone.
     */
    static final class CommonGate {
        final LockClass cls;
        private final WeakReference<Object>[] refs;

        private CommonGate(LockClass cls, WeakReference<Object>[] refs) {
            this.cls = cls;
            this.refs = refs;
        }

        /** Whether every edge of {@code cycle} (the evidence it was found in, same order) still has this gate. */
        boolean stands(EdgeWitness[] cycle) {
            for (int k = 0; k < cycle.length; k++) {
                if (!cycle[k].keeps(refs[k])) {
                    return false;
                }
            }
            return true;
        }
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
