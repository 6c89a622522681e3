package io.jlockdep.core;

/** A snapshot of one entry of a thread's held-lock stack. */
public final class HeldLock {
    private final String className;
    private final Mode mode;
    private final boolean trylock;
    private final int holds;

    HeldLock(String className, Mode mode, boolean trylock, int holds) {
        this.className = className;
        this.mode = mode;
        this.trylock = trylock;
        this.holds = holds;
    }

    /** The lock's class name. */
    public String className() {
        return className;
    }

    /** The effective mode: exclusive while the write side is held, else the shared mode. */
    public Mode mode() {
        return mode;
    }

    /** Whether it was taken by a trylock. */
    public boolean trylock() {
        return trylock;
    }

    /** How many holds (reentrant acquisitions, or merged instances under a nest lock) the entry has. */
    public int holds() {
        return holds;
    }

    @Override
    public String toString() {
        return className + " (" + mode.symbol() + (trylock ? ", try" : "") + (holds > 1 ? ", holds " + holds : "") + ")";
    }
}
