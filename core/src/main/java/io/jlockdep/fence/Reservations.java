package io.jlockdep.fence;

import java.util.Collection;

/**
 * Locks a whole list of reservations under one acquire context, with the back-off and retry the
 * ww protocol needs (what {@code ttm_eu_reserve_buffers} and {@code drm_exec} do in the kernel):
 * <ol>
 *   <li>lock each reservation in list order; one the context holds already (a duplicate in the list)
 *       is skipped;</li>
 *   <li>on {@link WouldDeadlockException}: unlock everything, lock the contended reservation on the slow
 *       path, and start over (it is then "already held" when its turn comes);</li>
 *   <li>on any other failure (interrupt, misuse): unlock everything and rethrow.</li>
 * </ol>
 * The context's stamp stays the same across retries, so it only gets older, and eventually wins.
 */
public final class Reservations {
    private Reservations() {
    }

    /**
     * Locks every reservation in {@code reservations} under {@code ctx}, waiting as long as it takes.
     * On return the context holds exactly the distinct reservations of the list; unlock them with
     * {@link WwAcquireContext#unlockAll()}.
     *
     * @return how many distinct reservations are locked
     * @throws IllegalArgumentException if an argument or element is null, or an element's class differs
     * @throws IllegalStateException if {@code ctx} holds something, has a back-off pending, is done or
     *         closed, or belongs to another thread (nothing is locked then)
     */
    public static int lockAll(Collection<Reservation> reservations, WwAcquireContext ctx) {
        try {
            return lockAll(reservations, ctx, false);
        } catch (InterruptedException e) {
            throw new AssertionError("cannot happen in an uninterruptible lock", e);
        }
    }

    /**
     * Like {@link #lockAll(Collection, WwAcquireContext)}, but gives up when the thread is interrupted.
     * After a failure the context holds nothing and may have a back-off pending: close it.
     *
     * @return how many distinct reservations are locked
     * @throws InterruptedException if the thread is interrupted; nothing is locked
     * @throws IllegalArgumentException if an argument or element is null, or an element's class differs
     * @throws IllegalStateException if {@code ctx} holds something, has a back-off pending, is done or
     *         closed, or belongs to another thread (nothing is locked then)
     */
    public static int lockAllInterruptibly(Collection<Reservation> reservations, WwAcquireContext ctx)
            throws InterruptedException {
        return lockAll(reservations, ctx, true);
    }

    private static int lockAll(Collection<Reservation> reservations, WwAcquireContext ctx, boolean interruptible)
            throws InterruptedException {
        if (reservations == null || ctx == null) {
            throw new IllegalArgumentException("lockAll needs reservations and an acquire context (got "
                    + reservations + ", " + ctx + ")");
        }
        for (Reservation r : reservations) {
            if (r == null) {
                throw new IllegalArgumentException("null reservation in the list to lock");
            }
        }
        if (ctx.owner() != Thread.currentThread()) {
            throw new IllegalStateException("lockAll with " + ctx + " of thread \"" + ctx.owner().getName()
                    + "\" on thread \"" + Thread.currentThread().getName() + "\"");
        }
        if (ctx.acquiredCount() != 0 || ctx.contended() != null) {
            // A back-off unlocks every mutex of the context, which the caller would not expect.
            throw new IllegalStateException("lockAll needs an acquire context that holds nothing and has no"
                    + " back-off pending: " + ctx + " holds " + ctx.acquiredCount());
        }
        WwMutex contended = null;
        boolean success = false;
        try {
            for (;;) {
                if (contended != null) {
                    if (interruptible) {
                        contended.lockSlowInterruptibly(ctx);
                    } else {
                        contended.lockSlow(ctx);
                    }
                }
                try {
                    for (Reservation r : reservations) {
                        if (interruptible) {
                            r.lockInterruptibly(ctx);
                        } else {
                            r.lock(ctx);
                        }
                    }
                    success = true;
                    return ctx.acquiredCount();
                } catch (WouldDeadlockException e) {
                    ctx.unlockAll();
                    contended = e.contended();
                }
            }
        } finally {
            if (!success) {
                ctx.unlockAll();
            }
        }
    }
}
