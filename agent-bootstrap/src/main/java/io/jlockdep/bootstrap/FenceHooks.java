package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;
import io.jlockdep.core.PotentialDeadlockError;
import io.jlockdep.fence.FenceLockdep;

/**
 * The fence core's points ({@code io.jlockdep.fence.LockdepPoints}, empty methods without the agent),
 * forwarded to the installed {@link FenceLockdep}. Three shapes: an <em>enter</em> records a hold and,
 * when it stops the thread ({@link CyclePolicy}), is undone by its matching exit before the throw; a
 * <em>probe</em> records nothing and may throw; everything else just forwards. All forwarding goes through
 * {@link #run}, one switch, because hooks on the bootstrap class path may not use lambdas. Hook rules as in
 * {@link MonitorHooks}.
 */
public final class FenceHooks {
    private static final int FENCE_WAIT = 0;
    private static final int ACQUIRE_CONTEXT_INIT = 1;
    private static final int ACQUIRE_CONTEXT_FINI = 2;
    private static final int WW_INIT = 3;
    private static final int WW_LOCK = 4;
    private static final int WW_LOCK_FAILED = 5;
    private static final int WW_TRY_LOCKED = 6;
    private static final int WW_UNLOCK = 7;
    private static final int RECLAIM_ENTER = 8;
    private static final int RECLAIM_EXIT = 9;
    private static final int MIGHT_RECLAIM = 10;
    private static final int INVALIDATION_ENTER = 11;
    private static final int INVALIDATION_EXIT = 12;
    private static final int MIGHT_INVALIDATE = 13;

    private FenceHooks() {
    }

    /** Start of a signalling section; the returned cookie goes to {@link #signallingEnd}. */
    public static boolean signallingBegin() {
        FenceLockdep f = EngineHolder.fence;
        if (f == null) {
            return false;
        }
        UserPointHooks.sectionsEntered = true;
        try {
            return f.signallingBegin();
        } catch (Throwable ignored) {
            return true; // "already inside": the matching end does nothing
        }
    }

    /** End of a signalling section. */
    public static void signallingEnd(boolean cookie) {
        FenceLockdep f = EngineHolder.fence;
        if (f == null) {
            return;
        }
        try {
            f.signallingEnd(cookie);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** Before a (possibly) blocking fence wait. */
    public static void fenceWait() {
        CyclePolicy.probed(run(FENCE_WAIT, null, null, null));
    }

    /** A ww acquire context begins. */
    public static void acquireContextInit(Object ctx, String wwClass) {
        enter(ACQUIRE_CONTEXT_INIT, ctx, wwClass, null, ACQUIRE_CONTEXT_FINI);
    }

    /** A ww acquire context ends. */
    public static void acquireContextFini(Object ctx) {
        run(ACQUIRE_CONTEXT_FINI, ctx, null, null);
    }

    /** A named ww mutex was created. */
    public static void wwInit(Object mutex, String name) {
        run(WW_INIT, mutex, name, null);
    }

    /** Before a blocking ww-mutex (reservation) lock attempt. */
    public static void wwLock(Object mutex, String wwClass, Object ctx) {
        enter(WW_LOCK, mutex, wwClass, ctx, WW_LOCK_FAILED);
    }

    /** The attempt announced by {@link #wwLock} ended without the lock. */
    public static void wwLockFailed(Object mutex) {
        run(WW_LOCK_FAILED, mutex, null, null);
    }

    /** A successful ww-mutex trylock. */
    public static void wwTryLocked(Object mutex, String wwClass) {
        run(WW_TRY_LOCKED, mutex, wwClass, null);
    }

    /** A ww-mutex unlock. */
    public static void wwUnlock(Object mutex) {
        run(WW_UNLOCK, mutex, null, null);
    }

    /** Code starts running as memory reclaim (a shrinker). */
    public static void reclaimEnter() {
        enter(RECLAIM_ENTER, null, null, null, RECLAIM_EXIT);
    }

    /** Reclaim ends. */
    public static void reclaimExit() {
        run(RECLAIM_EXIT, null, null, null);
    }

    /** An allocation that may enter reclaim. */
    public static void mightReclaim() {
        CyclePolicy.probed(run(MIGHT_RECLAIM, null, null, null));
    }

    /** Code starts running as an invalidation callback. */
    public static void invalidationEnter() {
        enter(INVALIDATION_ENTER, null, null, null, INVALIDATION_EXIT);
    }

    /** The invalidation callback ends. */
    public static void invalidationExit() {
        run(INVALIDATION_EXIT, null, null, null);
    }

    /** Before waiting for invalidation progress. */
    public static void mightInvalidate() {
        CyclePolicy.probed(run(MIGHT_INVALIDATE, null, null, null));
    }

    /** Runs {@code op}; when its finding stops the thread, runs {@code undo} (on the same object) and throws. */
    private static void enter(int op, Object target, String name, Object ctx, int undo) {
        Finding found = run(op, target, name, ctx);
        if (CyclePolicy.stops(found)) {
            run(undo, target, null, null);
            throw new PotentialDeadlockError(found);
        }
    }

    /** Calls the fence mapping's method for {@code op}; its finding, or null (none, no fence, or it failed). */
    private static Finding run(int op, Object target, String name, Object ctx) {
        FenceLockdep f = EngineHolder.fence;
        if (f == null) {
            return null;
        }
        try {
            switch (op) {
                case FENCE_WAIT: return f.fenceWait();
                case ACQUIRE_CONTEXT_INIT: return f.acquireContextInit(target, name);
                case ACQUIRE_CONTEXT_FINI: f.acquireContextFini(target); return null;
                case WW_INIT: f.wwInit(target, name); return null;
                case WW_LOCK: return f.wwLock(target, name, ctx);
                case WW_LOCK_FAILED: f.wwLockFailed(target); return null;
                case WW_TRY_LOCKED: f.wwTryLocked(target, name); return null;
                case WW_UNLOCK: f.wwUnlock(target); return null;
                case RECLAIM_ENTER: return f.reclaimEnter();
                case RECLAIM_EXIT: f.reclaimExit(); return null;
                case MIGHT_RECLAIM: return f.mightReclaim();
                case INVALIDATION_ENTER: return f.invalidationEnter();
                case INVALIDATION_EXIT: f.invalidationExit(); return null;
                case MIGHT_INVALIDATE: return f.mightInvalidate();
                default: return null;
            }
        } catch (Throwable ignored) {
            return null; // never into the host
        }
    }
}
