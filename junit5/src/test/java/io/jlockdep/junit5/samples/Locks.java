package io.jlockdep.junit5.samples;

import java.util.concurrent.locks.Lock;

/** What the samples do with their locks. Each sample allocates its own locks, so its lock classes are its own. */
final class Locks {
    private Locks() {
    }

    /** Takes {@code outer}, then {@code inner} while holding it: teaches the agent the order outer -> inner. */
    static void nest(Lock outer, Lock inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }
}
