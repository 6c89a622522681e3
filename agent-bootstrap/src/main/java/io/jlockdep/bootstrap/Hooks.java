package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import io.jlockdep.core.PotentialDeadlockError;
import io.jlockdep.core.PseudoLock;
import io.jlockdep.fence.FenceLockdep;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The static methods instrumented code calls. Every hook returns at once until the agent has installed
 * an engine, never throws (except {@link PotentialDeadlockError} under {@code onCycle=throw}), never calls
 * the program's code ({@code toString}, {@code hashCode}) and never logs: findings go to the engine's
 * listener, which only queues them.
 *
 * <p>Lock identities: a monitor is its object; a {@code ReentrantLock} and a {@code StampedLock} are
 * themselves; both halves of a {@code ReentrantReadWriteLock} are its shared {@code sync}, so read and
 * write holds meet in one held entry (that is how an upgrade is seen).
 */
public final class Hooks {
    private static final String UNKNOWN_SITE = "@(unknown site)";
    private static final long MAX_OBJECT_CLASSES = 1024;
    /** Default map of user-declared wait points and sections: the fence signalling map. */
    public static final String FENCE_MAP = "fence-signalling";

    private static Lockdep engine;
    private static FenceLockdep fence;
    private static boolean throwOnCycle;
    private static FindingFilter filter;
    private static ShutdownAction shutdown;
    private static MonitorClasses monitors;
    private static MonitorClasses classObjects;
    private static final LockSites SITES = new LockSites();
    private static final ConcurrentHashMap<String, PseudoLock> USER_MAPS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, String> POINT_MAPS = new ConcurrentHashMap<>();
    private static final AtomicBoolean FINISHED = new AtomicBoolean();
    /** The thread that runs {@code main} (null when the agent was attached later). */
    private static volatile Thread mainThread;
    /** Whether {@code main} ended with an uncaught exception: the launcher then exits with status 1. */
    private static volatile boolean mainThrew;
    private static long objectSeq;

    private Hooks() {
    }

    /**
     * Arms the hooks. Called once by the agent before any class is instrumented.
     *
     * @param e             the engine
     * @param fenceMapping  the fence core's lockdep mapping on that engine
     * @param throwOnCycle  whether a new finding throws {@link PotentialDeadlockError} in the acquiring thread
     * @param findingFilter suppressed findings (never thrown)
     * @param onShutdown    the agent's work at exit
     */
    public static synchronized void install(Lockdep e, FenceLockdep fenceMapping, boolean throwOnCycle,
                                            FindingFilter findingFilter, ShutdownAction onShutdown) {
        monitors = new MonitorClasses(e, "monitor ");
        classObjects = new MonitorClasses(e, "class ");
        fence = fenceMapping;
        Hooks.throwOnCycle = throwOnCycle;
        filter = findingFilter;
        shutdown = onShutdown;
        engine = e;
        if (sweeper == null) {
            sweeper = new Thread(new Sweeper(e), "jlockdep-sweeper");
            sweeper.setDaemon(true);
            sweeper.start();
        }
    }

    private static Thread sweeper;

    /**
     * Turns the entries of collected locks into tombstones as the garbage collector clears them, and has
     * the engine forget its collected instances too: within {@value #MIN_GAP_MILLIS} ms of a collection,
     * and once a second anyway (a class whose instances stopped nesting would otherwise keep them until
     * it nests again). The gap keeps the engine's graph lock free while garbage streams in.
     */
    private static final class Sweeper implements Runnable {
        private static final long IDLE_MILLIS = 1000;
        private static final long MIN_GAP_MILLIS = 100;
        private final Lockdep engine;

        Sweeper(Lockdep engine) {
            this.engine = engine;
        }

        @Override
        public void run() {
            engine.ignoreCurrentThread();
            long last = System.nanoTime();
            boolean pending = false; // something was collected since the engine's last sweep
            while (true) {
                try {
                    long sinceMillis = (System.nanoTime() - last) / 1_000_000L;
                    long wait = pending ? Math.max(1, MIN_GAP_MILLIS - sinceMillis) : IDLE_MILLIS;
                    if (SITES.awaitCollected(wait)) {
                        pending = true;
                    }
                    long now = System.nanoTime();
                    long since = (now - last) / 1_000_000L;
                    Lockdep e = Hooks.engine;
                    if (e != null && since >= MIN_GAP_MILLIS && (pending || since >= IDLE_MILLIS)) {
                        last = now;
                        pending = false;
                        e.expungeCollected();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable ignored) {
                    // keep sweeping
                }
            }
        }
    }

    /** The installed engine, or null. */
    public static Lockdep engine() {
        return engine;
    }

    /** Registers the map of a user-declared point ({@code origin} is the method's descriptor string). */
    public static void declarePoint(String origin, String map) {
        POINT_MAPS.put(origin, map);
    }

    // ---------------------------------------------------------------------------------------------
    // synchronized

    /** Before {@code MONITORENTER}: validates, then records the monitor as held. */
    public static void monitorEnter(Object o) {
        Lockdep e = engine;
        if (e == null || o == null) {
            return;
        }
        Finding f = null;
        try {
            f = e.acquire(o, monitorClass(e, o), Mode.EXCLUSIVE);
        } catch (Throwable ignored) {
            return;
        }
        if (f != null && throwOnCycle) {
            deny(e, o, f);
        }
    }

    /** Before {@code MONITOREXIT}. */
    public static void monitorExit(Object o) {
        Lockdep e = engine;
        if (e == null || o == null) {
            return;
        }
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
    public static void waitOn(Object o) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            o.wait();
        } finally {
            waitReacquire(o, saved, true);
        }
    }

    /** Replaces {@code o.wait(ms)}. */
    public static void waitOn(Object o, long ms) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            o.wait(ms);
        } finally {
            waitReacquire(o, saved, true);
        }
    }

    /** Replaces {@code o.wait(ms, nanos)}. */
    public static void waitOn(Object o, long ms, int nanos) throws InterruptedException {
        int saved = waitRelease(o);
        try {
            o.wait(ms, nanos);
        } finally {
            waitReacquire(o, saved, true);
        }
    }

    private static int waitRelease(Object o) {
        Lockdep e = engine;
        if (e == null || o == null) {
            return 0;
        }
        try {
            return e.waitRelease(o);
        } catch (Throwable ignored) {
            return 0;
        }
    }

    private static void waitReacquire(Object o, int saved, boolean monitor) {
        Lockdep e = engine;
        if (e == null || saved <= 0) {
            return;
        }
        try {
            e.waitReacquire(o, monitor ? monitorClass(e, o) : jucClass(e, o, "ReentrantLock"), saved);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Allocation sites

    /**
     * Right after {@code new ReentrantLock()}, {@code new ReentrantReadWriteLock()}, {@code new StampedLock()},
     * {@code new Object()} or a new layered stream ({@code BufferedOutputStream}, {@code BufferedInputStream},
     * {@code PrintStream}) in instrumented code: names the new lock by its allocation site, e.g.
     * {@code ReentrantLock@com.acme.Bank.<init>(Bank.java:12)}.
     */
    public static void allocated(Object lock, String site) {
        Lockdep e = engine;
        if (e == null || lock == null) {
            return;
        }
        try {
            Object key = identityOf(lock);
            LockClass cls = site.startsWith("StampedLock@") ? e.pseudoClass(site) : e.lockClass(site);
            SITES.put(key, cls);
        } catch (Throwable ignored) {
            // unnamed: falls back to the type
        }
    }

    /** At the end of a {@code ReentrantReadWriteLock} constructor: its identity is its {@code sync}. */
    public static void rrwCreated(Object rrw, Object sync) {
        if (engine == null || rrw == null || sync == null) {
            return;
        }
        try {
            SITES.put(rrw, new Alias(sync));
        } catch (Throwable ignored) {
            // see allocated
        }
    }

    /** A {@code Condition} created by a tracked lock: its awaits release that lock. */
    public static void conditionCreated(Object condition, Object lockIdentity) {
        if (engine == null || condition == null || lockIdentity == null) {
            return;
        }
        try {
            SITES.put(condition, new Alias(lockIdentity));
        } catch (Throwable ignored) {
            // awaits of this condition then keep the lock held in the tracker
        }
    }

    /** The object the engine knows {@code lock} by: a {@code ReentrantReadWriteLock}'s sync, else itself. */
    static Object identityOf(Object lock) {
        Object alias = SITES.get(lock);
        return alias instanceof Alias ? ((Alias) alias).identity : lock;
    }

    /** Marks an identity stored for another object. */
    private static final class Alias {
        final Object identity;

        Alias(Object identity) {
            this.identity = identity;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ReentrantLock, ReentrantReadWriteLock, StampedLock

    /** Before {@code lock()}/{@code lockInterruptibly()} of a {@code ReentrantLock}. */
    public static void lock(Object lock) {
        acquire(lock, "ReentrantLock", Mode.EXCLUSIVE);
    }

    /** Before a read-lock acquisition of a {@code ReentrantReadWriteLock} ({@code sync} is its identity). */
    public static void readLock(Object sync) {
        acquire(sync, "ReentrantReadWriteLock", Mode.SHARED);
    }

    /** Before a write-lock acquisition of a {@code ReentrantReadWriteLock}. */
    public static void writeLock(Object sync) {
        acquire(sync, "ReentrantReadWriteLock", Mode.EXCLUSIVE);
    }

    /** Before {@code readLock()} of a {@code StampedLock}. */
    public static void stampedRead(Object lock) {
        acquire(lock, "StampedLock", Mode.SHARED);
    }

    /** Before {@code writeLock()} of a {@code StampedLock}. */
    public static void stampedWrite(Object lock) {
        acquire(lock, "StampedLock", Mode.EXCLUSIVE);
    }

    private static void acquire(Object id, String kind, Mode mode) {
        Lockdep e = engine;
        if (e == null || id == null) {
            return;
        }
        Finding f = null;
        try {
            f = e.acquire(id, jucClass(e, id, kind), mode);
        } catch (Throwable ignored) {
            return;
        }
        if (f != null && throwOnCycle) {
            deny(e, id, f);
        }
    }

    /** A successful {@code tryLock} of a {@code ReentrantLock}. */
    public static void tryLocked(Object lock) {
        tried(lock, "ReentrantLock", Mode.EXCLUSIVE);
    }

    /** A successful read {@code tryLock} of a {@code ReentrantReadWriteLock}. */
    public static void readTryLocked(Object sync) {
        tried(sync, "ReentrantReadWriteLock", Mode.SHARED);
    }

    /** A successful write {@code tryLock} of a {@code ReentrantReadWriteLock}. */
    public static void writeTryLocked(Object sync) {
        tried(sync, "ReentrantReadWriteLock", Mode.EXCLUSIVE);
    }

    /** A successful {@code tryReadLock} of a {@code StampedLock} (non-zero stamp). */
    public static void stampedTryRead(Object lock, long stamp) {
        if (stamp != 0L) {
            tried(lock, "StampedLock", Mode.SHARED);
        }
    }

    /** A successful {@code tryWriteLock} of a {@code StampedLock} (non-zero stamp). */
    public static void stampedTryWrite(Object lock, long stamp) {
        if (stamp != 0L) {
            tried(lock, "StampedLock", Mode.EXCLUSIVE);
        }
    }

    private static void tried(Object id, String kind, Mode mode) {
        Lockdep e = engine;
        if (e == null || id == null) {
            return;
        }
        try {
            e.tryAcquired(id, jucClass(e, id, kind), mode);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** A blocking acquisition announced by {@link #lock} and friends ended without the lock (interrupted). */
    public static void lockFailed(Object id) {
        release(id, null);
    }

    /** After a successful {@code unlock()} of a {@code ReentrantLock}. */
    public static void unlock(Object lock) {
        release(lock, null);
    }

    /** After a read unlock of a {@code ReentrantReadWriteLock} or {@code StampedLock}. */
    public static void readUnlock(Object id) {
        release(id, Mode.SHARED);
    }

    /** After a write unlock of a {@code ReentrantReadWriteLock} or {@code StampedLock}. */
    public static void writeUnlock(Object id) {
        release(id, Mode.EXCLUSIVE);
    }

    /** After {@code tryUnlockRead()}/{@code tryUnlockWrite()} of a {@code StampedLock}. */
    public static void stampedTryUnlock(Object lock, boolean released, boolean write) {
        if (released) {
            release(lock, write ? Mode.EXCLUSIVE : Mode.SHARED);
        }
    }

    private static void release(Object id, Mode mode) {
        Lockdep e = engine;
        if (e == null || id == null) {
            return;
        }
        try {
            if (mode == null) {
                e.release(id);
            } else {
                e.release(id, mode);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** On entry to {@code Condition.await*}: the lock is released while waiting; returns the holds to restore. */
    public static int awaitRelease(Object condition) {
        Lockdep e = engine;
        if (e == null || condition == null) {
            return 0;
        }
        try {
            Object alias = SITES.get(condition);
            if (!(alias instanceof Alias)) {
                return 0;
            }
            return e.waitRelease(((Alias) alias).identity);
        } catch (Throwable ignored) {
            return 0;
        }
    }

    /** On exit from {@code Condition.await*}, normal or exceptional: the lock is held again. */
    public static void awaitReacquire(Object condition, int saved) {
        Lockdep e = engine;
        if (e == null || saved <= 0 || condition == null) {
            return;
        }
        try {
            Object alias = SITES.get(condition);
            if (alias instanceof Alias) {
                Object id = ((Alias) alias).identity;
                e.waitReacquire(id, jucClass(e, id, "ReentrantLock"), saved);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Lock classes

    private static LockClass monitorClass(Lockdep e, Object o) {
        Class<?> type = o.getClass();
        if (type == Class.class) {
            return classObjects.get((Class<?>) o);
        }
        if (type == Object.class) {
            Object v = SITES.get(o);
            if (v instanceof LockClass) {
                return (LockClass) v;
            }
            // Allocated where we could not see it: a plain Object says nothing about its role, so it
            // is a class of its own — up to a bound, after which they share one class, so that streams
            // of such objects cannot use up the engine's classes.
            long n = nextObjectSeq();
            LockClass own = n <= MAX_OBJECT_CLASSES ? e.lockClass("java.lang.Object#" + n)
                    : e.lockClass("monitor java.lang.Object");
            return (LockClass) SITES.putIfAbsent(o, own);
        }
        if (type == BufferedOutputStream.class || type == PrintStream.class || type == BufferedInputStream.class) {
            // Layered stream decorators: named by allocation site where instrumented code created them.
            Object v = SITES.get(o);
            if (v instanceof LockClass) {
                return (LockClass) v;
            }
        }
        return monitors.get(type);
    }

    private static synchronized long nextObjectSeq() {
        return ++objectSeq;
    }

    private static LockClass jucClass(Lockdep e, Object id, String kind) {
        Object v = SITES.get(id);
        if (v instanceof LockClass) {
            return (LockClass) v;
        }
        // Allocated in code that is not instrumented (or before the agent started): a subclass is named by
        // its type, the plain JDK lock by its kind.
        Class<?> type = id.getClass();
        String name;
        if (type.getName().startsWith("java.util.concurrent.locks.")) {
            name = kind + UNKNOWN_SITE;
        } else {
            name = kind + " " + type.getTypeName();
        }
        LockClass cls = "StampedLock".equals(kind) ? e.pseudoClass(name) : e.lockClass(name);
        Object stored = SITES.putIfAbsent(id, cls);
        return stored instanceof LockClass ? (LockClass) stored : cls;
    }

    // ---------------------------------------------------------------------------------------------
    // The fence core's points (io.jlockdep.fence.LockdepPoints)

    /** Start of a signalling section; the returned cookie goes to {@link #signallingEnd}. */
    public static boolean signallingBegin() {
        FenceLockdep f = fence;
        if (f == null) {
            return false;
        }
        try {
            return f.signallingBegin();
        } catch (Throwable ignored) {
            return true;
        }
    }

    /** End of a signalling section. */
    public static void signallingEnd(boolean cookie) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.signallingEnd(cookie);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** Before a (possibly) blocking fence wait. */
    public static void fenceWait() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.fenceWait();
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle) {
            denyProbe(found);
        }
    }

    /** A ww acquire context begins. */
    public static void acquireContextInit(Object ctx, String wwClass) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.acquireContextInit(ctx, wwClass);
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle && !suppressed(found)) {
            try {
                f.acquireContextFini(ctx);
            } catch (Throwable ignored) {
                // still throw below
            }
            throw new PotentialDeadlockError(found);
        }
    }

    /** A ww acquire context ends. */
    public static void acquireContextFini(Object ctx) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.acquireContextFini(ctx);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** Before a blocking ww-mutex (reservation) lock attempt. */
    public static void wwLock(Object mutex, String wwClass, Object ctx) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.wwLock(mutex, wwClass, ctx);
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle && !suppressed(found)) {
            try {
                f.wwLockFailed(mutex);
            } catch (Throwable ignored) {
                // still throw below
            }
            throw new PotentialDeadlockError(found);
        }
    }

    /** The attempt announced by {@link #wwLock} ended without the lock. */
    public static void wwLockFailed(Object mutex) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.wwLockFailed(mutex);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** A successful ww-mutex trylock. */
    public static void wwTryLocked(Object mutex, String wwClass) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.wwTryLocked(mutex, wwClass);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** A named ww mutex was created. */
    public static void wwInit(Object mutex, String name) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.wwInit(mutex, name);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** A ww-mutex unlock. */
    public static void wwUnlock(Object mutex) {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.wwUnlock(mutex);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** Code starts running as memory reclaim (a shrinker). */
    public static void reclaimEnter() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.reclaimEnter();
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle && !suppressed(found)) {
            try {
                f.reclaimExit();
            } catch (Throwable ignored) {
                // still throw below
            }
            throw new PotentialDeadlockError(found);
        }
    }

    /** Reclaim ends. */
    public static void reclaimExit() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.reclaimExit();
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** An allocation that may enter reclaim. */
    public static void mightReclaim() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.mightReclaim();
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle) {
            denyProbe(found);
        }
    }

    /** Code starts running as an invalidation callback. */
    public static void invalidationEnter() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.invalidationEnter();
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle && !suppressed(found)) {
            try {
                f.invalidationExit();
            } catch (Throwable ignored) {
                // still throw below
            }
            throw new PotentialDeadlockError(found);
        }
    }

    /** The invalidation callback ends. */
    public static void invalidationExit() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        try {
            f.invalidationExit();
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** Before waiting for invalidation progress. */
    public static void mightInvalidate() {
        FenceLockdep f = fence;
        if (f == null) {
            return;
        }
        Finding found = null;
        try {
            found = f.mightInvalidate();
        } catch (Throwable ignored) {
            return;
        }
        if (found != null && throwOnCycle) {
            denyProbe(found);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // User-declared points (annotations and the waits=/sections= options)

    /** On entry to a declared signalling section or signal point; returns the cookie for {@link #sectionExit}. */
    public static boolean sectionEnter(String origin) {
        Lockdep e = engine;
        if (e == null) {
            return true;
        }
        try {
            String map = mapOf(origin);
            if (FENCE_MAP.equals(map)) {
                return signallingBegin();
            }
            PseudoLock p = userMap(e, map);
            if (p.isHeld()) {
                return true;
            }
            Finding found = p.acquire(Mode.SHARED);
            if (found != null && throwOnCycle && !suppressed(found)) {
                p.release();
                throw new PotentialDeadlockError(found);
            }
            return false;
        } catch (PotentialDeadlockError d) {
            throw d;
        } catch (Throwable ignored) {
            return true;
        }
    }

    /** On exit from a declared signalling section, normal or exceptional. */
    public static void sectionExit(String origin, boolean cookie) {
        Lockdep e = engine;
        if (e == null || cookie) {
            return;
        }
        try {
            String map = mapOf(origin);
            if (FENCE_MAP.equals(map)) {
                signallingEnd(false);
                return;
            }
            userMap(e, map).release();
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** On entry to a declared wait point: "this waits until the map's signalling sections can finish". */
    public static void waitPoint(String origin) {
        Lockdep e = engine;
        if (e == null) {
            return;
        }
        try {
            String map = mapOf(origin);
            if (FENCE_MAP.equals(map)) {
                fenceWait();
                return;
            }
            PseudoLock p = userMap(e, map);
            // As for fences: a wait inside the map's own section is not self-recursion.
            boolean held = p.isHeld();
            if (held) {
                p.release();
            }
            Finding found = p.probe(Mode.EXCLUSIVE);
            if (held) {
                p.acquire(Mode.SHARED);
            }
            if (found != null && throwOnCycle) {
                denyProbe(found);
            }
        } catch (PotentialDeadlockError d) {
            throw d;
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    private static String mapOf(String origin) {
        String map = POINT_MAPS.get(origin);
        return map != null ? map : FENCE_MAP;
    }

    private static PseudoLock userMap(Lockdep e, String name) {
        PseudoLock p = USER_MAPS.get(name);
        if (p == null) {
            PseudoLock fresh = e.pseudoLock(name);
            p = USER_MAPS.putIfAbsent(name, fresh);
            if (p == null) {
                p = fresh;
            }
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // onCycle=throw

    static boolean suppressed(Finding f) {
        FindingFilter ff = filter;
        try {
            return ff != null && ff.suppressed(f);
        } catch (Throwable t) {
            return false;
        }
    }

    /** Undoes the acquisition just recorded and throws: the thread must not go on to take the lock. */
    private static void deny(Lockdep e, Object id, Finding f) {
        if (suppressed(f)) {
            return;
        }
        try {
            e.release(id);
        } catch (Throwable ignored) {
            // still throw below
        }
        throw new PotentialDeadlockError(f);
    }

    private static void denyProbe(Finding f) {
        if (!suppressed(f)) {
            throw new PotentialDeadlockError(f);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Exit

    /** On entry to {@code Shutdown.exit(status)}: finishes reporting; returns the status to exit with. */
    public static int beforeExit(int status) {
        ShutdownAction s = shutdown;
        if (s == null || !FINISHED.compareAndSet(false, true)) {
            return status;
        }
        try {
            return s.finish(status);
        } catch (Throwable ignored) {
            return status;
        }
    }

    /** Names the thread that will run {@code main} (the one that ran {@code premain}). */
    public static void mainThreadIs(Thread t) {
        mainThread = t;
    }

    /**
     * On entry to {@code Thread.dispatchUncaughtException}, in the dying thread. When that is the main
     * thread, the launcher will end the JVM with status 1 through {@code Shutdown.shutdown()}, which does
     * not say so: remember it for {@link #beforeShutdown()}.
     */
    public static void uncaughtException() {
        if (Thread.currentThread() == mainThread) {
            mainThrew = true;
        }
    }

    /**
     * On entry to {@code Shutdown.shutdown()}, when the last non-daemon thread ended without
     * {@code System.exit}: finishes reporting and, when the agent wants another status than the
     * launcher's ({@code onCycle=exit}), exits with it (running the shutdown hooks).
     */
    public static void beforeShutdown() {
        ShutdownAction s = shutdown;
        if (s == null || !FINISHED.compareAndSet(false, true)) {
            return;
        }
        // -1: main returned (the launcher exits with 0); 1: main threw (the launcher exits with 1).
        int launcherStatus = mainThrew ? 1 : -1;
        int status;
        try {
            status = s.finish(launcherStatus);
        } catch (Throwable ignored) {
            return;
        }
        if (status != launcherStatus) {
            Runtime.getRuntime().exit(status);
        }
    }

    /** Lock objects the hooks currently know (tests and statistics). */
    public static int knownLocks() {
        return SITES.size();
    }
}
