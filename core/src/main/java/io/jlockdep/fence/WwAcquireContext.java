package io.jlockdep.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An acquire context (the kernel's {@code ww_acquire_ctx}, a "reservation ticket"): one transaction that
 * locks several mutexes of one {@link WwClass} in any order without deadlocking. The context gets a stamp
 * when created; when two contexts contend, the stamps decide which one backs off (see {@link WwClass}).
 *
 * <pre>{@code
 * try (WwAcquireContext ctx = new WwAcquireContext(cls)) {
 *     WwMutex contended = null;
 *     for (;;) {
 *         try {
 *             if (contended != null) { contended.lockSlow(ctx); }
 *             for (WwMutex m : mutexes) { m.lock(ctx); }     // false = this context holds it already
 *             break;
 *         } catch (WouldDeadlockException e) {
 *             ctx.unlockAll();
 *             contended = e.contended();
 *         }
 *     }
 *     ctx.done();
 *     ... use the objects ...
 *     ctx.unlockAll();
 * }
 * }</pre>
 * ({@link Reservations#lockAll} does this for reservations.)
 *
 * <p>Rules, each checked with an {@link IllegalStateException} (or {@link IllegalArgumentException} for a
 * mutex of another class): a context is used only by the thread that created it; after a back-off the
 * next lock must be the contended mutex, taken with nothing else held; no lock after {@link #done()} or
 * {@link #close()}; closing with mutexes held unlocks them and then throws; closing twice throws.
 *
 * <p><b>Injected back-offs</b> (the kernel's {@code CONFIG_DEBUG_WW_MUTEX_SLOWPATH}): a context created
 * with a seed now and then, at pseudo-random points with growing distance, answers a successful lock that
 * is not its first with {@link WouldDeadlockException} ({@link WouldDeadlockException.Reason#INJECTED}),
 * so back-off paths are exercised in tests. The same seed and the same sequence of calls inject at the
 * same points.
 *
 * <p>Not thread-safe: confined to its thread (except for being wounded by other contexts).
 */
public final class WwAcquireContext implements AutoCloseable {
    private final WwClass wwClass;
    private final long stamp;
    private final Thread owner;

    /** Mutexes held, oldest first. Owner thread only. */
    private final ArrayList<WwMutex> held = new ArrayList<WwMutex>();
    /** The mutex this context backed off on and must lock next, or null. Owner thread only. */
    private WwMutex contended;
    private boolean done;
    private boolean closed;

    /** Set by an older context (wound-wait); cleared when this context holds nothing. */
    private volatile boolean wounded;
    /** The mutex this context is blocked on, so that a wounder can wake it. */
    private volatile WwMutex waitingOn;

    /** Null unless back-offs are injected. */
    private final SplittableRandom injector;
    private long injectInterval = 1;
    private long injectCountdown;
    private int injected;

    /**
     * A context of class {@code wwClass}, with the next stamp of that class.
     *
     * @throws IllegalArgumentException if {@code wwClass} is null
     */
    public WwAcquireContext(WwClass wwClass) {
        this(wwClass, null);
    }

    /**
     * A context that injects back-offs, reproducibly for {@code injectionSeed} (see the class comment).
     *
     * @throws IllegalArgumentException if {@code wwClass} is null
     */
    public WwAcquireContext(WwClass wwClass, long injectionSeed) {
        this(wwClass, new SplittableRandom(injectionSeed));
    }

    private WwAcquireContext(WwClass wwClass, SplittableRandom injector) {
        if (wwClass == null) {
            throw new IllegalArgumentException("an acquire context needs a ww class (null given)");
        }
        this.wwClass = wwClass;
        this.stamp = wwClass.nextStamp();
        this.owner = Thread.currentThread();
        this.injector = injector;
        if (injector != null) {
            injectCountdown = injector.nextInt(4);
        }
        LockdepPoints.acquireContextInit(this, wwClass.name());
    }

    /** The ww class of the mutexes this context may lock. */
    public WwClass wwClass() {
        return wwClass;
    }

    /** This context's stamp within its class: smaller is older. */
    public long stamp() {
        return stamp;
    }

    /** The thread the context belongs to. */
    public Thread owner() {
        return owner;
    }

    /** How many mutexes the context holds. */
    public int acquiredCount() {
        return held.size();
    }

    /** The mutexes the context holds, in the order taken (a copy). */
    public List<WwMutex> heldMutexes() {
        return new ArrayList<WwMutex>(held);
    }

    /** The mutex this context backed off on and must lock next, or null if none is pending. */
    public WwMutex contended() {
        return contended;
    }

    /** Whether an older context has wounded this one (wound-wait) since it last held nothing. */
    public boolean isWounded() {
        return wounded;
    }

    /** Whether {@link #done()} was called. */
    public boolean isDone() {
        return done;
    }

    /** Whether the context is closed. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether this context injects back-offs. */
    public boolean injectsBackoffs() {
        return injector != null;
    }

    /** How many back-offs this context has injected so far. */
    public int injectedBackoffs() {
        return injected;
    }

    /**
     * Marks the end of the acquire phase: every mutex is locked, and locking another one is an error
     * (the kernel's {@code ww_acquire_done}). Calling it again does nothing.
     *
     * @throws IllegalStateException on another thread, after close, or with a back-off pending
     */
    public void done() {
        checkOwner("done()");
        if (closed) {
            throw new IllegalStateException("done() on " + this + ", which is closed");
        }
        if (contended != null) {
            throw new IllegalStateException("done() on " + this + ", which backed off on " + contended
                    + " and has not locked it again");
        }
        done = true;
    }

    /**
     * Unlocks every mutex the context holds, newest first (the back-off step, and the normal end of a
     * transaction).
     *
     * @throws IllegalStateException on another thread
     */
    public void unlockAll() {
        checkOwner("unlockAll()");
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }

    /**
     * Ends the context (the kernel's {@code ww_acquire_fini}). It must hold no mutex: if it still holds
     * some, they are unlocked (so nothing stays locked) and an {@link IllegalStateException} says so.
     *
     * @throws IllegalStateException on another thread, if already closed, or if mutexes were still held
     */
    @Override
    public void close() {
        checkOwner("close()");
        if (closed) {
            throw new IllegalStateException(this + " is closed already");
        }
        int stillHeld = held.size();
        if (stillHeld > 0) {
            unlockAll();
        }
        closed = true;
        LockdepPoints.acquireContextFini(this);
        if (stillHeld > 0) {
            throw new IllegalStateException(this + " closed while holding " + stillHeld
                    + " ww mutex(es); they have been unlocked");
        }
    }

    @Override
    public String toString() {
        return "acquire context #" + stamp + " of " + wwClass.name();
    }

    // ------------------------------------------------------------------------------------------------
    // For WwMutex

    private void checkOwner(String what) {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw new IllegalStateException(what + " on " + this + " from thread \"" + current.getName()
                    + "\"; it belongs to thread \"" + owner.getName() + "\"");
        }
    }

    /** Checks that this context may lock {@code m} now ({@code slow}: through lockSlow). */
    void checkCanLock(WwMutex m, boolean slow) {
        checkOwner("locking " + m);
        if (closed) {
            throw new IllegalStateException("cannot lock " + m + ": " + this + " is closed");
        }
        if (done) {
            throw new IllegalStateException("cannot lock " + m + ": " + this + " is done");
        }
        if (m.wwClass() != wwClass) {
            throw new IllegalArgumentException("cannot lock " + m + " (of " + m.wwClass().name() + ") under "
                    + this);
        }
        if (slow && contended != m) {
            throw new IllegalStateException(contended == null
                    ? "lockSlow(" + m + ") but " + this + " has not backed off"
                    : "lockSlow(" + m + ") but " + this + " backed off on " + contended);
        }
        if (contended != null) {
            if (contended != m) {
                throw new IllegalStateException(this + " backed off on " + contended
                        + ": unlock everything and lockSlow it before locking " + m);
            }
            if (!held.isEmpty()) {
                throw new IllegalStateException(this + " backed off on " + contended + " but still holds "
                        + held.size() + " ww mutex(es): unlock them first");
            }
        }
        if (held.isEmpty()) {
            // A context that holds nothing cannot be part of a deadlock: an old wound no longer applies.
            wounded = false;
        }
    }

    boolean holdsNothing() {
        return held.isEmpty();
    }

    boolean wounded() {
        return wounded;
    }

    void setWaitingOn(WwMutex m) {
        waitingOn = m;
    }

    /** An older context needs a mutex this one holds: mark it, and wake it if it is blocked. */
    void wound() {
        if (wounded) {
            return;
        }
        wounded = true;
        // Read after writing the flag: a context about to block wrote waitingOn before reading the flag,
        // so either it sees the wound or this sees where it waits.
        WwMutex m = waitingOn;
        if (m != null) {
            m.wakeWaiters();
        }
    }

    /** Records a back-off on {@code m}. */
    void backedOff(WwMutex m) {
        contended = m;
    }

    void added(WwMutex m) {
        held.add(m);
        if (contended == m) {
            contended = null;
        }
    }

    void removed(WwMutex m) {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i) == m) {
                held.remove(i);
                return;
            }
        }
    }

    /** After a successful blocking lock that is not the first: whether to fake a back-off now. */
    boolean injectBackoffNow() {
        if (injector == null || injectCountdown-- > 0) {
            return false;
        }
        // The distance grows (about x3.5, as in the kernel) so a long lock list still completes.
        if (injectInterval < (Long.MAX_VALUE >> 3)) {
            injectInterval = injectInterval * 3 + injectInterval / 2;
        }
        injectCountdown = injectInterval / 2 + injector.nextLong(injectInterval + 1);
        injected++;
        return true;
    }
}
