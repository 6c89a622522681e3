package io.jlockdep.fence;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A completion event of a timeline (the kernel's {@code dma_fence}): the point at which some piece of
 * work — a GPU job, a page flip, a copy — has finished. A fence is identified by its timeline
 * {@link #context()} and a {@link #seqno()} that grows along the timeline; it is signalled once, after
 * which every wait returns at once.
 *
 * <h2>Lock</h2>
 * A fence's state is guarded by a {@link ReentrantLock}: either one it <em>borrows</em> from its timeline
 * or driver (passed to the constructor; many fences share it, and a driver holding it may call
 * {@link #signalLocked()}), or one it <em>owns</em> in place, for fences that outlive whatever created
 * them. Callbacks run while the signalling thread holds this lock, and {@link FenceOps#enableSignaling}
 * is called under it.
 *
 * <h2>Rules (checked by the jlockdep agent)</h2>
 * Everything needed to signal a published fence runs in a signalling section ({@link Signalling});
 * {@link #signal()} brackets itself in one. Waiting for a fence inside a section, or while holding a lock
 * that such a section takes, is a potential deadlock: every wait announces itself first, even on a
 * signalled fence, so the order is checked on every run and not only on unlucky ones.
 *
 * <p>Thread-safe.
 */
public final class Fence {

    /** A fence's status: not signalled yet, signalled, or signalled with an error. */
    public enum Status {
        /** Not signalled yet. */
        PENDING,
        /** Signalled without an error. */
        SIGNALED,
        /** Signalled after {@link #setError} was called. */
        FAILED
    }

    private final long context;
    private final long seqno;
    private final FenceOps ops;
    private final ReentrantLock lock;
    private final boolean ownsLock;
    private final Condition signalledCondition;

    /** Pending callbacks in the order added; null once signalled. Guarded by {@link #lock}. */
    private ArrayList<FenceCallback> callbacks = new ArrayList<FenceCallback>(2);
    /** Whether {@link FenceOps#enableSignaling} was called. Guarded by {@link #lock}. */
    private boolean signalingEnabled;
    /** Set before {@link #signaled}, so a reader that sees it signalled sees its error. */
    private volatile Throwable error;
    /** Written before {@link #signaled} is set, read only after it was seen set. */
    private long timestamp;
    /** Written under {@link #lock}; read without it for the fast paths. */
    private volatile boolean signaled;

    /**
     * A fence with its own, in-place lock.
     *
     * @param context the timeline context (see {@link Timeline#allocateContexts})
     * @param seqno its position on the timeline
     * @param ops the creator's hooks, or null for {@link FenceOps#DEFAULT}
     */
    public Fence(long context, long seqno, FenceOps ops) {
        this(context, seqno, ops, new ReentrantLock(), true);
    }

    /**
     * A fence that borrows {@code lock}, the lock of its timeline or driver.
     *
     * @param context the timeline context (see {@link Timeline#allocateContexts})
     * @param seqno its position on the timeline
     * @param ops the creator's hooks, or null for {@link FenceOps#DEFAULT}
     * @param lock the borrowed lock; not null
     * @throws IllegalArgumentException if {@code lock} is null
     */
    public Fence(long context, long seqno, FenceOps ops, ReentrantLock lock) {
        this(context, seqno, ops, checkLock(lock), false);
    }

    private Fence(long context, long seqno, FenceOps ops, ReentrantLock lock, boolean ownsLock) {
        this.context = context;
        this.seqno = seqno;
        this.ops = ops != null ? ops : FenceOps.DEFAULT;
        this.lock = lock;
        this.ownsLock = ownsLock;
        this.signalledCondition = lock.newCondition();
    }

    private static ReentrantLock checkLock(ReentrantLock lock) {
        if (lock == null) {
            throw new IllegalArgumentException("a fence that borrows a lock needs a lock (null given)");
        }
        return lock;
    }

    /** The timeline context this fence belongs to. */
    public long context() {
        return context;
    }

    /** The fence's position on its timeline. */
    public long seqno() {
        return seqno;
    }

    /** The creator's hooks. */
    public FenceOps ops() {
        return ops;
    }

    /** The lock guarding this fence: the borrowed one, or the fence's own. */
    public ReentrantLock lock() {
        return lock;
    }

    /** Whether the fence owns its lock (true) or borrows its timeline's or driver's (false). */
    public boolean ownsLock() {
        return ownsLock;
    }

    /**
     * Whether this fence comes after {@code other} on their common timeline.
     *
     * @throws IllegalArgumentException if {@code other} is null or on another timeline
     */
    public boolean isLaterThan(Fence other) {
        if (other == null || other.context != context) {
            throw new IllegalArgumentException("fences on different timelines cannot be ordered: " + this
                    + " and " + other);
        }
        return seqno > other.seqno;
    }

    // ------------------------------------------------------------------------------------------------
    // Signalling

    /**
     * Signals the fence: records the time, runs every pending callback (in the order added, in this
     * thread, under the fence's lock) and wakes every waiter. Brackets itself in a signalling section.
     * Signalling a signalled fence does nothing.
     *
     * <p>A callback that throws does not stop the others: the fence is signalled and all callbacks run,
     * then the first failure is rethrown (later ones attached as suppressed).
     *
     * @return true if this call signalled the fence, false if it was signalled already
     */
    public boolean signal() {
        Scope section = Signalling.begin();
        try {
            lock.lock();
            try {
                return signalUnderLock();
            } finally {
                lock.unlock();
            }
        } finally {
            Signalling.end(section);
        }
    }

    /**
     * Signals the fence while the caller already holds its lock (a driver signalling a batch of fences
     * that borrow its lock). Unlike {@link #signal()} this opens no signalling section: the caller must be
     * in one, begun <em>before</em> it took the lock (a section begun under the fence lock would order the
     * two the other way round).
     *
     * @return true if this call signalled the fence, false if it was signalled already
     * @throws IllegalStateException if the calling thread does not hold the fence's lock
     */
    public boolean signalLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("signalLocked() on " + this + " without holding its lock");
        }
        return signalUnderLock();
    }

    private boolean signalUnderLock() {
        if (signaled) {
            return false;
        }
        timestamp = System.nanoTime();
        signaled = true;
        ArrayList<FenceCallback> pending = callbacks;
        callbacks = null;
        signalledCondition.signalAll();
        Throwable failure = null;
        if (pending != null) {
            for (int i = 0; i < pending.size(); i++) {
                try {
                    pending.get(i).onSignal(this);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    } else {
                        failure.addSuppressed(t);
                    }
                }
            }
        }
        if (failure != null) {
            rethrow(failure);
        }
        return true;
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException("a fence callback threw " + t, t);
    }

    /**
     * Whether the fence is signalled. If it is not yet but {@link FenceOps#isSignaled} says its work is
     * done, signals it first (so callbacks may run in the calling thread).
     */
    public boolean isSignaled() {
        if (signaled) {
            return true;
        }
        if (ops.isSignaled(this)) {
            signal();
            return true;
        }
        return false;
    }

    /**
     * Calls {@link FenceOps#enableSignaling} unless it was called before or the fence is signalled; if the
     * ops answer that the fence is done already, signals it (without a section of its own, like the
     * kernel). Waiting and adding a callback do this implicitly.
     */
    public void enableSignaling() {
        lock.lock();
        try {
            enableSignalingUnderLock();
        } finally {
            lock.unlock();
        }
    }

    private void enableSignalingUnderLock() {
        if (signalingEnabled || signaled) {
            return;
        }
        signalingEnabled = true;
        if (!ops.enableSignaling(this)) {
            signalUnderLock();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Callbacks

    /**
     * Registers {@code callback} to run when the fence is signalled (see {@link FenceCallback}). Enables
     * signalling if this is the first callback or waiter.
     *
     * @return true if it will run; false if the fence is signalled already, in which case it is not run
     * @throws IllegalArgumentException if {@code callback} is null or already pending on this fence
     */
    public boolean addCallback(FenceCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("null fence callback");
        }
        lock.lock();
        try {
            if (signaled) {
                return false;
            }
            for (int i = 0; i < callbacks.size(); i++) {
                if (callbacks.get(i) == callback) {
                    throw new IllegalArgumentException("callback " + callback + " is already pending on " + this);
                }
            }
            enableSignalingUnderLock();
            if (signaled) {
                return false;
            }
            callbacks.add(callback);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a pending callback, which then never runs.
     *
     * @return true if it was pending and is removed; false if it was not pending (never added, removed
     *         before, or the fence was signalled, i.e. it ran or is running)
     */
    public boolean removeCallback(FenceCallback callback) {
        lock.lock();
        try {
            if (callbacks == null) {
                return false;
            }
            for (int i = 0; i < callbacks.size(); i++) {
                if (callbacks.get(i) == callback) {
                    callbacks.remove(i);
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Error and status

    /**
     * Records that the work behind the fence failed; the fence must still be signalled. Allowed only
     * before the fence is signalled; a second call replaces the error.
     *
     * @throws IllegalArgumentException if {@code cause} is null
     * @throws IllegalStateException if the fence is signalled already
     */
    public void setError(Throwable cause) {
        if (cause == null) {
            throw new IllegalArgumentException("null fence error");
        }
        lock.lock();
        try {
            if (signaled) {
                throw new IllegalStateException("cannot set an error on " + this + ": it is signalled already");
            }
            error = cause;
        } finally {
            lock.unlock();
        }
    }

    /** The error set with {@link #setError}, or null. */
    public Throwable error() {
        return error;
    }

    /** The status: pending, signalled, or signalled with an error (polls {@link FenceOps#isSignaled}). */
    public Status status() {
        if (!isSignaled()) {
            return Status.PENDING;
        }
        return error != null ? Status.FAILED : Status.SIGNALED;
    }

    /**
     * When the fence was signalled, in {@link System#nanoTime()} units.
     *
     * @throws IllegalStateException if it is not signalled
     */
    public long timestamp() {
        if (!signaled) {
            throw new IllegalStateException("no timestamp: " + this + " is not signalled");
        }
        return timestamp;
    }

    // ------------------------------------------------------------------------------------------------
    // Waiting

    /**
     * Waits until the fence is signalled; returns at once if it is. Enables signalling.
     *
     * @throws InterruptedException if the thread is interrupted while waiting (not when already signalled)
     * @throws IllegalStateException if the calling thread holds the fence's lock
     */
    public void await() throws InterruptedException {
        beforeWait();
        if (isSignaled()) {
            return;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        lock.lockInterruptibly();
        try {
            enableSignalingUnderLock();
            while (!signaled) {
                signalledCondition.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the fence is signalled, ignoring interrupts (the interrupt status is kept for the
     * caller). Returns at once if it is signalled. Enables signalling.
     *
     * @throws IllegalStateException if the calling thread holds the fence's lock
     */
    public void awaitUninterruptibly() {
        beforeWait();
        if (isSignaled()) {
            return;
        }
        lock.lock();
        try {
            enableSignalingUnderLock();
            while (!signaled) {
                signalledCondition.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code nanosTimeout} nanoseconds for the fence (the kernel's
     * {@code dma_fence_wait_timeout}). A timeout of 0 or less only tests it.
     *
     * @return the time left, at least 1, if the fence is signalled; 0 if the time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting (not when already signalled)
     * @throws IllegalStateException if the calling thread holds the fence's lock
     */
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        beforeWait();
        if (isSignaled()) {
            return nanosTimeout > 0 ? nanosTimeout : 1;
        }
        if (nanosTimeout <= 0) {
            return 0;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = System.nanoTime() + nanosTimeout;
        lock.lockInterruptibly();
        try {
            enableSignalingUnderLock();
            while (!signaled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                signalledCondition.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        long left = deadline - System.nanoTime();
        return left > 0 ? left : 1;
    }

    /**
     * Like {@link #awaitNanos} but ignores interrupts (the interrupt status is kept for the caller).
     *
     * @return the time left, at least 1, if the fence is signalled; 0 if the time ran out first
     * @throws IllegalStateException if the calling thread holds the fence's lock
     */
    public long awaitUninterruptiblyNanos(long nanosTimeout) {
        beforeWait();
        if (isSignaled()) {
            return nanosTimeout > 0 ? nanosTimeout : 1;
        }
        if (nanosTimeout <= 0) {
            return 0;
        }
        long deadline = System.nanoTime() + nanosTimeout;
        boolean interrupted = false;
        lock.lock();
        try {
            enableSignalingUnderLock();
            while (!signaled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                try {
                    signalledCondition.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        long left = deadline - System.nanoTime();
        return left > 0 ? left : 1;
    }

    /**
     * Waits at most {@code timeout} for the fence.
     *
     * @return true if it is signalled, false if the time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting (not when already signalled)
     * @throws IllegalArgumentException if {@code unit} is null
     * @throws IllegalStateException if the calling thread holds the fence's lock
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (unit == null) {
            throw new IllegalArgumentException("null time unit");
        }
        return awaitNanos(unit.toNanos(timeout)) > 0;
    }

    /** Every wait starts here: refuse a certain self-deadlock, then tell lockdep a fence wait may block. */
    private void beforeWait() {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("waiting for " + this + " while holding its lock");
        }
        LockdepPoints.fenceWait();
    }

    /** The signalled flag alone, without polling the ops (for callers that must not call out). */
    boolean signaledFlag() {
        return signaled;
    }

    /** Lockdep's view of a wait that happens elsewhere (a reservation wait with no fences). */
    static void announceWait() {
        LockdepPoints.fenceWait();
    }

    /** Short description: context, seqno and whether it is signalled; does not call the ops. */
    @Override
    public String toString() {
        return "fence " + context + ":" + seqno + (signaled ? " (signalled)" : "");
    }
}
