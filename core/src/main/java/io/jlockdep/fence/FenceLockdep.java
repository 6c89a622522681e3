package io.jlockdep.fence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.jlockdep.core.Contract;
import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import io.jlockdep.core.PseudoLock;

/**
 * The fence core's lockdep mapping: what each point of the fence core (signalling sections, fence waits,
 * acquire contexts and ww mutexes, reclaim and invalidation) means to a {@link Lockdep} engine. The agent
 * calls one method per point from its hooks, on the thread that reached the point; tests call them
 * directly. See {@code docs/fence.md}.
 *
 * <ul>
 *   <li>Signalling sections hold the pseudo-lock {@value #SIGNALLING} shared non-recursive ({@code r});
 *       nested sections acquire nothing. Every fence wait probes it exclusively, so "wait for a fence while
 *       holding L" plus "take L inside a signalling section" is a cycle.</li>
 *   <li>A ww class {@code C} is two classes: {@code C_acquire} for its acquire contexts (held exclusively
 *       from init to fini, through one pseudo-lock instance per class, so two contexts of a class on one
 *       thread are {@code recursive}) and {@code C_mutex} for all its mutexes, which nest under the held
 *       context.</li>
 *   <li>{@value #RECLAIM} and {@value #INVALIDATION} are pseudo-locks held exclusively inside those
 *       contexts and probed exclusively where code might enter them.</li>
 *   <li>{@link #prime()} declares the cross-driver contract {@value #CONTRACT}.</li>
 * </ul>
 *
 * <p>Methods that acquire or probe return the first new finding (or null). No method throws: engine-side
 * trouble is counted in {@link #internalErrors()}. Thread-safe.
 */
public final class FenceLockdep {
    /** The signalling pseudo-lock ({@code dma_fence_map}). */
    public static final String SIGNALLING = "fence-signalling";
    /** The reclaim pseudo-lock ({@code fs_reclaim}). */
    public static final String RECLAIM = "reclaim";
    /** The invalidation pseudo-lock ({@code mmu_notifier_invalidate_range_start}). */
    public static final String INVALIDATION = "invalidation";
    /** The ww class of reservations ({@link Reservation#WW_CLASS}). */
    public static final String RESERVATION_WW_CLASS = "reservation_ww_class";
    /** Suffix of a ww class's acquire-context class. */
    public static final String ACQUIRE_SUFFIX = "_acquire";
    /** Suffix of a ww class's mutex class. */
    public static final String MUTEX_SUFFIX = "_mutex";
    /** Used for a ww class name that is null or empty. */
    public static final String UNNAMED_WW_CLASS = "ww_class";
    /** The contract {@link #prime()} declares, in the engine's contract format. */
    public static final String CONTRACT = RESERVATION_WW_CLASS + ACQUIRE_SUFFIX + " -> " + RESERVATION_WW_CLASS
            + MUTEX_SUFFIX + " -> " + RECLAIM + " -> " + INVALIDATION + " -> " + SIGNALLING;
    /** Where primed edges say they come from. */
    public static final String CONTRACT_ORIGIN = "fence-contract:1";

    /** The two engine classes of one ww class. */
    private static final class WwClasses {
        /** Instance and class of every acquire context of the ww class; also their nest lock. */
        final PseudoLock context;
        final LockClass mutex;

        WwClasses(PseudoLock context, LockClass mutex) {
            this.context = context;
            this.mutex = mutex;
        }
    }

    private final Lockdep engine;
    private final PseudoLock signalling;
    private final PseudoLock reclaim;
    private final PseudoLock invalidation;
    private final ConcurrentHashMap<String, WwClasses> wwClasses = new ConcurrentHashMap<String, WwClasses>();
    private final ConcurrentHashMap<LockClass, WwClasses> byContextClass =
            new ConcurrentHashMap<LockClass, WwClasses>();
    private final AtomicLong internalErrors = new AtomicLong();

    /**
     * The mapping onto {@code engine}. Creates the pseudo-lock classes and the reservation classes (all
     * non-reentrant), but does not prime; call {@link #prime()} for that.
     *
     * @throws IllegalArgumentException if {@code engine} is null
     */
    public FenceLockdep(Lockdep engine) {
        if (engine == null) {
            throw new IllegalArgumentException("FenceLockdep needs an engine (null given)");
        }
        this.engine = engine;
        this.signalling = engine.pseudoLock(SIGNALLING);
        this.reclaim = engine.pseudoLock(RECLAIM);
        this.invalidation = engine.pseudoLock(INVALIDATION);
        ww(RESERVATION_WW_CLASS);
    }

    /** The engine this mapping feeds. */
    public Lockdep engine() {
        return engine;
    }

    /** The engine class name of the acquire contexts of ww class {@code wwClass}. */
    public static String acquireClassName(String wwClass) {
        return wwName(wwClass) + ACQUIRE_SUFFIX;
    }

    /** The engine class name of the mutexes of ww class {@code wwClass}. */
    public static String mutexClassName(String wwClass) {
        return wwName(wwClass) + MUTEX_SUFFIX;
    }

    /** How many times engine-side trouble was swallowed to protect a caller (should stay 0). */
    public long internalErrors() {
        return internalErrors.get();
    }

    /**
     * Primes the engine with {@value #CONTRACT}, the wait side of the cross-driver contract (like the
     * kernel's {@code dma_resv_lockdep()}): reservations may be held while allocating with reclaim, reclaim
     * may invalidate, and invalidation may wait for fences. From then on a signalling section that takes a
     * reservation lock, allocates with reclaim or triggers an invalidation is reported on first occurrence.
     *
     * @return the findings the contract itself closes (none in a fresh engine)
     */
    public List<Finding> prime() {
        try {
            String[] chain = {acquireClassName(RESERVATION_WW_CLASS), mutexClassName(RESERVATION_WW_CLASS),
                    RECLAIM, INVALIDATION, SIGNALLING};
            List<Contract.Order> orders = new ArrayList<Contract.Order>();
            for (int i = 0; i + 1 < chain.length; i++) {
                orders.add(new Contract.Order(chain[i], Mode.EXCLUSIVE, chain[i + 1], Mode.EXCLUSIVE,
                        CONTRACT_ORIGIN));
            }
            return engine.prime(Contract.of(orders));
        } catch (RuntimeException e) {
            return swallowed(e, Collections.<Finding>emptyList());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Signalling

    /**
     * A signalling section begins: acquires {@value #SIGNALLING} shared ({@code r}) unless the thread
     * holds it shared already. Findings go to the engine's listener; {@link #signallingAcquire()} returns
     * them.
     *
     * @return the cookie for {@link #signallingEnd}: true if the section is nested (nothing acquired)
     */
    public boolean signallingBegin() {
        try {
            if (signalling.isHeld(Mode.SHARED)) {
                return true;
            }
            signalling.acquire(Mode.SHARED);
            return false;
        } catch (RuntimeException e) {
            return swallowed(e, Boolean.TRUE).booleanValue();
        }
    }

    /** Whether the calling thread is in a signalling section: the cookie {@link #signallingBegin()} would return. */
    public boolean inSignallingSection() {
        try {
            return signalling.isHeld(Mode.SHARED);
        } catch (RuntimeException e) {
            return swallowed(e, Boolean.FALSE).booleanValue();
        }
    }

    /**
     * {@link #signallingBegin()} for callers that want the finding: does the same, and returns the finding
     * instead of the cookie (take the cookie from {@link #inSignallingSection()} before the call).
     */
    public Finding signallingAcquire() {
        try {
            if (signalling.isHeld(Mode.SHARED)) {
                return null;
            }
            return signalling.acquire(Mode.SHARED);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    /** A signalling section ends: releases {@value #SIGNALLING} unless {@code cookie} says it was nested. */
    public void signallingEnd(boolean cookie) {
        if (cookie) {
            return;
        }
        try {
            signalling.release();
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /**
     * A fence wait: probes {@value #SIGNALLING} exclusively. Inside a section the shared hold is dropped
     * for the probe and taken again, so the wait is checked against every other held lock but is not
     * recursion on the section itself.
     */
    public Finding fenceWait() {
        try {
            boolean inSection = signalling.isHeld(Mode.SHARED);
            if (inSection) {
                signalling.release();
            }
            Finding f = signalling.probe(Mode.EXCLUSIVE);
            if (inSection) {
                Finding again = signalling.acquire(Mode.SHARED);
                if (f == null) {
                    f = again;
                }
            }
            return f;
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // ww mutexes

    /**
     * An acquire context of {@code wwClass} starts: acquires {@code <wwClass>_acquire} exclusively until
     * {@link #acquireContextFini}. A second context of the class on the same thread is {@code recursive}.
     */
    public Finding acquireContextInit(Object ctx, String wwClass) {
        try {
            WwClasses c = ww(wwClass);
            if (ctx != null && !(ctx instanceof WwAcquireContext)) {
                engine.setClass(ctx, c.context.lockClass()); // so that fini finds the class again
            }
            return c.context.acquire(Mode.EXCLUSIVE);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    /** The acquire context ends: releases its {@code <wwClass>_acquire} hold. */
    public void acquireContextFini(Object ctx) {
        try {
            WwClasses c = classesOf(ctx);
            if (c != null) {
                c.context.release();
            }
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /** A named ww mutex was created: reports of instance inversions between ww mutexes show its name. */
    public void wwInit(Object mutex, String name) {
        try {
            engine.setInstanceName(mutex, name);
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /**
     * A blocking lock of a ww mutex begins: acquires it exclusively as {@code <wwClass>_mutex}, nested under
     * the held context of that class when {@code ctx} is not null (no same-class finding, one held entry
     * for many mutexes), as a plain lock otherwise.
     */
    public Finding wwLock(Object mutex, String wwClass, Object ctx) {
        try {
            WwClasses c = ww(wwClass);
            if (ctx == null) {
                return engine.acquire(mutex, c.mutex, Mode.EXCLUSIVE);
            }
            return engine.acquireNested(mutex, c.mutex, Mode.EXCLUSIVE, c.context);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    /** The lock announced by {@link #wwLock} was not taken: releases it. */
    public void wwLockFailed(Object mutex) {
        try {
            engine.release(mutex);
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /** A ww mutex was trylocked: held, ordered before later locks, never after earlier ones. */
    public void wwTryLocked(Object mutex, String wwClass) {
        try {
            engine.tryAcquired(mutex, ww(wwClass).mutex, Mode.EXCLUSIVE);
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /** A ww mutex was unlocked. */
    public void wwUnlock(Object mutex) {
        try {
            engine.release(mutex);
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Reclaim and invalidation

    /** The thread enters reclaim: acquires {@value #RECLAIM} exclusively. */
    public Finding reclaimEnter() {
        try {
            return reclaim.acquire(Mode.EXCLUSIVE);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    /** The thread leaves reclaim. */
    public void reclaimExit() {
        try {
            reclaim.release();
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /** An allocation that may enter reclaim: probes {@value #RECLAIM} exclusively. */
    public Finding mightReclaim() {
        try {
            return reclaim.probe(Mode.EXCLUSIVE);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    /** The thread enters an invalidation context: acquires {@value #INVALIDATION} exclusively. */
    public Finding invalidationEnter() {
        try {
            return invalidation.acquire(Mode.EXCLUSIVE);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    /** The thread leaves the invalidation context. */
    public void invalidationExit() {
        try {
            invalidation.release();
        } catch (RuntimeException e) {
            swallowed(e, null);
        }
    }

    /** A wait for invalidation progress: probes {@value #INVALIDATION} exclusively. */
    public Finding mightInvalidate() {
        try {
            return invalidation.probe(Mode.EXCLUSIVE);
        } catch (RuntimeException e) {
            return swallowed(e, null);
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static String wwName(String wwClass) {
        return wwClass == null || wwClass.isEmpty() ? UNNAMED_WW_CLASS : wwClass;
    }

    private WwClasses ww(String wwClass) {
        String name = wwName(wwClass);
        WwClasses c = wwClasses.get(name);
        if (c != null) {
            return c;
        }
        WwClasses fresh = new WwClasses(engine.pseudoLock(name + ACQUIRE_SUFFIX),
                engine.pseudoClass(name + MUTEX_SUFFIX));
        c = wwClasses.putIfAbsent(name, fresh);
        if (c == null) {
            c = fresh;
            byContextClass.put(c.context.lockClass(), c);
        }
        return c;
    }

    private WwClasses classesOf(Object ctx) {
        if (ctx instanceof WwAcquireContext) {
            return ww(((WwAcquireContext) ctx).wwClass().name());
        }
        if (ctx == null) {
            return null;
        }
        LockClass cls = engine.classOf(ctx);
        return cls == null ? null : byContextClass.get(cls);
    }

    private <T> T swallowed(RuntimeException e, T result) {
        internalErrors.incrementAndGet();
        return result;
    }
}
