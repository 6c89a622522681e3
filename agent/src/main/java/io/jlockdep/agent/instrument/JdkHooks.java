package io.jlockdep.agent.instrument;

import static io.jlockdep.agent.instrument.HookCall.EVENT_HOOKS;
import static io.jlockdep.agent.instrument.HookCall.EXIT_HOOKS;
import static io.jlockdep.agent.instrument.HookCall.FALSE;
import static io.jlockdep.agent.instrument.HookCall.FENCE_HOOKS;
import static io.jlockdep.agent.instrument.HookCall.LOCK_HOOKS;
import static io.jlockdep.agent.instrument.HookCall.REFERENCE_ARGS;
import static io.jlockdep.agent.instrument.HookCall.RETURNED;
import static io.jlockdep.agent.instrument.HookCall.SAVED;
import static io.jlockdep.agent.instrument.HookCall.THIS;
import static io.jlockdep.agent.instrument.HookCall.TRUE;
import static io.jlockdep.agent.instrument.HookCall.arg;
import static io.jlockdep.agent.instrument.HookCall.call;
import static io.jlockdep.agent.instrument.HookCall.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hooks woven into the JDK's own classes, by class and method: the locks ({@code ReentrantLock},
 * the read/write halves, {@code StampedLock}, conditions), JVM exit, the fence core's points and — with
 * {@code events=on} — the waits and events of {@code java.util.concurrent}, {@code Thread} and virtual
 * threads (docs/agent.md). Every hook only passes identities and results on; what they mean is decided in
 * the hook classes.
 */
final class JdkHooks {
    private static final String O = "Ljava/lang/Object;";
    private static final String OBJ_V = "(" + O + ")V";
    private static final String OBJ_Z_V = "(" + O + "Z)V";
    private static final String OBJ_OBJ_V = "(" + O + O + ")V";
    private static final String OBJ_J_V = "(" + O + "J)V";
    private static final String OBJ_J_J_V = "(" + O + "JJ)V";
    private static final String THREAD_V = "(Ljava/lang/Thread;)V";
    private static final String TIMED = "(JLjava/util/concurrent/TimeUnit;)*";
    private static final String LOCKS = "java/util/concurrent/locks/";
    private static final String JUC = "java/util/concurrent/";
    /** The fence core's annotation points, the one class of ours that gets woven. */
    static final String POINTS = "io/jlockdep/fence/LockdepPoints";
    private static final String[] QUEUES = {
        "ArrayBlockingQueue", "LinkedBlockingQueue", "LinkedBlockingDeque", "PriorityBlockingQueue", "DelayQueue",
        "SynchronousQueue", "LinkedTransferQueue",
    };

    /** One method (by name and descriptor pattern) and its hooks. */
    static final class Rule {
        final String name;
        /** Null: any; {@code "(..)*"}: a prefix; {@code "*)V"}: a suffix; else exact. */
        final String descriptor;
        final MethodHooks hooks;

        Rule(String name, String descriptor, MethodHooks hooks) {
            this.name = name;
            this.descriptor = descriptor;
            this.hooks = hooks;
        }

        boolean matches(String methodName, String methodDescriptor) {
            if (!name.equals(methodName)) {
                return false;
            }
            if (descriptor == null) {
                return true;
            }
            if (descriptor.endsWith("*")) {
                return methodDescriptor.startsWith(descriptor.substring(0, descriptor.length() - 1));
            }
            if (descriptor.startsWith("*")) {
                return methodDescriptor.endsWith(descriptor.substring(1));
            }
            return descriptor.equals(methodDescriptor);
        }
    }

    /** The rules of one class. */
    static final class ClassRules {
        final List<Rule> rules;
        /** Whether a rule saves a value or passes a returned one: the class needs its methods' max_locals. */
        final boolean needsLocals;
        /** Whether a rule saves a value: the class is read with expanded frames. */
        final boolean savesValues;

        ClassRules(List<Rule> rules) {
            this.rules = Collections.unmodifiableList(rules);
            boolean locals = false;
            boolean saves = false;
            for (Rule r : rules) {
                saves |= r.hooks.savedType() != null;
                locals |= r.hooks.savedType() != null || r.hooks.passesReturned();
            }
            this.needsLocals = locals;
            this.savesValues = saves;
        }

        /** The hooks of a method, or null. */
        MethodHooks of(String name, String descriptor) {
            for (Rule r : rules) {
                if (r.matches(name, descriptor)) {
                    return r.hooks;
                }
            }
            return null;
        }
    }

    private static final Map<String, ClassRules> LOCK_CLASSES = new HashMap<>();
    private static final Map<String, ClassRules> EVENT_CLASSES = new HashMap<>();

    static {
        locks();
        exits();
        points();
        events();
    }

    private JdkHooks() {
    }

    /** The rules for the class {@code internalName}, or null when it gets none. */
    static ClassRules forClass(String internalName, boolean events) {
        // With events, a class in both tables (Thread) has its event rules, which include its lock rules.
        ClassRules r = events ? EVENT_CLASSES.get(internalName) : null;
        return r != null ? r : LOCK_CLASSES.get(internalName);
    }

    /** Whether the loaded class {@code className} (binary name) gets hooks and must be retransformed. */
    static boolean advises(String className, boolean events) {
        return forClass(className.replace('.', '/'), events) != null;
    }

    private static void locks() {
        MethodHooks unlock = MethodHooks.onReturn(call(LOCK_HOOKS, "unlock", OBJ_V, THIS));
        lockClass(LOCKS + "ReentrantLock", new Rules()
                .add(acquire("lock", THIS), "lock", "lockInterruptibly")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "tryLocked", OBJ_Z_V, THIS, RETURNED)), "tryLock")
                .add(unlock, "unlock")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "conditionCreated", OBJ_OBJ_V, RETURNED, THIS)),
                        "newCondition"));
        // Both halves share the identity 'sync'.
        lockClass(LOCKS + "ReentrantReadWriteLock", new Rules()
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "rrwCreated", OBJ_OBJ_V, THIS, field("sync"))), "<init>"));
        HookCall.Operand sync = field("sync");
        lockClass(LOCKS + "ReentrantReadWriteLock$ReadLock", new Rules()
                .add(acquire("readLock", sync), "lock", "lockInterruptibly")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "readTryLocked", OBJ_Z_V, sync, RETURNED)), "tryLock")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "readUnlock", OBJ_V, sync)), "unlock"));
        lockClass(LOCKS + "ReentrantReadWriteLock$WriteLock", new Rules()
                .add(acquire("writeLock", sync), "lock", "lockInterruptibly")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "writeTryLocked", OBJ_Z_V, sync, RETURNED)), "tryLock")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "writeUnlock", OBJ_V, sync)), "unlock")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "conditionCreated", OBJ_OBJ_V, RETURNED, sync)),
                        "newCondition"));
        lockClass(LOCKS + "StampedLock", new Rules()
                .add(acquire("stampedWrite", THIS), "writeLock", "writeLockInterruptibly")
                .add(acquire("stampedRead", THIS), "readLock", "readLockInterruptibly")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "stampedTryWrite", OBJ_J_V, THIS, RETURNED)), "tryWriteLock")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "stampedTryRead", OBJ_J_V, THIS, RETURNED)), "tryReadLock")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "stampedUnlockWrite", OBJ_V, THIS)),
                        "unlockWrite", "unstampedUnlockWrite")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "stampedUnlockRead", OBJ_V, THIS)),
                        "unlockRead", "unstampedUnlockRead")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "stampedTryUnlock", "(" + O + "ZZ)V", THIS, RETURNED, TRUE)),
                        "tryUnlockWrite")
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "stampedTryUnlock", "(" + O + "ZZ)V", THIS, RETURNED, FALSE)),
                        "tryUnlockRead")
                .add(converted("stampedConvertedToWrite"), "tryConvertToWriteLock")
                .add(converted("stampedConvertedToRead"), "tryConvertToReadLock")
                .add(converted("stampedConvertedToOptimistic"), "tryConvertToOptimisticRead"));
        // ForkJoinPool's common-pool and innocuous workers erase their thread-locals between tasks (JDK 17:
        // ThreadLocalRandom.eraseThreadLocals(Thread); JDK 21+: ForkJoinWorkerThread.resetThreadLocals()), where the
        // engine roots each thread's state: the hook roots it again (Lockdep.threadLocalsErased).
        lockClass("java/util/concurrent/ThreadLocalRandom", new Rules()
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "threadLocalsErased", OBJ_V, arg(0))), "eraseThreadLocals"));
        lockClass("java/util/concurrent/ForkJoinWorkerThread", new Rules()
                .add(MethodHooks.onReturn(call(LOCK_HOOKS, "threadLocalsErased", OBJ_V, THIS)), "resetThreadLocals"));
        // An await releases the condition's lock while waiting (and is a wait for its signal, an event); the
        // holds it released are restored on the way out, normal or not.
        lockClass(LOCKS + "AbstractQueuedSynchronizer$ConditionObject", new Rules()
                .add(await(false), "awaitUninterruptibly", "()V")
                .add(await(false), "await", "()V")
                .add(await(true), "awaitNanos", "awaitUntil")
                .add(await(true), "await", TIMED)
                .add(signal(), "signal", "signalAll"));
    }

    /** A blocking acquisition: checked before it blocks; undone when it throws (interrupted). */
    private static MethodHooks acquire(String hook, HookCall.Operand identity) {
        return MethodHooks.builder()
                .entry(call(LOCK_HOOKS, hook, OBJ_V, identity))
                .thrown(call(LOCK_HOOKS, "lockFailed", OBJ_V, identity))
                .build();
    }

    private static MethodHooks converted(String hook) {
        return MethodHooks.onReturn(call(LOCK_HOOKS, hook, OBJ_J_J_V, THIS, arg(0), RETURNED));
    }

    private static MethodHooks await(boolean timed) {
        return MethodHooks.builder()
                .entry(call(LOCK_HOOKS, "awaitRelease", "(" + O + ")I", HookCall.Result.SAVE, THIS))
                .entry(call(EVENT_HOOKS, "conditionWait", "(" + O + "ZI)V", THIS, timed ? TRUE : FALSE, SAVED))
                .exit(call(LOCK_HOOKS, "awaitReacquire", "(" + O + "I)V", THIS, SAVED))
                .build();
    }

    private static void exits() {
        // Shutdown.exit(status): reporting first; onCycle=exit may change the status.
        lockClass("java/lang/Shutdown", new Rules()
                .add(MethodHooks.onEntry(call(EXIT_HOOKS, "beforeExit", "(I)I", HookCall.Result.ARG0, arg(0))),
                        "exit", "(I)V")
                .add(MethodHooks.onEntry(call(EXIT_HOOKS, "beforeShutdown", "()V")), "shutdown", "()V"));
        lockClass("java/lang/Thread", new Rules()
                .add(MethodHooks.onEntry(call(EXIT_HOOKS, "uncaughtException", "()V")),
                        "dispatchUncaughtException", "(Ljava/lang/Throwable;)V"));
    }

    private static void points() {
        Rules r = new Rules()
                .add(MethodHooks.onReturn(call(FENCE_HOOKS, "signallingBegin", "()Z", HookCall.Result.RETURN)),
                        "signallingBegin", "()Z");
        forward(r, "signallingEnd", "(Z)V");
        forward(r, "fenceWait", "()V");
        forward(r, "acquireContextInit", "(" + O + "Ljava/lang/String;)V");
        forward(r, "acquireContextFini", OBJ_V);
        forward(r, "wwInit", "(" + O + "Ljava/lang/String;)V");
        forward(r, "wwLock", "(" + O + "Ljava/lang/String;" + O + ")V");
        forward(r, "wwLockFailed", OBJ_V);
        forward(r, "wwTryLocked", "(" + O + "Ljava/lang/String;)V");
        forward(r, "wwUnlock", OBJ_V);
        for (String m : new String[] {"reclaimEnter", "reclaimExit", "mightReclaim", "invalidationEnter",
            "invalidationExit", "mightInvalidate"}) {
            forward(r, m, "()V");
        }
        lockClass(POINTS, r);
    }

    /** A fence point: its arguments passed on to the {@code FenceHooks} method of the same name. */
    private static void forward(Rules r, String name, String descriptor) {
        int n = net.bytebuddy.jar.asm.Type.getArgumentTypes(descriptor).length;
        HookCall.Operand[] args = new HookCall.Operand[n];
        for (int i = 0; i < n; i++) {
            args[i] = arg(i);
        }
        r.add(MethodHooks.onEntry(call(FENCE_HOOKS, name, descriptor, args)), name, descriptor);
    }

    private static void events() {
        MethodHooks wait = wait(false);
        MethodHooks timedWait = wait(true);
        MethodHooks signal = signal();
        eventClass(JUC + "CountDownLatch", new Rules()
                .add(wait, "await", "()V")
                .add(timedWait, "await", TIMED)
                .add(signal, "countDown"));
        eventClass(JUC + "Semaphore", new Rules()
                .add(wait, "acquire", "acquireUninterruptibly")
                .add(timedWait, "tryAcquire", TIMED)
                .add(timedWait, "tryAcquire", "(IJLjava/util/concurrent/TimeUnit;)Z")
                .add(signal, "release"));
        eventClass(JUC + "CyclicBarrier", new Rules()
                .add(arrive(false), "await", "()I")
                .add(arrive(true), "await", TIMED));
        eventClass(JUC + "Phaser", new Rules()
                .add(arrive(false), "arriveAndAwaitAdvance")
                .add(signal, "arrive", "arriveAndDeregister")
                .add(wait, "awaitAdvance")
                .add(wait, "awaitAdvanceInterruptibly", "(I)I")
                .add(timedWait, "awaitAdvanceInterruptibly", "(IJLjava/util/concurrent/TimeUnit;)I"));
        eventClass(JUC + "CompletableFuture", new Rules()
                .add(wait, "join", "()" + O)
                .add(wait, "get", "()" + O)
                .add(timedWait, "get", TIMED)
                .add(signal, "complete", "completeExceptionally"));
        // The async task's body is what its future's waiters wait for; run() clears 'dep', so entry saves it.
        Rules async = new Rules()
                .add(MethodHooks.onReturn(call(EVENT_HOOKS, "taskCreated", OBJ_OBJ_V, arg(0), arg(1))), "<init>",
                        "(Ljava/util/concurrent/CompletableFuture;*")
                .add(MethodHooks.builder()
                        .entry(HookCall.save(field("dep"), O))
                        .entry(call(EVENT_HOOKS, "taskStarts", OBJ_V, SAVED))
                        .exit(call(EVENT_HOOKS, "taskEnds", OBJ_V, SAVED))
                        .build(), "run", "()V");
        eventClass(JUC + "CompletableFuture$AsyncSupply", async);
        eventClass(JUC + "CompletableFuture$AsyncRun", async);
        eventClass(JUC + "FutureTask", new Rules()
                .add(MethodHooks.onReturn(call(EVENT_HOOKS, "taskCreated", OBJ_OBJ_V, THIS, arg(0))), "<init>")
                .add(body("taskStarts", "taskEnds", OBJ_V), "run", "runAndReset")
                .add(wait, "get", "()" + O)
                .add(timedWait, "get", TIMED));
        eventClass(JUC + "AbstractExecutorService", new Rules()
                .add(MethodHooks.onReturn(call(EVENT_HOOKS, "submitted", OBJ_OBJ_V, THIS, RETURNED)), "newTaskFor")
                // invokeAll skips get() for futures already done: the wait is recorded on entry.
                .add(MethodHooks.onEntry(call(EVENT_HOOKS, "invokeAll", OBJ_Z_V, arg(0), FALSE)), "invokeAll",
                        "(Ljava/util/Collection;)Ljava/util/List;")
                .add(MethodHooks.onEntry(call(EVENT_HOOKS, "invokeAll", OBJ_Z_V, arg(0), TRUE)), "invokeAll",
                        "(Ljava/util/Collection;JLjava/util/concurrent/TimeUnit;)Ljava/util/List;"));
        eventClass(JUC + "ThreadPoolExecutor", new Rules()
                .add(MethodHooks.onEntry(call(EVENT_HOOKS, "terminationWait", OBJ_V, THIS)), "awaitTermination"));
        eventClass(JUC + "Executors$DelegatedExecutorService", new Rules()
                .add(MethodHooks.onReturn(call(EVENT_HOOKS, "wraps", OBJ_OBJ_V, THIS, arg(0))), "<init>",
                        "(Ljava/util/concurrent/ExecutorService;)V"));
        // Adds to Thread's exit rule (above).
        Rules thread = new Rules()
                .add(threadCreated(), "<init>")
                .add(threadRun(), "run", "()V")
                .add(MethodHooks.onEntry(call(EVENT_HOOKS, "join", "(Ljava/lang/Thread;J)V", THIS, arg(0))),
                        "join", "(J)V")
                .add(MethodHooks.onEntry(call(EVENT_HOOKS, "join", "(Ljava/lang/Thread;J)V", THIS,
                        HookCall.constant(Long.MAX_VALUE))), "join", "(Ljava/time/Duration;)Z");
        thread.rules.addAll(0, LOCK_CLASSES.get("java/lang/Thread").rules);
        eventClass("java/lang/Thread", thread);
        // Virtual threads (JDK 21+) are named after their task in their own constructor, and run it in
        // VirtualThread.run(Runnable), never Thread.run(): without these, joining one recorded nothing.
        eventClass("java/lang/VirtualThread", new Rules()
                .add(threadCreated(), "<init>")
                .add(body("virtualThreadRuns", "virtualThreadRan", THREAD_V), "run", "(Ljava/lang/Runnable;)V"));
        for (String q : QUEUES) {
            eventClass(JUC + q, new Rules()
                    .add(wait, "take", "takeFirst", "takeLast")
                    .add(timedWait, "poll", TIMED)
                    .add(timedWait, "pollFirst", TIMED)
                    .add(timedWait, "pollLast", TIMED)
                    .add(signal, "put", "*)V")
                    .add(signal, "putFirst", "*)V")
                    .add(signal, "putLast", "*)V")
                    .add(signal, "transfer", "*)V")
                    .add(signal, "addFirst", "*)V")
                    .add(signal, "addLast", "*)V")
                    .add(signalIfTrue(), "offer", "*)Z")
                    .add(signalIfTrue(), "offerFirst", "*)Z")
                    .add(signalIfTrue(), "offerLast", "*)Z")
                    .add(signalIfTrue(), "add", "*)Z")
                    .add(signalIfTrue(), "tryTransfer", "*)Z"));
        }
    }

    /** The run of a thread's code: what its joiners wait for (also for application subclasses of Thread). */
    static MethodHooks threadRun() {
        return body("threadRuns", "threadRan", THREAD_V);
    }

    private static MethodHooks threadCreated() {
        return MethodHooks.onReturn(call(EVENT_HOOKS, "threadCreated", "(Ljava/lang/Thread;[" + O + ")V", THIS,
                REFERENCE_ARGS));
    }

    /** Code that must run for an event to happen: entered on entry, left on any exit. */
    private static MethodHooks body(String starts, String ends, String descriptor) {
        return MethodHooks.builder()
                .entry(call(EVENT_HOOKS, starts, descriptor, THIS))
                .exit(call(EVENT_HOOKS, ends, descriptor, THIS))
                .build();
    }

    private static MethodHooks wait(boolean timed) {
        return MethodHooks.onEntry(call(EVENT_HOOKS, "waitFor", OBJ_Z_V, THIS, timed ? TRUE : FALSE));
    }

    private static MethodHooks arrive(boolean timed) {
        return MethodHooks.onEntry(call(EVENT_HOOKS, "arrive", OBJ_Z_V, THIS, timed ? TRUE : FALSE));
    }

    /** The event happened when the method returned normally. */
    private static MethodHooks signal() {
        return MethodHooks.onReturn(call(EVENT_HOOKS, "signal", OBJ_V, THIS));
    }

    private static MethodHooks signalIfTrue() {
        return MethodHooks.onReturn(call(EVENT_HOOKS, "signal", OBJ_Z_V, THIS, RETURNED));
    }

    private static void lockClass(String internalName, Rules rules) {
        LOCK_CLASSES.put(internalName, new ClassRules(rules.rules));
    }

    private static void eventClass(String internalName, Rules rules) {
        EVENT_CLASSES.put(internalName, new ClassRules(rules.rules));
    }

    /** Collects a class's rules. */
    private static final class Rules {
        final List<Rule> rules = new ArrayList<>();

        /** The same hooks on methods by name; a last argument starting with '(' or '*' is their descriptor pattern. */
        Rules add(MethodHooks hooks, String... names) {
            String last = names[names.length - 1];
            boolean descriptor = last.startsWith("(") || last.startsWith("*");
            int n = descriptor ? names.length - 1 : names.length;
            for (int i = 0; i < n; i++) {
                rules.add(new Rule(names[i], descriptor ? last : null, hooks));
            }
            return this;
        }
    }
}
