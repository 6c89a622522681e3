package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import jdk.internal.vm.annotation.DontInline;

/**
 * What instrumented code calls around monitors: {@code synchronized} blocks (inserted by
 * {@code BytecodeRewriter}), {@code synchronized} methods (advice), {@code Object.wait} (calls rewritten
 * to {@code waitOn}, or in application code {@code waitForNotify}) and, in application code,
 * {@code notify}/{@code notifyAll} (events, see {@link EventHooks}). A monitor's identity is its object; its class comes from {@link LockNames}.
 *
 * <p>The enter and exit hooks keep their slow paths (class lookup, general release) in {@code @DontInline} methods
 * (honoured for boot-loader classes). Inlined, those paths made every hot method with a {@code synchronized} block
 * compile the whole lookup at each block (branch profiles are the hook's, shared by all its callers), and made the
 * hooks' own compiled bodies so big that C2 then refused to inline their fast paths ("already compiled into a big
 * method"). The hooks that are not a lock's fast path ({@code binEnter}, the waits) are {@code @DontInline}
 * whole, like those of {@link EventHooks} and {@link AllocationHooks}: a program's method that inlined them compiled
 * their entire bodies (docs/agent.md).
 *
 * <p>Like every hook: returns at once until an engine is installed, never throws into the program (except
 * {@code PotentialDeadlockError} under {@code onCycle=throw}), never calls the program's code
 * ({@code toString}, {@code hashCode}) and never logs.
 */
public final class MonitorHooks {
    private MonitorHooks() {
    }

    /**
     * Before {@code MONITORENTER}: validates, then records the monitor as held. A repeat of the thread's last
     * acquisition at this point of its stack needs no class lookup ({@link Lockdep#acquireKnown}); the lookup
     * is in a method of its own, so that this one stays small enough to inline.
     */
    public static void monitorEnter(Object o) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null) {
            return;
        }
        try {
            if (e.acquireKnown(o, Mode.EXCLUSIVE)) {
                return;
            }
        } catch (Throwable ignored) {
            return;
        }
        enterNamed(e, o);
    }

    @DontInline
    private static void enterNamed(Lockdep e, Object o) {
        Finding f;
        try {
            LockClass forGood = LockNames.monitorClassForGood(e, o);
            f = forGood != null ? e.acquireRemembered(o, forGood, Mode.EXCLUSIVE)
                    : e.acquire(o, LockNames.monitorClass(e, o), Mode.EXCLUSIVE);
        } catch (Throwable ignored) {
            return;
        }
        if (f != null) {
            CyclePolicy.acquired(e, o, f);
        }
    }

    /**
     * Before {@code MONITORENTER} in an instance method of {@code ConcurrentHashMap}: the monitor is one of
     * {@code map}'s bins, classed by the map (see {@link LockNames#binClass}).
     */
    @DontInline
    public static void binEnter(Object bin, Object map) {
        Lockdep e = EngineHolder.engine;
        if (e == null || bin == null || map == null) {
            return;
        }
        Finding f;
        try {
            f = e.acquire(bin, LockNames.binClass(e, bin, map), Mode.EXCLUSIVE);
        } catch (Throwable ignored) {
            return;
        }
        if (f != null) {
            CyclePolicy.acquired(e, bin, f);
        }
    }

    /** Before {@code MONITOREXIT}. The top entry held once is dropped inline ({@link Lockdep#releaseTop}). */
    public static void monitorExit(Object o) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null) {
            return;
        }
        try {
            if (!e.releaseTop(o, null)) {
                exitGeneral(e, o);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    @DontInline
    private static void exitGeneral(Lockdep e, Object o) {
        try {
            e.release(o);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** On entry to a {@code synchronized} method, after the JVM took the monitor. */
    public static void syncMethodEnter(Object o) {
        monitorEnter(o);
    }

    /** On exit from a {@code synchronized} method, normal or exceptional, before the JVM releases it. */
    public static void syncMethodExit(Object o) {
        monitorExit(o);
    }

    /** Replaces {@code o.wait()}: the monitor is not held while waiting. */
    @DontInline
    public static void waitOn(Object o) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            o.wait();
        } finally {
            waitReacquire(o, saved);
        }
    }

    /** Replaces {@code o.wait(ms)}. */
    @DontInline
    public static void waitOn(Object o, long ms) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            o.wait(ms);
        } finally {
            waitReacquire(o, saved);
        }
    }

    /** Replaces {@code o.wait(ms, nanos)}. */
    @DontInline
    public static void waitOn(Object o, long ms, int nanos) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            o.wait(ms, nanos);
        } finally {
            waitReacquire(o, saved);
        }
    }

    /** Replaces {@code o.wait()} in application code: released while waiting, and a wait for its notify. */
    @DontInline
    public static void waitForNotify(Object o) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            EventHooks.monitorWait(o, false);
            o.wait();
        } finally {
            waitReacquire(o, saved);
        }
    }

    /** Replaces {@code o.wait(ms)} in application code (timed unless 0, which waits for good). */
    @DontInline
    public static void waitForNotify(Object o, long ms) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            EventHooks.monitorWait(o, ms != 0L);
            o.wait(ms);
        } finally {
            waitReacquire(o, saved);
        }
    }

    /** Replaces {@code o.wait(ms, nanos)} in application code. */
    @DontInline
    public static void waitForNotify(Object o, long ms, int nanos) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            EventHooks.monitorWait(o, ms != 0L || nanos != 0);
            o.wait(ms, nanos);
        } finally {
            waitReacquire(o, saved);
        }
    }

    /** Replaces {@code o.notify()} in application code: the event the monitor's waiters wait for. */
    public static void notifyOn(Object o) {
        EventHooks.monitorNotify(o);
        o.notify();
    }

    /** Replaces {@code o.notifyAll()} in application code. */
    public static void notifyAllOn(Object o) {
        EventHooks.monitorNotify(o);
        o.notifyAll();
    }

    private static int waitRelease(Object o) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null) {
            return 0;
        }
        try {
            return e.waitRelease(o);
        } catch (Throwable ignored) {
            return 0;
        }
    }

    private static void waitReacquire(Object o, int saved) {
        Lockdep e = EngineHolder.engine;
        if (e == null || saved <= 0) {
            return;
        }
        try {
            e.waitReacquire(o, LockNames.monitorClass(e, o), saved);
        } catch (Throwable ignored) {
            // never into the host
        }
    }
}
