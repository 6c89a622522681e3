package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.PotentialDeadlockError;
import jdk.internal.vm.annotation.DontInline;

/**
 * What the advice in the JDK's {@code java.util.concurrent} classes, in {@code Thread} and the rewritten
 * {@code wait}/{@code notify} calls report about waits and events (the model: docs/engine.md, "Waits and
 * events"; the names: {@link EventNames}):
 * <ul>
 *   <li>a wait ({@code await}, {@code acquire}, {@code take}, {@code get}, {@code join}, {@code wait}) is
 *       {@link Lockdep#waitFor}, an instantaneous event ({@code countDown}, {@code release}, an insertion,
 *       {@code complete}, {@code notify}, {@code signal}) {@link Lockdep#signal}, a barrier party
 *       {@link Lockdep#arriveAndWait};</li>
 *   <li>the code a task's future or a thread's join waits for (the task's body, the thread's {@code run()}) is
 *       bracketed by {@link Lockdep#enterEvent}/{@link Lockdep#leaveEvent}.</li>
 * </ul>
 * Waits return after one thread-local read when the thread holds nothing, signals when it holds no lock (the
 * code of an event it runs, a task's body, adds no edge to a signal): they can add no edge then.
 * Every hook with a body of its own is {@code @DontInline}: C2 inlined them, name lookups and the engine's event path
 * included, into the program's and the JDK's hot methods (a {@code notifyAll} made a Commons Pool method's compiled
 * code 2.5 times bigger); out of line they cost one call, a few nanoseconds on operations (a queue's insertion, a
 * latch's count-down) of tens. Hook rules as in {@link MonitorHooks}: never throw into the program except under
 * {@code onCycle=throw}, never call its code.
 */
public final class EventHooks {
    /** {@code events=off}: nothing here records. */
    private static boolean enabled = true;
    /** {@code timedWaits=ignore}: waits with a timeout record nothing. */
    private static boolean checkTimed = true;

    private EventHooks() {
    }

    /** Whether events are watched ({@code events=on}): with them off, synchronizers are not even named. */
    static boolean enabled() {
        return enabled;
    }

    /** Set once by the agent before its advice is installed. */
    public static void configure(boolean events, boolean timedWaits) {
        enabled = events;
        checkTimed = timedWaits;
    }

    // -------------------------------------------------------------------------------------------------------
    // Synchronizers: latches, semaphores, queues, futures, conditions, executors' termination

    /** Before a wait for {@code sync}'s event ({@code await}, {@code acquire}, {@code take}, {@code get}...). */
    @DontInline
    public static void waitFor(Object sync, boolean timed) {
        CyclePolicy.probed(waited(sync, timed));
    }

    /** After {@code offer}/{@code add}/{@code tryTransfer} returned {@code done}: the event happened if true. */
    public static void signal(Object sync, boolean done) {
        if (done) {
            signal(sync);
        }
    }

    /** After {@code sync}'s event happened in this thread ({@code countDown}, {@code release}, {@code put}...). */
    @DontInline
    public static void signal(Object sync) {
        Lockdep e = EngineHolder.engine;
        if (e == null || sync == null || !enabled) {
            return;
        }
        Finding f;
        try {
            if (!e.holdsALock()) {
                return;
            }
            LockClass event = EventNames.of(sync); // null for the JDK's own (a queue's internal condition)
            if (event == null || UserPointHooks.inSignallingSection()) {
                return;
            }
            f = e.signal(event);
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    /** Before a barrier party's arrive-and-wait ({@code CyclicBarrier.await}, {@code arriveAndAwaitAdvance}). */
    @DontInline
    public static void arrive(Object barrier, boolean timed) {
        Lockdep e = EngineHolder.engine;
        if (e == null || barrier == null || !enabled || (timed && !checkTimed)) {
            return;
        }
        Finding f;
        try {
            if (e.depth() == 0) {
                return;
            }
            f = e.arriveAndWait(EventNames.of(barrier), timed);
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    /**
     * On entry to {@code Condition.await*}, after its lock was released ({@code saved} holds, see
     * {@link LockHooks#awaitRelease}): a wait for the condition's signal. Under {@code onCycle=throw} the lock
     * is recorded as held again before the error leaves, since the await will not run.
     */
    @DontInline
    public static void conditionWait(Object condition, boolean timed, int saved) {
        Finding f = waited(condition, timed);
        if (CyclePolicy.stops(f)) {
            LockHooks.awaitReacquire(condition, saved);
            throw new PotentialDeadlockError(f);
        }
    }

    /** {@code ThreadPoolExecutor.awaitTermination}: a timed wait for every task the executor runs. */
    @DontInline
    public static void terminationWait(Object executor) {
        Lockdep e = EngineHolder.engine;
        if (e == null || executor == null || !enabled || !checkTimed) {
            return;
        }
        Finding f;
        try {
            if (e.depth() == 0) {
                return;
            }
            f = e.waitFor(EventNames.executorEvent(executor), true);
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    /**
     * {@code AbstractExecutorService.invokeAll(tasks[, timeout, unit])}: a wait for every task's body. Recorded
     * here, on entry, and not only by the {@code get()} calls inside: {@code invokeAll} skips {@code get()} for a
     * future already done when its turn comes, so a batch that finished quickly (as it does in a run that does
     * not deadlock) recorded nothing. Only the JDK's plain collections are walked (never the program's code,
     * nor a synchronized collection whose monitor would re-enter the hooks).
     */
    @DontInline
    public static void invokeAll(Object tasks, boolean timed) {
        Lockdep e = EngineHolder.engine;
        if (e == null || tasks == null || !enabled || (timed && !checkTimed) || !plainJdkCollection(tasks)) {
            return;
        }
        Finding f = null;
        try {
            if (e.depth() == 0 || e.isCurrentThreadBusy()) {
                return;
            }
            for (Object task : (java.util.Collection<?>) tasks) {
                LockClass c = task == null ? null : EventNames.taskEvent(e, task);
                Finding g = c == null ? null : e.waitFor(c, timed);
                if (f == null) {
                    f = g;
                }
            }
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    private static boolean plainJdkCollection(Object o) {
        String n = o.getClass().getName();
        return n.equals("java.util.ArrayList") || n.equals("java.util.Arrays$ArrayList")
                || n.equals("java.util.LinkedList") || n.equals("java.util.ArrayDeque")
                || n.equals("java.util.HashSet") || n.equals("java.util.LinkedHashSet")
                || n.equals("java.util.Collections$SingletonList") || n.equals("java.util.Collections$SingletonSet")
                || n.startsWith("java.util.ImmutableCollections$");
    }

    /** An {@code Executors} factory's wrapper around {@code pool}: the name given to the wrapper is the pool's. */
    @DontInline
    public static void wraps(Object wrapper, Object pool) {
        if (EngineHolder.engine == null || wrapper == null || pool == null || !enabled) {
            return;
        }
        try {
            EventNames.wraps(wrapper, pool);
        } catch (Throwable ignored) {
            // the pool's waits then record nothing
        }
    }

    // -------------------------------------------------------------------------------------------------------
    // Monitors

    /** In a rewritten {@code o.wait(..)}, after {@code o} was released: a wait for {@code o}'s notify. */
    @DontInline
    public static void monitorWait(Object o, boolean timed) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null || !enabled || (timed && !checkTimed)) {
            return;
        }
        Finding f;
        try {
            if (e.depth() == 0) {
                return;
            }
            f = e.waitFor(EventNames.notifyOf(e, LockNames.monitorClass(e, o)), timed);
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    /** A rewritten {@code o.notify()}/{@code notifyAll()}: the event {@code o}'s waiters wait for. */
    @DontInline
    public static void monitorNotify(Object o) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null || !enabled) {
            return;
        }
        Finding f;
        try {
            if (!e.holdsALock() || UserPointHooks.inSignallingSection()) {
                return;
            }
            f = e.signal(EventNames.notifyOf(e, LockNames.monitorClass(e, o)));
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    // -------------------------------------------------------------------------------------------------------
    // Tasks and threads: the code an event waits for

    /** A task's future was made for {@code code} ({@code FutureTask} constructors, {@code supplyAsync}). */
    @DontInline
    public static void taskCreated(Object future, Object code) {
        Lockdep e = EngineHolder.engine;
        if (e == null || future == null || code == null || !enabled) {
            return;
        }
        try {
            if (!e.isCurrentThreadBusy()) {
                EventNames.task(e, future, code);
            }
        } catch (Throwable ignored) {
            // the task's waits then record nothing
        }
    }

    /**
     * A lambda or method reference that may be a task's code was made at a site the rewriter named
     * ({@code lambda #2 in com.acme.Cache.refresh}, {@code com.acme.Cache::reload}): its hidden class takes that
     * role. One table lookup per creation once its class is known.
     */
    @DontInline
    public static void lambdaMade(Object lambda, String role) {
        if (EngineHolder.engine == null || lambda == null || !enabled) {
            return;
        }
        try {
            EventNames.lambdaMade(lambda.getClass(), role);
        } catch (Throwable ignored) {
            // its tasks are then named after its declaring class
        }
    }

    /** An executor made {@code future} for a task it is about to run ({@code newTaskFor}). */
    @DontInline
    public static void submitted(Object executor, Object future) {
        if (EngineHolder.engine == null || executor == null || future == null || !enabled) {
            return;
        }
        try {
            EventNames.submitted(executor, future);
        } catch (Throwable ignored) {
            // awaitTermination then does not wait for this task
        }
    }

    /** A task's body starts ({@code FutureTask.run}, {@code AsyncSupply.run}): the code its future waits for. */
    @DontInline
    public static void taskStarts(Object future) {
        Lockdep e = EngineHolder.engine;
        if (e == null || future == null || !enabled) {
            return;
        }
        try {
            e.enterEvent(EventNames.of(future));
            e.enterEvent(EventNames.executorOf(future));
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** The body {@link #taskStarts} announced ended, normally or not. */
    @DontInline
    public static void taskEnds(Object future) {
        Lockdep e = EngineHolder.engine;
        if (e == null || future == null || !enabled) {
            return;
        }
        try {
            LockClass executor = EventNames.executorOf(future);
            if (executor != null) {
                e.leaveEvent(executor);
            }
            LockClass task = EventNames.of(future);
            if (task != null) {
                e.leaveEvent(task);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** Before {@code future.get()}/{@code join()}: a wait for its task's body or its completion. */
    public static void futureWait(Object future, boolean timed) {
        waitFor(future, timed);
    }

    /** At the end of a {@code Thread} constructor, with its arguments (the first {@code Runnable} is its code). */
    @DontInline
    public static void threadCreated(Thread t, Object[] args) {
        Lockdep e = EngineHolder.engine;
        if (e == null || t == null || !enabled) {
            return;
        }
        try {
            if (e.isCurrentThreadBusy() || EventNames.of(t) != null) {
                return; // a delegating constructor named it already
            }
            Object target = null;
            for (int i = 0; args != null && i < args.length && target == null; i++) {
                if (args[i] instanceof Runnable) {
                    target = args[i];
                }
            }
            EventNames.thread(e, t, target);
        } catch (Throwable ignored) {
            // its joins then record nothing
        }
    }

    /** A thread's {@code run()} starts: the code its joiners wait for. */
    public static void threadRuns(Thread t) {
        taskStarts(t);
    }

    /**
     * A virtual thread's body starts ({@code VirtualThread.run(Runnable)}; JDK 21+, where {@code Thread.run()} is
     * not called). Only when the virtual thread is already mounted (JDK 25: it is, on entry); where the method
     * mounts it itself (JDK 21) entry and exit both run on the carrier and are both skipped, so the thread's
     * joins record a wait for code never seen: no edge into a cycle, no false report.
     */
    public static void virtualThreadRuns(Thread t) {
        if (t == Thread.currentThread()) {
            taskStarts(t);
        }
    }

    /** The body {@link #virtualThreadRuns} announced ended (skipped when it was). */
    public static void virtualThreadRan(Thread t) {
        if (t == Thread.currentThread()) {
            taskEnds(t);
        }
    }

    /** A thread's {@code run()} ended. */
    public static void threadRan(Thread t) {
        taskEnds(t);
    }

    /**
     * Before {@code t.join(millis)} (0: for good). Where {@code join} is a synchronized method (JDK 17) the
     * thread's monitor is held on entry, but the join waits in {@code t.wait()}, which releases it: the wait is
     * recorded with that monitor released, or a thread that starts another (also synchronized there) would
     * close a cycle with its own joiner.
     */
    @DontInline
    public static void join(Thread t, long millis) {
        Lockdep e = EngineHolder.engine;
        if (e == null || t == null || t == Thread.currentThread() || !enabled || (millis > 0L && !checkTimed)) {
            return;
        }
        Finding f;
        try {
            if (e.depth() == 0) {
                return;
            }
            LockClass event = EventNames.of(t);
            if (event == null) {
                return;
            }
            int saved = e.waitRelease(t);
            try {
                f = e.waitFor(event, millis > 0L);
            } finally {
                if (saved > 0) {
                    e.waitReacquire(t, LockNames.monitorClass(e, t), saved);
                }
            }
        } catch (Throwable ignored) {
            return;
        }
        CyclePolicy.probed(f);
    }

    private static Finding waited(Object sync, boolean timed) {
        Lockdep e = EngineHolder.engine;
        if (e == null || sync == null || !enabled || (timed && !checkTimed)) {
            return null;
        }
        try {
            if (e.depth() == 0) {
                return null;
            }
            return e.waitFor(EventNames.of(sync), timed);
        } catch (Throwable ignored) {
            return null;
        }
    }
}
