package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.WeakIdentityMap;
import java.util.concurrent.ExecutorService;
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
 *       application class of its code; for a lambda or method reference (whose hidden class's name carries a
 *       counter or an address that no two runs share) the site that made it: {@code lambda #1 in
 *       com.acme.Cache.refresh} (numbered per method), {@code com.acme.Cache::reload}, else
 *       {@code lambda in <declaring class>}.</li>
 *   <li>A monitor's waits and notifies: {@code notify of <the monitor's lock class>}.</li>
 * </ul>
 * An object of unknown role (made by the JDK or by code not instrumented) has no event: waits for it record
 * nothing rather than merge unrelated roles.
 */
final class EventNames {
    /**
     * The verb of the event of each exact JDK type whose allocation names one, by name: class literals would
     * load these classes at start-up, and each loaded one would then be retransformed for its advice.
     */
    private static final ClassValue<String> VERBS = new ClassValue<String>() {
        @Override
        protected String computeValue(Class<?> type) {
            switch (type.getName()) {
                case "java.util.concurrent.CountDownLatch":
                    return "countDown of ";
                case "java.util.concurrent.Semaphore":
                    return "release of ";
                case "java.util.concurrent.CyclicBarrier":
                case "java.util.concurrent.Phaser":
                    return "arrival at ";
                case "java.util.concurrent.ArrayBlockingQueue":
                case "java.util.concurrent.LinkedBlockingQueue":
                case "java.util.concurrent.LinkedBlockingDeque":
                case "java.util.concurrent.PriorityBlockingQueue":
                case "java.util.concurrent.DelayQueue":
                case "java.util.concurrent.SynchronousQueue":
                case "java.util.concurrent.LinkedTransferQueue":
                    return "insertion into ";
                case "java.util.concurrent.CompletableFuture":
                    return "completion of ";
                case "java.util.concurrent.ThreadPoolExecutor":
                case "java.util.concurrent.ScheduledThreadPoolExecutor":
                    return "termination of ";
                default:
                    return null;
            }
        }
    };
    private static final String EXECUTORS_WRAPPER = "java.util.concurrent.Executors$";

    /** Task and thread roles by class (classes live long; the map holds them weakly). */
    private static final WeakIdentityMap<LockClass> TASKS = new WeakIdentityMap<>(64);
    private static final WeakIdentityMap<LockClass> THREADS = new WeakIdentityMap<>(64);
    private static final WeakIdentityMap<LockClass> THREAD_TARGETS = new WeakIdentityMap<>(64);
    /** The role of each lambda class the rewriter named at its site ({@link EventHooks#lambdaMade}). */
    private static final WeakIdentityMap<String> LAMBDA_ROLES = new WeakIdentityMap<>(64);
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
        if (!EventHooks.enabled()) {
            return null; // events=off: a latch is nobody's lock, its allocation costs nothing
        }
        Class<?> type = o.getClass();
        String verb = VERBS.get(type);
        if (verb != null) {
            return verb;
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

    /** Lambda class {@code type} was made at a site that names it {@code role}. */
    static void lambdaMade(Class<?> type, String role) {
        if (LAMBDA_ROLES.get(type) == null) {
            LAMBDA_ROLES.putIfAbsent(type, role);
        }
    }

    /**
     * The role of code of class {@code type}: its name; for a lambda or method reference the role its site
     * gave it ({@code lambda #1 in com.acme.Cache.refresh}, {@code com.acme.Cache::reload}), or
     * {@code lambda in <declaring class>} when it was made where the rewriter did not name it; null for the
     * JDK's and the tool's own code.
     */
    static String role(Class<?> type) {
        String name = type.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.") || name.startsWith("io.jlockdep.bootstrap.")
                || name.startsWith("io.jlockdep.agent.") || name.startsWith("io.jlockdep.core.")) {
            return null;
        }
        int lambda = name.indexOf("$$Lambda");
        if (lambda < 0) {
            return name;
        }
        String role = LAMBDA_ROLES.get(type);
        return role != null ? role : "lambda in " + name.substring(0, lambda);
    }
}
