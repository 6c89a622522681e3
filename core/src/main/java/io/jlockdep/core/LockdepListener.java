package io.jlockdep.core;

/**
 * Receives what the engine finds. Called on the thread whose acquisition produced it, after the engine
 * has released its own locks, so an implementation may block briefly — but it runs inside a lock
 * operation of the host program: hand the work to another thread rather than render or log here.
 * Exceptions thrown by a listener are swallowed.
 */
public interface LockdepListener {
    /** A finding whose cycle id was not reported before. */
    default void onFinding(Finding finding) {
    }

    /**
     * A new observed dependency edge between lock classes, with its first-seen thread and stack; only
     * when {@link LockdepConfig.Builder#reportEdges} is on. Told once per (edge, type).
     */
    default void onEdge(CycleEdge edge) {
    }

    /** A limit was hit for the first time; {@code message} is one line saying what now degrades. */
    default void onLimit(Limit limit, String message) {
    }
}
