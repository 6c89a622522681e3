package io.jlockdep.fence;

/**
 * Fence signalling sections (the kernel's {@code dma_fence_begin_signalling} /
 * {@code dma_fence_end_signalling}).
 *
 * <p>A signalling section brackets code that a published fence needs in order to complete: everything
 * from the moment a fence is visible to other threads until {@link Fence#signal()} — submission tails,
 * scheduler and completion workers, timeout and reset handling. Code in a section must never wait for a
 * fence (directly, or by taking a lock that is held across a fence wait), take a reservation lock, or
 * allocate in a way that can enter reclaim; under the jlockdep agent each of these is reported the first
 * time it runs. Without the agent the sections only keep their own bookkeeping.
 *
 * <pre>{@code
 * try (Scope section = Signalling.begin()) {
 *     ring.retire(seqno);        // whatever completes the fence
 *     fence.signal();            // signal() is itself a (nested) section
 * }
 * }</pre>
 *
 * <p>Sections nest freely (only the outermost one counts for lockdep), must end on the thread that began
 * them, innermost first, exactly once.
 */
public final class Signalling {
    private Signalling() {
    }

    /**
     * Begins a signalling section on the calling thread.
     *
     * @return the cookie to pass to {@link #end} (or to close)
     */
    public static Scope begin() {
        boolean cookie = LockdepPoints.signallingBegin();
        return Scope.open(Scope.Kind.SIGNALLING, cookie);
    }

    /**
     * Ends the section {@code section}, which must be the innermost open section of the calling thread
     * and must not have ended yet.
     *
     * @throws IllegalStateException if it already ended, was begun on another thread, or a section
     *         nested in it is still open
     * @throws IllegalArgumentException if {@code section} is null or is not a signalling section
     */
    public static void end(Scope section) {
        Scope.end(section, Scope.Kind.SIGNALLING);
        LockdepPoints.signallingEnd(section.cookie);
    }

    /** Whether the calling thread is inside a signalling section begun through this class. */
    public static boolean inSection() {
        return Scope.inside(Scope.Kind.SIGNALLING);
    }

    /** How many signalling sections the calling thread is nested in (0 outside any). */
    public static int depth() {
        return Scope.depth(Scope.Kind.SIGNALLING);
    }
}
