package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.EventHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's waits and events ({@code java.util.concurrent} synchronizers, futures,
 * executors, {@code Thread}): each passes the object whose event it is to {@link EventHooks}. As in
 * {@link LockAdvice}, only the hook class must be visible to the instrumented classes.
 */
final class EventAdvice {
    private EventAdvice() {
    }

    /** An untimed wait for this object's event ({@code await()}, {@code acquire}, {@code take}, {@code get()}). */
    static final class Wait {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object sync) {
            EventHooks.waitFor(sync, false);
        }
    }

    /** A wait with a timeout ({@code await(t, u)}, {@code tryAcquire(.., t, u)}, {@code poll(t, u)}, {@code get(t, u)}). */
    static final class TimedWait {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object sync) {
            EventHooks.waitFor(sync, true);
        }
    }

    /** The event, once the method returned normally ({@code countDown}, {@code release}, {@code put}, {@code complete}). */
    static final class Signal {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object sync, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                EventHooks.signal(sync);
            }
        }
    }

    /** The event, when the method returned true ({@code offer}, {@code add}, {@code tryTransfer}). */
    static final class SignalIfTrue {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object sync, @Advice.Return boolean done) {
            if (done) {
                EventHooks.signal(sync);
            }
        }
    }

    /** A barrier party's arrive-and-wait ({@code CyclicBarrier.await()}, {@code arriveAndAwaitAdvance}). */
    static final class Arrive {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object barrier) {
            EventHooks.arrive(barrier, false);
        }
    }

    /** {@code CyclicBarrier.await(t, u)}. */
    static final class TimedArrive {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object barrier) {
            EventHooks.arrive(barrier, true);
        }
    }

    /** {@code FutureTask(Callable)}, {@code FutureTask(Runnable, V)}: the task's code is the first argument. */
    static final class FutureTaskCreated {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object future, @Advice.Argument(0) Object code) {
            EventHooks.taskCreated(future, code);
        }
    }

    /** {@code CompletableFuture.AsyncSupply/AsyncRun(dep, fn)}: {@code dep} is the future, {@code fn} the code. */
    static final class AsyncTaskCreated {
        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) Object future, @Advice.Argument(1) Object code) {
            EventHooks.taskCreated(future, code);
        }
    }

    /** {@code FutureTask.run()}/{@code runAndReset()}: the body its {@code get} waits for. */
    static final class FutureTaskRun {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object future) {
            EventHooks.taskStarts(future);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object future) {
            EventHooks.taskEnds(future);
        }
    }

    /**
     * {@code AsyncSupply/AsyncRun.run()}: the body of a {@code supplyAsync}/{@code runAsync} future. The run
     * clears {@code dep} before the body runs, so the future read on entry is handed to the exit.
     */
    static final class AsyncTaskRun {
        @Advice.OnMethodEnter
        static Object enter(@Advice.FieldValue("dep") Object future) {
            EventHooks.taskStarts(future);
            return future;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object future) {
            EventHooks.taskEnds(future);
        }
    }

    /** {@code AbstractExecutorService.newTaskFor(..)}: the executor a task's future belongs to. */
    static final class NewTaskFor {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object executor, @Advice.Return Object future) {
            EventHooks.submitted(executor, future);
        }
    }

    /** {@code AbstractExecutorService.invokeAll(tasks)}: a wait for every task's body (see {@link EventHooks#invokeAll}). */
    static final class InvokeAll {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object tasks) {
            EventHooks.invokeAll(tasks, false);
        }
    }

    /** {@code AbstractExecutorService.invokeAll(tasks, t, u)}. */
    static final class TimedInvokeAll {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object tasks) {
            EventHooks.invokeAll(tasks, true);
        }
    }

    /** {@code ThreadPoolExecutor.awaitTermination(t, u)}: a timed wait for all its tasks. */
    static final class AwaitTermination {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object executor) {
            EventHooks.terminationWait(executor);
        }
    }

    /** {@code Executors.DelegatedExecutorService(executor)}: the wrapper a factory returns around its pool. */
    static final class ExecutorWrapped {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object wrapper, @Advice.Argument(0) Object pool) {
            EventHooks.wraps(wrapper, pool);
        }
    }

    /** {@code Thread} constructors: the thread's code (its class, or the {@code Runnable} passed). */
    static final class ThreadCreated {
        @Advice.OnMethodExit
        static void exit(@Advice.This Thread thread, @Advice.AllArguments Object[] args) {
            EventHooks.threadCreated(thread, args);
        }
    }

    /** {@code Thread.run()}, and {@code run()} of the application's direct subclasses of {@code Thread}. */
    static final class ThreadRun {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Thread thread) {
            EventHooks.threadRuns(thread);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Thread thread) {
            EventHooks.threadRan(thread);
        }
    }

    /**
     * {@code Thread.join(Duration)} (JDK 19+), which does not call {@code join(millis)}: a timed join (a zero or
     * negative duration does not wait, but the order is what matters).
     */
    static final class JoinDuration {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Thread thread) {
            EventHooks.join(thread, Long.MAX_VALUE);
        }
    }

    /** {@code VirtualThread.run(Runnable)} (JDK 21+): a virtual thread's body, what its joiners wait for. */
    static final class VirtualThreadRun {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Thread thread) {
            EventHooks.virtualThreadRuns(thread);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Thread thread) {
            EventHooks.virtualThreadRan(thread);
        }
    }

    /** {@code Thread.join(millis)} (what {@code join()} and the other overloads call). */
    static final class Join {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Thread thread, @Advice.Argument(0) long millis) {
            EventHooks.join(thread, millis);
        }
    }
}
