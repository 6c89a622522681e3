package io.jlockdep.fence;

/**
 * Locking a ww mutex under an acquire context could deadlock with another context, so this context must
 * back off (the kernel's {@code -EDEADLK}): unlock every mutex it holds
 * ({@link WwAcquireContext#unlockAll()}), then lock {@link #contended()} with
 * {@link WwMutex#lockSlow}, then lock the rest again. Never thrown for the first mutex of a context.
 */
public final class WouldDeadlockException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the context has to back off. */
    public enum Reason {
        /** Wait-die: the mutex is held by an older context. */
        DIE,
        /** Wound-wait: an older context wounded this one. */
        WOUNDED,
        /** Injected on purpose to exercise the back-off path (see {@link WwAcquireContext}). */
        INJECTED
    }

    private final transient WwMutex contended;
    private final Reason reason;

    WouldDeadlockException(WwMutex contended, Reason reason, String message) {
        super(message);
        this.contended = contended;
        this.reason = reason;
    }

    /** The mutex to lock first, with {@link WwMutex#lockSlow}, after backing off. */
    public WwMutex contended() {
        return contended;
    }

    /** Why the context has to back off. */
    public Reason reason() {
        return reason;
    }
}
