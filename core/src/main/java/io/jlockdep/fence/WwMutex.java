package io.jlockdep.fence;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wound/wait mutex (the kernel's {@code ww_mutex}): a non-reentrant mutex of a {@link WwClass}; any
 * number of mutexes of the class can be locked together, in any order, under one
 * {@link WwAcquireContext} without deadlocking.
 *
 * <p>Locking under a context has three outcomes: the mutex is locked ({@code true}); this context holds
 * it already ({@code false}, so duplicates in a list are harmless); or {@link WouldDeadlockException}:
 * another context has priority, so this one must unlock everything and take the contended mutex with
 * {@link #lockSlow}. The first mutex of a context never fails. Locked without a context ({@link #lock()},
 * or a null context) it is a plain mutex: it just waits, and taking two of them in opposite orders on two
 * threads can deadlock like any two locks.
 *
 * <p>A mutex is unlocked by the thread that locked it. Locking a mutex the calling thread already holds
 * without that context (or under another context) would never return and is an
 * {@link IllegalStateException}.
 *
 * <p>Thread-safe. Waiting is built on an internal lock and condition that are held only briefly and
 * never while calling out.
 */
public final class WwMutex {
    private final WwClass wwClass;
    private final String name;
    /** The reservation this mutex guards, told before each unlock; null for a bare mutex. */
    private final Reservation reservation;

    /** Guards the holder fields; never held while calling out or while holding another guard. */
    private final ReentrantLock guard = new ReentrantLock();
    /** Signalled when the mutex is released or a waiter is wounded. */
    private final Condition changed = guard.newCondition();
    /** Written under the guard; volatile for the lock-free queries. Null when unlocked. */
    private volatile Thread holderThread;
    private volatile WwAcquireContext holderContext;

    /**
     * An unlocked mutex of {@code wwClass}.
     *
     * @throws IllegalArgumentException if {@code wwClass} is null
     */
    public WwMutex(WwClass wwClass) {
        this(wwClass, null, null);
    }

    /**
     * An unlocked mutex of {@code wwClass} with a name for diagnostics.
     *
     * @throws IllegalArgumentException if {@code wwClass} is null
     */
    public WwMutex(WwClass wwClass, String name) {
        this(wwClass, name, null);
    }

    WwMutex(WwClass wwClass, String name, Reservation reservation) {
        if (wwClass == null) {
            throw new IllegalArgumentException("a ww mutex needs a ww class (null given)");
        }
        this.wwClass = wwClass;
        this.name = name;
        this.reservation = reservation;
        if (name != null) {
            LockdepPoints.wwInit(this, name);
        }
    }

    /** The mutex's ww class. */
    public WwClass wwClass() {
        return wwClass;
    }

    /** The name given at construction, or null. */
    public String name() {
        return name;
    }

    /** Whether any thread holds the mutex. */
    public boolean isLocked() {
        return holderThread != null;
    }

    /** Whether the calling thread holds the mutex (with or without a context). */
    public boolean isHeldByCurrentThread() {
        return holderThread == Thread.currentThread();
    }

    /** Whether {@code ctx} holds the mutex. */
    public boolean isLockedBy(WwAcquireContext ctx) {
        return ctx != null && holderContext == ctx;
    }

    // ------------------------------------------------------------------------------------------------
    // Locking

    /**
     * Locks the mutex without a context, waiting as long as it takes (a plain mutex lock).
     *
     * @throws IllegalStateException if the calling thread holds it already
     */
    public void lock() {
        try {
            lock(null, false, false);
        } catch (WouldDeadlockException | InterruptedException e) {
            throw new AssertionError("cannot happen without a context or interruptible wait", e);
        }
    }

    /**
     * Locks the mutex without a context, waiting until it is free or the thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted (also on entry); the mutex is not locked
     * @throws IllegalStateException if the calling thread holds it already
     */
    public void lockInterruptibly() throws InterruptedException {
        try {
            lock(null, true, false);
        } catch (WouldDeadlockException e) {
            throw new AssertionError("cannot happen without a context", e);
        }
    }

    /**
     * Locks the mutex under {@code ctx} (null: as {@link #lock()}), ignoring interrupts.
     *
     * @return true if it is now locked by {@code ctx}; false if {@code ctx} held it already
     * @throws WouldDeadlockException if {@code ctx} must back off (never for its first mutex)
     * @throws IllegalStateException if the context may not lock now (see {@link WwAcquireContext}), or
     *         the calling thread holds the mutex without this context
     * @throws IllegalArgumentException if the mutex is of another ww class than {@code ctx}
     */
    public boolean lock(WwAcquireContext ctx) throws WouldDeadlockException {
        try {
            return lock(ctx, false, false);
        } catch (InterruptedException e) {
            throw new AssertionError("cannot happen in an uninterruptible wait", e);
        }
    }

    /**
     * Like {@link #lock(WwAcquireContext)}, but gives up when the thread is interrupted.
     *
     * @return true if it is now locked by {@code ctx}; false if {@code ctx} held it already
     * @throws WouldDeadlockException if {@code ctx} must back off (never for its first mutex)
     * @throws InterruptedException if the thread is interrupted (also on entry); the mutex is not locked
     * @throws IllegalStateException if the context may not lock now, or the thread holds the mutex
     *         without this context
     * @throws IllegalArgumentException if the mutex is of another ww class than {@code ctx}
     */
    public boolean lockInterruptibly(WwAcquireContext ctx) throws WouldDeadlockException, InterruptedException {
        return lock(ctx, true, false);
    }

    /**
     * After a back-off: locks the contended mutex, waiting as long as it takes (the kernel's
     * {@code ww_mutex_lock_slow}). Never backs off, since the context holds nothing.
     *
     * @throws IllegalArgumentException if {@code ctx} is null or of another ww class
     * @throws IllegalStateException unless {@code ctx} backed off on this mutex and holds nothing
     */
    public void lockSlow(WwAcquireContext ctx) {
        if (ctx == null) {
            throw new IllegalArgumentException("lockSlow needs the acquire context that backed off (null given)");
        }
        try {
            lock(ctx, false, true);
        } catch (WouldDeadlockException | InterruptedException e) {
            throw new AssertionError("cannot happen on the slow path", e);
        }
    }

    /**
     * Like {@link #lockSlow}, but gives up when the thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted (also on entry); the mutex is not locked
     * @throws IllegalArgumentException if {@code ctx} is null or of another ww class
     * @throws IllegalStateException unless {@code ctx} backed off on this mutex and holds nothing
     */
    public void lockSlowInterruptibly(WwAcquireContext ctx) throws InterruptedException {
        if (ctx == null) {
            throw new IllegalArgumentException("lockSlow needs the acquire context that backed off (null given)");
        }
        try {
            lock(ctx, true, true);
        } catch (WouldDeadlockException e) {
            throw new AssertionError("cannot happen on the slow path", e);
        }
    }

    /**
     * Locks the mutex without a context if it is free at once.
     *
     * @return whether it was locked
     */
    public boolean tryLock() {
        return tryLock(null);
    }

    /**
     * Locks the mutex under {@code ctx} (null: without a context) if it is free at once. A trylock never
     * waits and so never backs off.
     *
     * @return true if it was locked now; false if it is held by anyone, this context included (tell the
     *         cases apart with {@link #isLockedBy})
     * @throws IllegalStateException if the context may not lock now (see {@link WwAcquireContext})
     * @throws IllegalArgumentException if the mutex is of another ww class than {@code ctx}
     */
    public boolean tryLock(WwAcquireContext ctx) {
        if (ctx != null) {
            ctx.checkCanLock(this, false);
        }
        Thread me = Thread.currentThread();
        if (holderThread == me) {
            return false;
        }
        guard.lock();
        try {
            if (holderThread != null) {
                return false;
            }
            holderThread = me;
            holderContext = ctx;
        } finally {
            guard.unlock();
        }
        if (ctx != null) {
            ctx.added(this);
        }
        LockdepPoints.wwTryLocked(this, wwClass.name());
        return true;
    }

    /**
     * Unlocks the mutex (and, for a context-held one, removes it from its context).
     *
     * @throws IllegalStateException if it is not locked, or locked by another thread
     */
    public void unlock() {
        Thread me = Thread.currentThread();
        Thread holder = holderThread;
        if (holder == null) {
            throw new IllegalStateException("unlock of " + this + ", which is not locked");
        }
        if (holder != me) {
            throw new IllegalStateException("unlock of " + this + " by thread \"" + me.getName()
                    + "\"; it is locked by thread \"" + holder.getName() + "\"");
        }
        WwAcquireContext ctx = holderContext;
        if (reservation != null) {
            reservation.unlocking();
        }
        if (ctx != null) {
            ctx.removed(this);
        }
        release();
        LockdepPoints.wwUnlock(this);
    }

    // ------------------------------------------------------------------------------------------------
    // The algorithm

    private boolean lock(WwAcquireContext ctx, boolean interruptible, boolean slow)
            throws WouldDeadlockException, InterruptedException {
        Thread me = Thread.currentThread();
        if (ctx != null) {
            ctx.checkCanLock(this, slow);
            if (holderContext == ctx) {
                return false; // stable: only this thread could change it
            }
        }
        if (holderThread == me) {
            throw new IllegalStateException(this + " is already held by thread \"" + me.getName() + "\" "
                    + (holderContext == null ? "without an acquire context" : "under " + holderContext)
                    + ": locking it again would never return");
        }
        // A point that throws (the agent refusing a lock) has undone its own acquisition already.
        LockdepPoints.wwLock(this, wwClass.name(), ctx);
        boolean locked = false;
        try {
            waitAndTake(ctx, interruptible);
            locked = true;
        } finally {
            if (!locked) {
                LockdepPoints.wwLockFailed(this);
            }
        }
        if (ctx != null) {
            if (!ctx.holdsNothing() && ctx.injectBackoffNow()) {
                release();
                LockdepPoints.wwLockFailed(this);
                ctx.backedOff(this);
                throw new WouldDeadlockException(this, WouldDeadlockException.Reason.INJECTED,
                        "injected back-off of " + ctx + " on " + this);
            }
            ctx.added(this);
        }
        return true;
    }

    /**
     * Waits until the mutex is free and takes it, or throws when {@code ctx} must back off. The rules
     * only apply to a context that holds something: one that holds nothing cannot close a cycle.
     */
    private void waitAndTake(WwAcquireContext ctx, boolean interruptible)
            throws WouldDeadlockException, InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread me = Thread.currentThread();
        guard.lock();
        try {
            for (;;) {
                if (ctx != null) {
                    // Before reading the wounded flag; see WwAcquireContext.wound().
                    ctx.setWaitingOn(this);
                }
                if (holderThread == null) {
                    holderThread = me;
                    holderContext = ctx;
                    return;
                }
                WwAcquireContext victim = null;
                if (ctx != null && !ctx.holdsNothing()) {
                    WwAcquireContext holder = holderContext;
                    if (wwClass.isWaitDie()) {
                        if (holder != null && holder.stamp() < ctx.stamp()) {
                            throw backOff(ctx, WouldDeadlockException.Reason.DIE, holder);
                        }
                    } else {
                        if (ctx.wounded()) {
                            throw backOff(ctx, WouldDeadlockException.Reason.WOUNDED, holder);
                        }
                        if (holder != null && holder.stamp() > ctx.stamp() && !holder.wounded()) {
                            victim = holder;
                        }
                    }
                }
                if (victim != null) {
                    // Wounding wakes the victim through the guard of the mutex it waits on: never
                    // hold two guards at once.
                    guard.unlock();
                    try {
                        victim.wound();
                    } finally {
                        guard.lock();
                    }
                    continue;
                }
                if (interruptible) {
                    changed.await();
                } else {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            if (ctx != null) {
                ctx.setWaitingOn(null);
            }
            guard.unlock();
        }
    }

    private WouldDeadlockException backOff(WwAcquireContext ctx, WouldDeadlockException.Reason reason,
                                           WwAcquireContext holder) {
        ctx.backedOff(this);
        String why = reason == WouldDeadlockException.Reason.DIE
                ? " (held by older " + holder + ")"
                : " (wounded by an older context)";
        return new WouldDeadlockException(this, reason, ctx + " must back off on " + this + why);
    }

    private void release() {
        guard.lock();
        try {
            holderThread = null;
            holderContext = null;
            changed.signalAll();
        } finally {
            guard.unlock();
        }
    }

    /** Wakes every waiter so it re-checks (its context was wounded). */
    void wakeWaiters() {
        guard.lock();
        try {
            changed.signalAll();
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        return "ww mutex " + (name != null ? name : "@" + Integer.toHexString(System.identityHashCode(this)))
                + " of " + wwClass.name();
    }
}
