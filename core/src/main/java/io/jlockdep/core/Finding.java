package io.jlockdep.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One potential deadlock (or lock misuse) the engine found: what kind, the cycle as lock classes and
 * typed edges with where each order was first seen, what the reporting thread held, and a stable id.
 * Immutable; {@link #render()} formats it in the lockdep report layout.
 */
public final class Finding {
    private final FindingKind kind;
    private final String cycleId;
    private final List<CycleEdge> edges;
    private final String threadName;
    private final String acquiringClass;
    private final Mode acquiringMode;
    private final String heldClass;
    private final Mode heldMode;
    private final List<HeldLock> heldLocks;
    private final StackTraceElement[] stack;
    private final String note;
    private final Evidence evidence;
    private final String gatedBy;
    private final Map<String, String> origins;
    private volatile String rendered;

    Finding(FindingKind kind, String cycleId, List<CycleEdge> edges, String threadName, String acquiringClass,
            Mode acquiringMode, String heldClass, Mode heldMode, List<HeldLock> heldLocks,
            StackTraceElement[] stack, String note, Evidence evidence, String gatedBy, Map<String, String> origins) {
        this.kind = kind;
        this.cycleId = cycleId;
        this.edges = Collections.unmodifiableList(edges);
        this.threadName = threadName;
        this.acquiringClass = acquiringClass;
        this.acquiringMode = acquiringMode;
        this.heldClass = heldClass;
        this.heldMode = heldMode;
        this.heldLocks = Collections.unmodifiableList(heldLocks);
        this.stack = stack;
        this.note = note;
        this.evidence = evidence;
        this.gatedBy = gatedBy;
        this.origins = Collections.unmodifiableMap(origins);
    }

    /** This finding with another gate (null: none), as when a gated cycle's gate is lost. */
    Finding withGate(String gate) {
        return new Finding(kind, cycleId, edges, threadName, acquiringClass, acquiringMode, heldClass, heldMode,
                heldLocks, stack, note, evidence, gate, origins);
    }

    /** What was found. */
    public FindingKind kind() {
        return kind;
    }

    /** 16 hex digits identifying this cycle (kind, class names, edge types); equal across runs and JVMs. */
    public String cycleId() {
        return cycleId;
    }

    /**
     * The cycle's edges in order. For {@code circular} and {@code instance-inversion}, edge 0 is the one
     * the reporting acquisition closed (held lock → lock being acquired) and the rest lead back to it.
     * For single-lock kinds the list holds the one self-edge (or nothing for {@code unbalanced}).
     */
    public List<CycleEdge> edges() {
        return edges;
    }

    /** The cycle's classes, e.g. {@code A -> B -> A}. */
    public String lockClasses() {
        if (edges.isEmpty()) {
            return acquiringClass;
        }
        StringBuilder sb = new StringBuilder(edges.get(0).from());
        for (CycleEdge e : edges) {
            sb.append(" -> ").append(e.to());
        }
        return sb.toString();
    }

    /** The number of edges in the cycle. */
    public int length() {
        return edges.size();
    }

    /** The thread whose acquisition produced the finding. */
    public String threadName() {
        return threadName;
    }

    /** The class of the lock being acquired (or released, for {@code unbalanced}). */
    public String acquiringClass() {
        return acquiringClass;
    }

    /** How it was being acquired. */
    public Mode acquiringMode() {
        return acquiringMode;
    }

    /** The held lock the acquisition conflicts with, or null. */
    public String heldClass() {
        return heldClass;
    }

    /** How that lock is held, or null. */
    public Mode heldMode() {
        return heldMode;
    }

    /** The reporting thread's held locks at detection, bottom first. */
    public List<HeldLock> heldLocks() {
        return heldLocks;
    }

    /** The reporting acquisition's stack, innermost first (empty when stacks are not captured). */
    public StackTraceElement[] stack() {
        return stack.clone();
    }

    StackTraceElement[] stackUnsafe() {
        return stack;
    }

    /** An extra explanation line (e.g. for an ordering-rule violation), or null. */
    public String note() {
        return note;
    }

    /**
     * Whether the observed instances alone close the cycle ({@link Evidence#WITNESSED}) or only their classes
     * do. For single-lock kinds: witnessed when one instance is involved, class-only for two instances of one
     * class ({@code recursive} under {@code strict} or an ordering rule).
     */
    public Evidence evidence() {
        return evidence;
    }

    /**
     * The class of the lock instance that was held exclusively on every edge of the cycle, so its orders
     * never ran concurrently; null when there is none. Such findings are reported only with
     * {@link LockdepConfig.Builder#reportGated}.
     */
    public String gatedBy() {
        return gatedBy;
    }

    /**
     * Where the instances of the lock classes this finding names were first allocated ({@link LockClass#origin()}),
     * by the name the finding uses for them; only classes whose origin is known. Part of no cycle id.
     */
    public Map<String, String> origins() {
        return origins;
    }

    /** The full human-readable report, in the lockdep layout. */
    public String render() {
        String r = rendered;
        if (r == null) {
            r = ReportRenderer.render(this);
            rendered = r;
        }
        return r;
    }

    @Override
    public String toString() {
        return kind.id() + " " + lockClasses() + " [" + cycleId + "]";
    }
}
