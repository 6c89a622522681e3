package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.WeakIdentityMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.Condition;

/**
 * Every naming decision for events: which event class a wait or a signal on an object is about.
 *
 * <ul>
 *   <li>A synchronizer allocated in application code is named by its site like a lock ({@link SiteClasses}),
 *       its event by what happens to it: {@code event countDown of CountDownLatch com.acme.Foo.ready},
 *       {@code release of Semaphore …}, {@code arrival at CyclicBarrier …}/{@code Phaser …},
 *       {@code insertion into ArrayBlockingQueue …}, {@code completion of CompletableFuture …},
 *       {@code signal of Condition …} (named where {@code newCondition()} is called), {@code termination of
 *       ExecutorService …} (named where {@code Executors.new*} is called, or a {@code ThreadPoolExecutor}'s
 *       allocation).</li>
 *   <li>A task (a {@code FutureTask}, a {@code supplyAsync}/{@code runAsync} future) is
 *       {@code completion of task <role>}, a platform thread {@code end of thread <role>}: the role is the
 *       application class of its code, {@code lambda in <declaring class>} for a lambda or method reference
 *       (their hidden classes' names carry a counter or an address, which no two runs share).</li>
 *   <li>A monitor's waits and notifies: {@code notify of <the monitor's lock class>}.</li>
 * </ul>
 * An object of unknown role (made by the JDK or by code not instrumented) has no event: waits for it record
 * nothing rather than merge unrelated roles.
 */
final class EventNames {
    /** The exact JDK types whose allocation names an event, and the event's verb. */
    private static final Class<?>[] TYPES = {
        CountDownLatch.class, Semaphore.class, CyclicBarrier.class, Phaser.class, ArrayBlockingQueue.class,
        LinkedBlockingQueue.class, LinkedBlockingDeque.class, PriorityBlockingQueue.class, DelayQueue.class,
        SynchronousQueue.class, LinkedTransferQueue.class, CompletableFuture.class, ThreadPoolExecutor.class,
        ScheduledThreadPoolExecutor.class,
    };
    private static final String[] VERBS = {
        "countDown of ", "release of ", "arrival at ", "arrival at ", "insertion into ",
        "insertion into ", "insertion into ", "insertion into ", "insertion into ",
        "insertion into ", "insertion into ", "completion of ", "termination of ",
        "termination of ",
    };
    private static final String EXECUTORS_WRAPPER = "java.util.concurrent.Executors$";

    /** Task and thread roles by class (classes live long; the map holds them weakly). */
    private static final WeakIdentityMap<LockClass> TASKS = new WeakIdentityMap<>(64);
    private static final WeakIdentityMap<LockClass> THREADS = new WeakIdentityMap<>(64);
    private static final WeakIdentityMap<LockClass> THREAD_TARGETS = new WeakIdentityMap<>(64);
    /** The notify event of each monitor class. */
    private static final WeakIdentityMap<LockClass> NOTIFIES = new WeakIdentityMap<>(64);
    /** The executor each task was submitted to (when that executor has a role). */
    private static final WeakIdentityMap<LockClass> EXECUTOR_OF = new WeakIdentityMap<>();
    /** The {@code Executors} wrapper around a pool: the pool's awaits and tasks take the wrapper's name. */
    private static final WeakIdentityMap<Object> WRAPPER_OF = new WeakIdentityMap<>(16);

    private EventNames() {
    }

    /** The verb of the event of {@code o}'s type when its allocation names one, else null. */
    static String verbOf(Object o) {
        Class<?> type = o.getClass();
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == type) {
                return VERBS[i];
            }
        }
        if (o instanceof Condition) {
            return "signal of ";
        }
        if (o instanceof ExecutorService && type.getName().startsWith(EXECUTORS_WRAPPER)) {
            return "termination of ";
        }
        return null;
    }

    /** The event class of synchronizer, condition, executor or future {@code o}, or null when its role is unknown. */
    static LockClass of(Object o) {
        LockClass c = LockNames.classOf(o);
        return c != null && c.isEvent() ? c : null;
    }

    /** Names task {@code future} after the code it runs. */
    static void task(Lockdep e, Object future, Object code) {
        LockClass c = taskEvent(e, code);
        if (c != null) {
            LockNames.nameEvent(future, c);
        }
    }

    /** Remembers the executor of {@code future}, when the executor has a role. */
    static void submitted(Object executor, Object future) {
        LockClass ex = executorEvent(executor);
        if (ex != null) {
            EXECUTOR_OF.putNew(future, ex);
        }
    }

    /** The termination event of the executor {@code future} was submitted to, or null. */
    static LockClass executorOf(Object future) {
        return EXECUTOR_OF.get(future);
    }

    /** The termination event of {@code executor}, or of the {@code Executors} wrapper around it. */
    static LockClass executorEvent(Object executor) {
        LockClass c = of(executor);
        if (c == null) {
            Object wrapper = WRAPPER_OF.get(executor);
            c = wrapper != null ? of(wrapper) : null;
        }
        return c;
    }

    /** {@code wrapper} (made by {@code Executors}) delegates to {@code pool}. */
    static void wraps(Object wrapper, Object pool) {
        WRAPPER_OF.put(pool, wrapper);
    }

    /** The completion event of tasks running {@code code}, or null when the code is the JDK's. */
    static LockClass taskEvent(Lockdep e, Object code) {
        Class<?> type = code.getClass();
        LockClass c = TASKS.get(type);
        if (c == null) {
            String role = role(type);
            if (role == null) {
                return null;
            }
            c = TASKS.putIfAbsent(type, e.eventClass("completion of task " + role));
        }
        return c;
    }

    /**
     * Names thread {@code t} after its application subclass, or else (a {@code Thread}, or a JDK subclass such as
     * a virtual thread) after the {@code Runnable} it was constructed with; a thread of the JDK's code has no event.
     */
    static void thread(Lockdep e, Thread t, Object target) {
        LockClass c = null;
        Class<?> type = t.getClass();
        boolean jdkType = type == Thread.class;
        if (!jdkType) {
            c = THREADS.get(type);
            if (c == null) {
                String role = role(type);
                c = role == null ? null : THREADS.putIfAbsent(type, e.eventClass("end of thread " + role));
                // A JDK subclass (a virtual thread, an InnocuousThread) runs the Runnable it was made with, as
                // Thread does: named after that code, so joining a virtual thread is a wait like any other.
                jdkType = role == null;
            }
        }
        if (jdkType && target != null) {
            Class<?> code = target.getClass();
            c = THREAD_TARGETS.get(code);
            if (c == null) {
                String role = role(code);
                c = role == null ? null
                        : THREAD_TARGETS.putIfAbsent(code, e.eventClass("end of thread running " + role));
            }
        }
        if (c != null) {
            LockNames.nameEvent(t, c);
        }
    }

    /** The notify event of monitor class {@code monitor}. */
    static LockClass notifyOf(Lockdep e, LockClass monitor) {
        LockClass c = NOTIFIES.get(monitor);
        return c != null ? c : NOTIFIES.putIfAbsent(monitor, e.eventClass("notify of " + monitor.name()));
    }

    /**
     * The role of code of class {@code type}: its name, {@code lambda in <declaring class>} for a lambda or
     * method reference, or null for the JDK's and the tool's own code.
     */
    static String role(Class<?> type) {
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.") || name.startsWith("io.jlockdep.bootstrap.")
                || name.startsWith("io.jlockdep.agent.") || name.startsWith("io.jlockdep.core.")) {
            return null;
        }
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : "lambda in " + name.substring(0, lambda);
    }
}
