package io.jlockdep.fence;

/**
 * The points at which the fence core tells lockdep what it is doing. Every method is empty: without the
 * agent they cost nothing, and the agent instruments them by name (Byte Buddy advice) to call the
 * matching method of {@link FenceLockdep}. The names and signatures are a contract with the agent; do not
 * change them.
 */
final class LockdepPoints {
    private LockdepPoints() {
    }

    /** A signalling section begins; the result is the cookie handed back to {@link #signallingEnd}. */
    static boolean signallingBegin() {
        return false;
    }

    /** A signalling section ends; {@code cookie} is what {@link #signallingBegin} returned. */
    static void signallingEnd(boolean cookie) {
    }

    /** The thread is about to wait (or might wait) for a fence, even one that is already signalled. */
    static void fenceWait() {
    }

    /** An acquire context of ww class {@code wwClass} starts; it is held until {@link #acquireContextFini}. */
    static void acquireContextInit(Object ctx, String wwClass) {
    }

    /** The acquire context ends. */
    static void acquireContextFini(Object ctx) {
    }

    /** A ww mutex named {@code name} was created (reports of instance inversions show the name). */
    static void wwInit(Object mutex, String name) {
    }

    /** A blocking (or slow-path) attempt to lock a ww mutex begins; {@code ctx} may be null. */
    static void wwLock(Object mutex, String wwClass, Object ctx) {
    }

    /** The attempt announced by {@link #wwLock} ended without the lock (would deadlock, interrupted). */
    static void wwLockFailed(Object mutex) {
    }

    /** A trylock of a ww mutex succeeded. */
    static void wwTryLocked(Object mutex, String wwClass) {
    }

    /** A ww mutex was unlocked. */
    static void wwUnlock(Object mutex) {
    }

    /** The thread enters reclaim (a shrinker runs). */
    static void reclaimEnter() {
    }

    /** The thread leaves reclaim. */
    static void reclaimExit() {
    }

    /** An allocation that might enter reclaim; not called inside a no-reclaim scope or inside reclaim. */
    static void mightReclaim() {
    }

    /** The thread enters an invalidation callback context. */
    static void invalidationEnter() {
    }

    /** The thread leaves the invalidation context. */
    static void invalidationExit() {
    }

    /** The thread is about to wait for invalidation progress. */
    static void mightInvalidate() {
    }
}
