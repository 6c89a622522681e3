package io.jlockdep.benchmarks.agent;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Up to {@link #MAX} {@code ReentrantLock}s of distinct lock classes. Under the agent a
 * {@code ReentrantLock}'s class is its allocation site, so each one is its own allocation in this
 * (instrumented) class: {@code ReentrantLock@io.jlockdep.benchmarks.agent.DistinctLocks.create#N}.
 * Without the agent these are ordinary locks; the plain variant runs exactly this code too.
 */
final class DistinctLocks {
    /** The most locks {@link #create} hands out. */
    static final int MAX = 20;

    private DistinctLocks() {
    }

    /** The first {@code n} of {@link #MAX} locks, one allocation site each. */
    static ReentrantLock[] create(int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("between 1 and " + MAX + " locks, not " + n);
        }
        ReentrantLock[] l = new ReentrantLock[MAX];
        // Each allocation is its own site (ordinal #1…#20), i.e. its own lock class.
        l[0] = new ReentrantLock();
        l[1] = new ReentrantLock();
        l[2] = new ReentrantLock();
        l[3] = new ReentrantLock();
        l[4] = new ReentrantLock();
        l[5] = new ReentrantLock();
        l[6] = new ReentrantLock();
        l[7] = new ReentrantLock();
        l[8] = new ReentrantLock();
        l[9] = new ReentrantLock();
        l[10] = new ReentrantLock();
        l[11] = new ReentrantLock();
        l[12] = new ReentrantLock();
        l[13] = new ReentrantLock();
        l[14] = new ReentrantLock();
        l[15] = new ReentrantLock();
        l[16] = new ReentrantLock();
        l[17] = new ReentrantLock();
        l[18] = new ReentrantLock();
        l[19] = new ReentrantLock();
        ReentrantLock[] out = new ReentrantLock[n];
        System.arraycopy(l, 0, out, 0, n);
        return out;
    }
}
