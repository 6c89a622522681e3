package io.jlockdep.fence;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/** Helpers shared by the fence core's tests. No timing: waits poll a state, guarded by each test's timeout. */
final class FenceTests {
    private FenceTests() {
    }

    /** A started thread whose failure is kept for {@link Worker#join()}. */
    static final class Worker<T> {
        final Thread thread;
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Worker(String name, Callable<T> body) {
            thread = new Thread(() -> {
                try {
                    result.set(body.call());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the thread; returns its result or rethrows its failure as an AssertionError. */
        T join() throws InterruptedException {
            thread.join();
            if (failure.get() != null) {
                throw new AssertionError("thread " + thread.getName() + " failed: " + failure.get(), failure.get());
            }
            return result.get();
        }

        /** Waits for the thread and returns what it threw (null if nothing). */
        Throwable joinFailure() throws InterruptedException {
            thread.join();
            return failure.get();
        }
    }

    static <T> Worker<T> start(String name, Callable<T> body) {
        return new Worker<>(name, body);
    }

    static Worker<Void> run(String name, ThrowingRunnable body) {
        return new Worker<>(name, () -> {
            body.run();
            return null;
        });
    }

    /** A runnable that may throw. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Waits until {@code t} is parked or waiting inside the code under test (a frame of a non-test class of
     * this package is on its stack), e.g. blocked in a fence wait or a ww mutex lock.
     */
    static void awaitBlocked(Thread t) throws InterruptedException {
        for (;;) {
            Thread.State s = t.getState();
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError("thread " + t.getName() + " ended instead of blocking");
            }
            if (waiting(s) && inCodeUnderTest(t.getStackTrace()) && waiting(t.getState())) {
                return;
            }
            Thread.sleep(1);
        }
    }

    private static boolean waiting(Thread.State s) {
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    private static boolean inCodeUnderTest(StackTraceElement[] stack) {
        String pkg = FenceTests.class.getPackageName() + ".";
        for (StackTraceElement e : stack) {
            String cls = e.getClassName();
            if (!cls.startsWith(pkg)) {
                continue;
            }
            String simple = cls.substring(pkg.length());
            int dollar = simple.indexOf('$');
            if (dollar >= 0) {
                simple = simple.substring(0, dollar);
            }
            if (!simple.endsWith("Test") && !simple.endsWith("Tests")) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code body} on a new thread and waits for it; rethrows its failure. */
    static void onThread(String name, ThrowingRunnable body) throws InterruptedException {
        run(name, body).join();
    }

    /**
     * One thread that runs submitted tasks in order: for objects confined to a thread (acquire contexts)
     * that a test drives step by step.
     */
    static final class Actor implements AutoCloseable {
        private final ExecutorService exec;
        private volatile Thread thread;

        Actor(String name) {
            exec = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                thread = t;
                return t;
            });
            call(() -> null); // start the thread now
        }

        Thread thread() {
            return thread;
        }

        <T> Future<T> submit(Callable<T> task) {
            return exec.submit(task);
        }

        Future<Void> submitRun(ThrowingRunnable task) {
            return exec.submit(() -> {
                task.run();
                return null;
            });
        }

        /** Runs {@code task} on the actor and returns its result; its exception is rethrown unwrapped. */
        <T> T call(Callable<T> task) {
            return get(exec.submit(task));
        }

        void run(ThrowingRunnable task) {
            get(submitRun(task));
        }

        @Override
        public void close() {
            exec.shutdownNow();
        }
    }

    /** The result of {@code f}; its failure rethrown unwrapped (checked ones wrapped in a RuntimeException). */
    static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new RuntimeException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What {@code f} failed with (unwrapped), or an AssertionError if it succeeded. */
    static Throwable failure(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("the task succeeded");
    }
}
