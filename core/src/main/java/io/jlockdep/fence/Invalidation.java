package io.jlockdep.fence;

/**
 * Invalidation callbacks as a lock-like context (the kernel's mmu-notifier
 * {@code invalidate_range_start} map).
 *
 * <p>Invalidation callbacks (registered with an {@link InvalidationRegistry}) run inside
 * {@link #enter()} / {@link #exit}; they may wait for fences, so a signalling path must not trigger an
 * invalidation. Code about to wait for invalidation progress calls {@link #mightInvalidate()} first:
 * such a wait must not hold any lock an invalidation callback takes. Reclaim may invalidate, so the
 * primed order is reclaim, then invalidation, then fence waits.
 */
public final class Invalidation {
    private Invalidation() {
    }

    /**
     * Enters the invalidation context on the calling thread.
     *
     * @return the cookie to pass to {@link #exit} (or to close)
     */
    public static Scope enter() {
        LockdepPoints.invalidationEnter();
        return Scope.open(Scope.Kind.INVALIDATION, false);
    }

    /**
     * Leaves the invalidation context {@code context}, the innermost one of the calling thread.
     *
     * @throws IllegalStateException if it already ended, was entered on another thread, or an
     *         invalidation context entered inside it is still open
     * @throws IllegalArgumentException if {@code context} is null or not an invalidation context
     */
    public static void exit(Scope context) {
        Scope.end(context, Scope.Kind.INVALIDATION);
        LockdepPoints.invalidationExit();
    }

    /** The calling thread is about to wait for a running invalidation to finish. */
    public static void mightInvalidate() {
        LockdepPoints.mightInvalidate();
    }

    /** Whether the calling thread is inside an invalidation context. */
    public static boolean inInvalidation() {
        return Scope.inside(Scope.Kind.INVALIDATION);
    }
}
