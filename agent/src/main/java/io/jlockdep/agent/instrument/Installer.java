package io.jlockdep.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynchronized;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.jlockdep.bootstrap.UserPointHooks;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the agent's class-file transformations: advice in the JDK's lock classes, the exit hooks, the
 * fence core's points, and the rewriting of {@code synchronized} code, lock allocations and
 * {@code Object.wait} calls in every class of the {@link Scope}. Matching is by name only, so no
 * transformation loads a class.
 */
public final class Installer {
    private static final String LOCKS = "java.util.concurrent.locks.";
    private static final String JUC = "java.util.concurrent.";
    /** The JDK classes whose waits and events are advised (docs/agent.md, "Waits and events"). */
    private static final java.util.Set<String> EVENT_TYPES = new java.util.HashSet<>(java.util.Arrays.asList(
            JUC + "CountDownLatch", JUC + "Semaphore", JUC + "CyclicBarrier", JUC + "Phaser",
            JUC + "ArrayBlockingQueue", JUC + "LinkedBlockingQueue", JUC + "LinkedBlockingDeque",
            JUC + "PriorityBlockingQueue", JUC + "DelayQueue", JUC + "SynchronousQueue", JUC + "LinkedTransferQueue",
            JUC + "CompletableFuture", JUC + "CompletableFuture$AsyncSupply", JUC + "CompletableFuture$AsyncRun",
            JUC + "FutureTask", JUC + "AbstractExecutorService", JUC + "ThreadPoolExecutor",
            JUC + "Executors$DelegatedExecutorService", "java.lang.VirtualThread"));
    private static final String[] QUEUES = {
        "ArrayBlockingQueue", "LinkedBlockingQueue", "LinkedBlockingDeque", "PriorityBlockingQueue", "DelayQueue",
        "SynchronousQueue", "LinkedTransferQueue",
    };
    private static final String POINTS = "io.jlockdep.fence.LockdepPoints";
    private static final String WAIT_POINT = "io.jlockdep.annotation.WaitPoint";
    private static final String SIGNAL_POINT = "io.jlockdep.annotation.SignalPoint";
    private static final String SECTION = "io.jlockdep.annotation.SignallingSection";

    /** A user-declared point from the {@code waits=}/{@code sections=} options. */
    public interface MethodFilter {
        /** Whether the method {@code methodName} of {@code className} is a declared point. */
        boolean matches(String className, String methodName);
    }

    // Built once: constructing an Advice reads and parses its class file.
    private static final Advice SYNC_METHOD = Advice.to(LockAdvice.SyncMethod.class);
    private static final Advice STATIC_SYNC_METHOD = Advice.to(LockAdvice.StaticSyncMethod.class);
    private static final Advice SECTION_ADVICE = Advice.to(PointAdvice.Section.class);
    private static final Advice WAIT = Advice.to(PointAdvice.Wait.class);
    private static final Advice THREAD_RUN = Advice.to(EventAdvice.ThreadRun.class);

    private static final BytecodeRewriter REWRITER = new BytecodeRewriter();

    private final AtomicInteger errors = new AtomicInteger();
    private volatile String firstError;

    /**
     * Installs everything on {@code inst}, retransforming the classes already loaded.
     *
     * @param waits    user-declared wait points (may match nothing)
     * @param sections user-declared signalling sections (may match nothing)
     * @param events   whether the waits and events of {@code java.util.concurrent}, {@code Thread} and monitors
     *                 are advised ({@code events=on})
     */
    public ResettableClassFileTransformer install(Instrumentation inst, final Scope scope, final MethodFilter waits,
                                                  final MethodFilter sections, final boolean events) {
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(64))
                // Only the loaded classes that need it, chosen by name (and for JDK classes by a scan of
                // their byte code), so Byte Buddy does not describe every loaded class.
                .with(new LoadedClasses(scope, events))
                .with(AgentBuilder.RedefinitionStrategy.Listener.BatchReallocator.splitting())
                .with(new AgentBuilder.RedefinitionStrategy.Listener.Adapter() {
                    @Override
                    public void onComplete(int amount, java.util.List<Class<?>> types,
                                           java.util.Map<java.util.List<Class<?>>, Throwable> failures) {
                        for (java.util.Map.Entry<java.util.List<Class<?>>, Throwable> f : failures.entrySet()) {
                            errors.addAndGet(f.getKey().size());
                            if (firstError == null) {
                                firstError = f.getKey() + ": " + f.getValue();
                            }
                        }
                    }
                })
                // Describe types from their class files only: loading a super class while transforming its
                // subclass would leave that super class untransformed (the circularity lock skips it).
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new ErrorCounter())
                // Every call of the installed transformer is the agent's own work, never the program's locking.
                .with(new AgentBuilder.TransformerDecorator() {
                    @Override
                    public ResettableClassFileTransformer decorate(ResettableClassFileTransformer t) {
                        return new OwnWorkTransformer(t);
                    }
                })
                // Replaces the default ignore (which skips every bootstrap class): re-add synthetic types.
                .ignore(isSynthetic().<TypeDescription>or(nameStartsWith("io.jlockdep.agent."))
                        .or(nameStartsWith("io.jlockdep.bootstrap."))
                        .or(nameStartsWith("io.jlockdep.api."))
                        .or(nameStartsWith("io.jlockdep.core."))
                        .or(nameStartsWith("java.lang.invoke."))
                        .or(nameStartsWith("java.lang.ref."))
                        .or(nameStartsWith("jdk.internal."))
                        .or(nameStartsWith("jdk.jfr.")));

        builder = builder
                .type(named(LOCKS + "ReentrantLock")).transform(visiting(
                        advice(LockAdvice.ReentrantLockAcquire.class, "lock", "lockInterruptibly"),
                        advice(LockAdvice.ReentrantLockTry.class, "tryLock"),
                        advice(LockAdvice.ReentrantLockUnlock.class, "unlock"),
                        advice(LockAdvice.ReentrantLockCondition.class, "newCondition")))
                .type(named(LOCKS + "ReentrantReadWriteLock")).transform(visiting(
                        Advice.to(LockAdvice.ReadWriteLockCreated.class).on(isConstructor())))
                .type(named(LOCKS + "ReentrantReadWriteLock$ReadLock")).transform(visiting(
                        advice(LockAdvice.ReadAcquire.class, "lock", "lockInterruptibly"),
                        advice(LockAdvice.ReadTry.class, "tryLock"),
                        advice(LockAdvice.ReadUnlock.class, "unlock")))
                .type(named(LOCKS + "ReentrantReadWriteLock$WriteLock")).transform(visiting(
                        advice(LockAdvice.WriteAcquire.class, "lock", "lockInterruptibly"),
                        advice(LockAdvice.WriteTry.class, "tryLock"),
                        advice(LockAdvice.WriteUnlock.class, "unlock"),
                        advice(LockAdvice.WriteCondition.class, "newCondition")))
                .type(named(LOCKS + "StampedLock")).transform(visiting(
                        advice(LockAdvice.StampedWrite.class, "writeLock", "writeLockInterruptibly"),
                        advice(LockAdvice.StampedRead.class, "readLock", "readLockInterruptibly"),
                        advice(LockAdvice.StampedTryWrite.class, "tryWriteLock"),
                        advice(LockAdvice.StampedTryRead.class, "tryReadLock"),
                        advice(LockAdvice.StampedUnlockWrite.class, "unlockWrite", "unstampedUnlockWrite"),
                        advice(LockAdvice.StampedUnlockRead.class, "unlockRead", "unstampedUnlockRead"),
                        advice(LockAdvice.StampedTryUnlockWrite.class, "tryUnlockWrite"),
                        advice(LockAdvice.StampedTryUnlockRead.class, "tryUnlockRead"),
                        advice(LockAdvice.StampedConvertToWrite.class, "tryConvertToWriteLock"),
                        advice(LockAdvice.StampedConvertToRead.class, "tryConvertToReadLock"),
                        advice(LockAdvice.StampedConvertToOptimistic.class, "tryConvertToOptimisticRead")))
                .type(named(LOCKS + "AbstractQueuedSynchronizer$ConditionObject")).transform(visiting(
                        Advice.to(LockAdvice.ConditionAwait.class).on(named("awaitUninterruptibly")
                                .or(named("await").and(takesArguments(0)))),
                        Advice.to(LockAdvice.ConditionAwaitTimed.class).on(named("awaitNanos").or(named("awaitUntil"))
                                .or(named("await").and(takesArguments(2)))),
                        advice(EventAdvice.Signal.class, "signal", "signalAll")))
                // Transformations add up: Thread's synchronized code is rewritten by the general one below too.
                .type(named("java.lang.Thread")).transform(visiting(
                        Advice.to(LockAdvice.UncaughtException.class).on(named("dispatchUncaughtException")
                                .and(takesArguments(1)))))
                .type(named("java.lang.Shutdown")).transform(visiting(
                        Advice.to(LockAdvice.ShutdownExit.class).on(named("exit").and(takesArguments(1))),
                        Advice.to(LockAdvice.ShutdownReturn.class).on(named("shutdown").and(takesArguments(0)))))
                .type(named(POINTS)).transform(visiting(
                        advice(PointAdvice.SignallingBegin.class, "signallingBegin"),
                        advice(PointAdvice.SignallingEnd.class, "signallingEnd"),
                        advice(PointAdvice.FenceWait.class, "fenceWait"),
                        advice(PointAdvice.AcquireContextInit.class, "acquireContextInit"),
                        advice(PointAdvice.AcquireContextFini.class, "acquireContextFini"),
                        advice(PointAdvice.WwLock.class, "wwLock"),
                        advice(PointAdvice.WwLockFailed.class, "wwLockFailed"),
                        advice(PointAdvice.WwInit.class, "wwInit"),
                        advice(PointAdvice.WwTryLocked.class, "wwTryLocked"),
                        advice(PointAdvice.WwUnlock.class, "wwUnlock"),
                        advice(PointAdvice.ReclaimEnter.class, "reclaimEnter"),
                        advice(PointAdvice.ReclaimExit.class, "reclaimExit"),
                        advice(PointAdvice.MightReclaim.class, "mightReclaim"),
                        advice(PointAdvice.InvalidationEnter.class, "invalidationEnter"),
                        advice(PointAdvice.InvalidationExit.class, "invalidationExit"),
                        advice(PointAdvice.MightInvalidate.class, "mightInvalidate")))
                .type(new ElementMatcher<TypeDescription>() {
                    @Override
                    public boolean matches(TypeDescription type) {
                        String name = type.getName();
                        return scope.rewrites(name) && (!Scope.isJdk(name) || LockCodeScan.needsRewrite(name));
                    }
                }).transform(new AgentBuilder.Transformer() {
                    @Override
                    public DynamicType.Builder<?> transform(DynamicType.Builder<?> b, TypeDescription type,
                                                            ClassLoader loader, JavaModule module,
                                                            ProtectionDomain domain) {
                        return rewrite(b, type, waits, sections);
                    }
                });
        if (events) {
            builder = events(builder);
        }
        return builder.installOn(inst);
    }

    /** The waits and events of the JDK's synchronizers, futures, executors and threads. */
    private static AgentBuilder events(AgentBuilder builder) {
        AgentBuilder b = builder
                .type(named(JUC + "CountDownLatch")).transform(visiting(
                        Advice.to(EventAdvice.Wait.class).on(named("await").and(takesArguments(0))),
                        Advice.to(EventAdvice.TimedWait.class).on(named("await").and(takesArguments(2))),
                        advice(EventAdvice.Signal.class, "countDown")))
                .type(named(JUC + "Semaphore")).transform(visiting(
                        advice(EventAdvice.Wait.class, "acquire", "acquireUninterruptibly"),
                        Advice.to(EventAdvice.TimedWait.class).on(named("tryAcquire")
                                .and(takesArguments(2).or(takesArguments(3)))),
                        advice(EventAdvice.Signal.class, "release")))
                .type(named(JUC + "CyclicBarrier")).transform(visiting(
                        Advice.to(EventAdvice.Arrive.class).on(named("await").and(takesArguments(0))),
                        Advice.to(EventAdvice.TimedArrive.class).on(named("await").and(takesArguments(2)))))
                .type(named(JUC + "Phaser")).transform(visiting(
                        advice(EventAdvice.Arrive.class, "arriveAndAwaitAdvance"),
                        advice(EventAdvice.Signal.class, "arrive", "arriveAndDeregister"),
                        Advice.to(EventAdvice.Wait.class).on(named("awaitAdvance")
                                .or(named("awaitAdvanceInterruptibly").and(takesArguments(1)))),
                        Advice.to(EventAdvice.TimedWait.class).on(named("awaitAdvanceInterruptibly")
                                .and(takesArguments(3)))))
                .type(named(JUC + "CompletableFuture")).transform(visiting(
                        Advice.to(EventAdvice.Wait.class).on(named("join").or(named("get").and(takesArguments(0)))),
                        Advice.to(EventAdvice.TimedWait.class).on(named("get").and(takesArguments(2))),
                        advice(EventAdvice.Signal.class, "complete", "completeExceptionally")))
                .type(named(JUC + "CompletableFuture$AsyncSupply").or(named(JUC + "CompletableFuture$AsyncRun")))
                .transform(visiting(
                        Advice.to(EventAdvice.AsyncTaskCreated.class).on(isConstructor().and(takesArguments(2))),
                        Advice.to(EventAdvice.AsyncTaskRun.class).on(named("run").and(takesArguments(0)))))
                .type(named(JUC + "FutureTask")).transform(visiting(
                        Advice.to(EventAdvice.FutureTaskCreated.class).on(isConstructor()),
                        advice(EventAdvice.FutureTaskRun.class, "run", "runAndReset"),
                        Advice.to(EventAdvice.Wait.class).on(named("get").and(takesArguments(0))),
                        Advice.to(EventAdvice.TimedWait.class).on(named("get").and(takesArguments(2)))))
                .type(named(JUC + "AbstractExecutorService")).transform(visiting(
                        advice(EventAdvice.NewTaskFor.class, "newTaskFor"),
                        // invokeAll skips get() for futures already done: the wait is recorded on entry.
                        Advice.to(EventAdvice.InvokeAll.class).on(named("invokeAll").and(takesArguments(1))),
                        Advice.to(EventAdvice.TimedInvokeAll.class).on(named("invokeAll").and(takesArguments(3)))))
                .type(named(JUC + "ThreadPoolExecutor")).transform(visiting(
                        advice(EventAdvice.AwaitTermination.class, "awaitTermination")))
                .type(named(JUC + "Executors$DelegatedExecutorService")).transform(visiting(
                        Advice.to(EventAdvice.ExecutorWrapped.class).on(isConstructor().and(takesArguments(1)))))
                // Adds to Thread's other transformations (above, and the rewriting of its synchronized code).
                .type(named("java.lang.Thread")).transform(visiting(
                        Advice.to(EventAdvice.ThreadCreated.class).on(isConstructor()),
                        THREAD_RUN.on(named("run").and(takesArguments(0))),
                        Advice.to(EventAdvice.Join.class).on(named("join").and(takesArguments(long.class))),
                        Advice.to(EventAdvice.JoinDuration.class).on(named("join")
                                .and(takesArguments(java.time.Duration.class)))))
                // Virtual threads (JDK 21+) are named after their task in their own constructor, and run it in
                // VirtualThread.run(Runnable), never Thread.run(): without these, joining one recorded nothing.
                .type(named("java.lang.VirtualThread")).transform(visiting(
                        Advice.to(EventAdvice.ThreadCreated.class).on(isConstructor()),
                        Advice.to(EventAdvice.VirtualThreadRun.class).on(named("run")
                                .and(takesArguments(Runnable.class)))));
        for (String q : QUEUES) {
            b = b.type(named(JUC + q)).transform(visiting(
                    advice(EventAdvice.Wait.class, "take", "takeFirst", "takeLast"),
                    Advice.to(EventAdvice.TimedWait.class).on(named("poll").or(named("pollFirst")).or(named("pollLast"))
                            .and(takesArguments(2))),
                    Advice.to(EventAdvice.Signal.class).on(named("put").or(named("putFirst")).or(named("putLast"))
                            .or(named("transfer")).or(named("addFirst")).or(named("addLast"))
                            .and(returns(void.class))),
                    Advice.to(EventAdvice.SignalIfTrue.class).on(named("offer").or(named("offerFirst"))
                            .or(named("offerLast")).or(named("add")).or(named("tryTransfer"))
                            .and(returns(boolean.class)))));
        }
        return b;
    }

    /**
     * Resolved when Byte Buddy retransforms, i.e. after its transformer is registered: a class loaded
     * meanwhile is then either transformed on load or in this list, never missed.
     */
    private static final class LoadedClasses implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {
        private final Scope scope;
        private final boolean events;

        LoadedClasses(Scope scope, boolean events) {
            this.scope = scope;
            this.events = events;
        }

        @Override
        public Iterable<Iterable<Class<?>>> resolve(Instrumentation inst) {
            java.util.List<Iterable<Class<?>>> one = new java.util.ArrayList<>(1);
            one.add(loadedToTransform(inst, scope, events));
            return one;
        }
    }

    private static java.util.Set<Class<?>> loadedToTransform(Instrumentation inst, Scope scope, boolean events) {
        java.util.Set<Class<?>> out = new java.util.HashSet<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isArray() || c.isPrimitive() || c.isSynthetic() || !inst.isModifiableClass(c)) {
                continue;
            }
            String name = c.getName();
            if (name.startsWith(LOCKS) || name.equals("java.lang.Shutdown") || name.equals("java.lang.Thread")
                    || name.equals(POINTS) || (events && EVENT_TYPES.contains(name))) {
                out.add(c);
            } else if (name.indexOf('/') < 0 && scope.rewrites(name)
                    && (!Scope.isJdk(name) || LockCodeScan.needsRewrite(name))) {
                out.add(c);
            }
        }
        return out;
    }

    /** A transformation that applies these visitors. */
    private static AgentBuilder.Transformer visiting(final AsmVisitorWrapper... visitors) {
        return new AgentBuilder.Transformer() {
            @Override
            public DynamicType.Builder<?> transform(DynamicType.Builder<?> b, TypeDescription type, ClassLoader loader,
                                                    JavaModule module, ProtectionDomain domain) {
                for (AsmVisitorWrapper v : visitors) {
                    b = b.visit(v);
                }
                return b;
            }
        };
    }

    private static DynamicType.Builder<?> rewrite(DynamicType.Builder<?> b, TypeDescription type, MethodFilter waits,
                                                  MethodFilter sections) {
        b = b.visit(REWRITER);
        boolean instanceSync = false;
        boolean staticSync = false;
        ElementMatcher.Junction<MethodDescription> sectionMethods = none();
        ElementMatcher.Junction<MethodDescription> waitMethods = none();
        boolean anySection = false;
        boolean anyWait = false;
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (m.isAbstract() || m.isNative() || m.isTypeInitializer()) {
                continue;
            }
            if (m.isSynchronized()) {
                if (m.isStatic()) {
                    staticSync = true;
                } else {
                    instanceSync = true;
                }
            }
            String map = null;
            boolean isWait = false;
            for (AnnotationDescription a : m.getDeclaredAnnotations()) {
                String name = a.getAnnotationType().getName();
                if (name.equals(WAIT_POINT) || name.equals(SIGNAL_POINT) || name.equals(SECTION)) {
                    map = a.getValue("value").resolve(String.class);
                    isWait = name.equals(WAIT_POINT);
                }
            }
            if (map == null && !m.isConstructor()) {
                if (waits.matches(type.getName(), m.getInternalName())) {
                    map = UserPointHooks.FENCE_MAP;
                    isWait = true;
                } else if (sections.matches(type.getName(), m.getInternalName())) {
                    map = UserPointHooks.FENCE_MAP;
                }
            }
            if (map == null) {
                continue;
            }
            UserPointHooks.declarePoint(type.getName() + "." + m.getInternalName() + m.getDescriptor(), map);
            if (isWait) {
                waitMethods = waitMethods.or(net.bytebuddy.matcher.ElementMatchers.is(m));
                anyWait = true;
            } else {
                sectionMethods = sectionMethods.or(net.bytebuddy.matcher.ElementMatchers.is(m));
                anySection = true;
            }
        }
        if (extendsThread(type)) {
            b = b.visit(THREAD_RUN.on(named("run").and(takesArguments(0)).and(not(isStatic())).and(not(isAbstract()))));
        }
        // Only the visitors a type needs: each one costs a pass over the class.
        if (instanceSync) {
            b = b.visit(SYNC_METHOD.on(isSynchronized().and(not(isStatic())).and(not(isNative())).and(not(isAbstract()))));
        }
        if (staticSync) {
            b = b.visit(STATIC_SYNC_METHOD.on(isSynchronized().and(isStatic()).and(not(isNative())).and(not(isAbstract()))));
        }
        if (anySection) {
            b = b.visit(SECTION_ADVICE.on(sectionMethods));
        }
        if (anyWait) {
            b = b.visit(WAIT.on(waitMethods));
        }
        return b;
    }

    /**
     * An application class extending {@code Thread} directly and declaring {@code run()}: its body is what its
     * joiners wait for, like {@code Thread.run}'s. Read from the class file's super name, which loads nothing.
     */
    private static boolean extendsThread(TypeDescription type) {
        if (Scope.isJdk(type.getName())) {
            return false;
        }
        boolean declaresRun = false;
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (m.getInternalName().equals("run") && m.getParameters().isEmpty() && !m.isStatic()) {
                declaresRun = true;
            }
        }
        if (!declaresRun) {
            return false;
        }
        TypeDescription.Generic sup = type.getSuperClass();
        return sup != null && sup.asErasure().getName().equals("java.lang.Thread");
    }

    private static AsmVisitorWrapper advice(Class<?> adviceClass, String... methods) {
        ElementMatcher.Junction<MethodDescription> m = none();
        for (String name : methods) {
            m = m.or(named(name));
        }
        return Advice.to(adviceClass).on(m.and(not(isAbstract())));
    }

    /** Transformation errors seen (classes left as they were). */
    public int errors() {
        return errors.get();
    }

    /** The first transformation error, or null. */
    public String firstError() {
        return firstError;
    }

    private final class ErrorCounter extends AgentBuilder.Listener.Adapter {
        private final boolean debug = System.getProperty("jlockdep.debug") != null;

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            if (debug) {
                System.err.println("jlockdep: transformed " + type.getName() + (loaded ? " (retransformed)" : ""));
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = typeName + ": " + t;
            }
        }
    }
}
