package io.jlockdep.core;

import java.lang.ref.WeakReference;

/**
 * Every thread's {@link ThreadState}, held weakly, for the one case where a thread must find another
 * thread's hold: a release by a thread that does not hold the lock ({@link Lockdep#releaseUnowned}).
 * Copy-on-write: a thread registers once, when its state is created; readers take the current array
 * without a lock or an allocation. Cleared references are dropped as the array is copied.
 */
final class StackRegistry {
    @SuppressWarnings("unchecked")
    private volatile WeakReference<ThreadState>[] states = new WeakReference[0];

    /** Registers the calling thread's new state. */
    synchronized void register(ThreadState ts) {
        WeakReference<ThreadState>[] old = states;
        int live = 0;
        for (WeakReference<ThreadState> r : old) {
            if (r.get() != null) {
                live++;
            }
        }
        @SuppressWarnings("unchecked")
        WeakReference<ThreadState>[] copy = new WeakReference[live + 1];
        int n = 0;
        for (WeakReference<ThreadState> r : old) {
            if (r.get() != null) {
                copy[n++] = r;
            }
        }
        copy[n] = new WeakReference<>(ts);
        states = copy;
    }

    /**
     * A thread other than {@code except} whose stack likely holds {@code lock} in {@code mode} (racy reads,
     * net of the releases already posted to it), or null.
     */
    ThreadState holderOf(Object lock, Mode mode, ThreadState except) {
        for (WeakReference<ThreadState> r : states) {
            ThreadState t = r.get();
            if (t != null && t != except && t.foreignHolds(lock, mode) > 0) {
                return t;
            }
        }
        return null;
    }

    /** Registered states not yet collected (tests). */
    int size() {
        int n = 0;
        for (WeakReference<ThreadState> r : states) {
            if (r.get() != null) {
                n++;
            }
        }
        return n;
    }
}
