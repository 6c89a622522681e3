package io.jlockdep.core;

import java.lang.ref.WeakReference;

/**
 * Every thread's {@link ThreadState}, held weakly, for the one case where a thread must find another
 * thread's hold: a release by a thread that does not hold the lock ({@link Lockdep#releaseUnowned}).
 * A thread registers once, when its state is created; readers take the current array without a lock or an
 * allocation (the lookup is a hint: a slot not yet visible to a reader only means no holder is found).
 * Cleared references are dropped when a full array is compacted.
 */
final class StackRegistry {
    private static final int MIN_SLOTS = 16;

    /** Slots filled in order; a reader skips empty and cleared ones. Replaced only by a compaction. */
    @SuppressWarnings("unchecked")
    private volatile WeakReference<ThreadState>[] states = new WeakReference[MIN_SLOTS];
    /** Slots taken in {@link #states}; guarded by this. */
    private int used;

    /**
     * Registers the calling thread's new state. Appends; when the array is full, the live references move to
     * one twice their number, so programs that start threads by the ten thousand pay amortized constant time
     * (a copy per registration would be quadratic), and a reference cleared during the copy only leaves a slot
     * empty.
     */
    synchronized void register(ThreadState ts) {
        WeakReference<ThreadState>[] a = states;
        if (used == a.length) {
            int live = 0;
            for (WeakReference<ThreadState> r : a) {
                if (r != null && r.get() != null) {
                    live++;
                }
            }
            @SuppressWarnings("unchecked")
            WeakReference<ThreadState>[] copy = new WeakReference[Math.max(MIN_SLOTS, live * 2 + 1)];
            int n = 0;
            for (WeakReference<ThreadState> r : a) {
                if (r != null && r.get() != null && n < live) {
                    copy[n++] = r;
                }
            }
            used = n;
            states = a = copy;
        }
        a[used++] = new WeakReference<>(ts);
    }

    /**
     * A thread other than {@code except} whose stack likely holds {@code lock} in {@code mode} (racy reads,
     * net of the releases already posted to it), or null.
     */
    ThreadState holderOf(Object lock, Mode mode, ThreadState except) {
        for (WeakReference<ThreadState> r : states) {
            ThreadState t = r != null ? r.get() : null;
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
            if (r != null && r.get() != null) {
                n++;
            }
        }
        return n;
    }
}
