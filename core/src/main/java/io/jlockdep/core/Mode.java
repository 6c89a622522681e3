package io.jlockdep.core;

/**
 * How an acquisition holds a lock. The three modes are lockdep's {@code read} values 0, 1 and 2.
 *
 * <p>{@link #SHARED} is the mode of a {@code ReentrantReadWriteLock} read lock: a reader queues behind a
 * <em>waiting</em> writer, so it can take part in a deadlock. {@link #SHARED_RECURSIVE} is for
 * pseudo-locks whose shared holders never queue behind a writer; they are blocked only by a writer that
 * holds the lock.
 */
public enum Mode {
    /** Exclusive ({@code W}): blocks and is blocked by every other mode. */
    EXCLUSIVE('W'),
    /** Shared, non-recursive ({@code r}): blocked by a writer holding <em>or waiting for</em> the lock. */
    SHARED('r'),
    /** Shared, recursive ({@code R}): blocked only by a writer holding the lock. */
    SHARED_RECURSIVE('R');

    private final char symbol;

    Mode(char symbol) {
        this.symbol = symbol;
    }

    /** The one-letter name used in reports and contracts: {@code W}, {@code r} or {@code R}. */
    public char symbol() {
        return symbol;
    }

    /** Whether this is one of the two shared modes. */
    public boolean isShared() {
        return this != EXCLUSIVE;
    }

    /**
     * The mode named by a one-letter symbol.
     *
     * @throws IllegalArgumentException for anything but {@code W}, {@code r} or {@code R}
     */
    public static Mode ofSymbol(char c) {
        switch (c) {
            case 'W': return EXCLUSIVE;
            case 'r': return SHARED;
            case 'R': return SHARED_RECURSIVE;
            default: throw new IllegalArgumentException("unknown lock mode '" + c + "' (valid: W, r, R)");
        }
    }
}
