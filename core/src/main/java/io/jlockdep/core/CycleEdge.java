package io.jlockdep.core;

/** One edge of a finding's cycle: where and by whom the order {@code from -> to} was first seen. */
public final class CycleEdge {
    private final String from;
    private final String to;
    private final EdgeType type;
    private final String thread;
    private final StackTraceElement[] stack;
    private final String origin;
    private final String context;

    CycleEdge(String from, String to, EdgeType type, String thread, StackTraceElement[] stack, String origin,
              String context) {
        this.from = from;
        this.to = to;
        this.type = type;
        this.thread = thread;
        this.stack = stack;
        this.origin = origin;
        this.context = context;
    }

    /** The class held. */
    public String from() {
        return from;
    }

    /** The class acquired while {@link #from()} was held. */
    public String to() {
        return to;
    }

    /** The edge type this cycle uses. */
    public EdgeType type() {
        return type;
    }

    /** The name of the thread that first took this order. */
    public String thread() {
        return thread;
    }

    /** The stack of that acquisition (empty when not captured or over the stack-storage limit). */
    public StackTraceElement[] stack() {
        return stack.clone();
    }

    StackTraceElement[] stackUnsafe() {
        return stack;
    }

    /** {@code observed} for an order seen at run time, {@code FILE:LINE} for one primed from a contract. */
    public String origin() {
        return origin;
    }

    /**
     * What the program was doing when this order was first taken, as set by {@link Lockdep#setContext}
     * (e.g. {@code test com.acme.BankTest.audit()}); null when no context was set.
     */
    public String context() {
        return context;
    }

    @Override
    public String toString() {
        return from + " -(" + type + ")-> " + to;
    }
}
