package io.jlockdep.fence;

/**
 * Memory reclaim as a lock-like context (the kernel's {@code fs_reclaim}).
 *
 * <p>Code that runs <em>as</em> reclaim — shrinkers, eviction under memory pressure — runs inside
 * {@link #enter()} / {@link #exit}. Code that <em>may cause</em> reclaim — an allocation that can block
 * until memory is freed — calls {@link #mightReclaim()}. Under the jlockdep agent, "lock L held across an
 * allocation" and "a shrinker takes L" then form a cycle through reclaim and are reported, as is an
 * allocation inside a fence signalling section (reclaim may wait for fences).
 *
 * <p>{@link #noReclaim()} opens a scope in which allocations are promised not to enter reclaim
 * (preallocated pools, the kernel's {@code GFP_ATOMIC} / {@code memalloc_noreclaim_save}); inside it
 * {@link #mightReclaim()} does nothing. Inside a reclaim context it does nothing either: reclaim does not
 * recurse into reclaim (the kernel's {@code PF_MEMALLOC}).
 */
public final class Reclaim {
    private Reclaim() {
    }

    /**
     * Enters the reclaim context on the calling thread.
     *
     * @return the cookie to pass to {@link #exit} (or to close)
     */
    public static Scope enter() {
        LockdepPoints.reclaimEnter();
        return Scope.open(Scope.Kind.RECLAIM, false);
    }

    /**
     * Leaves the reclaim context {@code context}, which must be the innermost one of the calling thread.
     *
     * @throws IllegalStateException if it already ended, was entered on another thread, or a reclaim
     *         context entered inside it is still open
     * @throws IllegalArgumentException if {@code context} is null or not a reclaim context
     */
    public static void exit(Scope context) {
        Scope.end(context, Scope.Kind.RECLAIM);
        LockdepPoints.reclaimExit();
    }

    /**
     * The allocation probe: the calling thread is about to do something that may enter reclaim. Does
     * nothing inside a no-reclaim scope or a reclaim context.
     */
    public static void mightReclaim() {
        if (isReclaimAllowed()) {
            LockdepPoints.mightReclaim();
        }
    }

    /**
     * Opens a no-reclaim scope on the calling thread: until it ends, {@link #mightReclaim()} does nothing,
     * because the code promises that its allocations cannot enter reclaim.
     *
     * @return the cookie to pass to {@link #restore} (or to close)
     */
    public static Scope noReclaim() {
        return Scope.open(Scope.Kind.NO_RECLAIM, false);
    }

    /**
     * Ends the no-reclaim scope {@code scope}, which must be the innermost one of the calling thread.
     *
     * @throws IllegalStateException if it already ended, was opened on another thread, or a no-reclaim
     *         scope opened inside it is still open
     * @throws IllegalArgumentException if {@code scope} is null or not a no-reclaim scope
     */
    public static void restore(Scope scope) {
        Scope.end(scope, Scope.Kind.NO_RECLAIM);
    }

    /** Whether the calling thread is inside a reclaim context. */
    public static boolean inReclaim() {
        return Scope.inside(Scope.Kind.RECLAIM);
    }

    /** Whether an allocation on the calling thread may enter reclaim: outside reclaim and no-reclaim scopes. */
    public static boolean isReclaimAllowed() {
        return !Scope.inside(Scope.Kind.NO_RECLAIM) && !Scope.inside(Scope.Kind.RECLAIM);
    }
}
