package io.jlockdep.demo.everyday;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The thread factory of a scenario's executor, which remembers its threads so that {@link #stop} can wait for them
 * to end: {@code awaitTermination} returns while the last worker is still exiting, and a scenario must leave no
 * thread behind. Lock-free, so that it adds no lock to what the agent sees of a scenario.
 */
final class WorkerThreads implements ThreadFactory {
    private static final long STOP_MILLIS = 10_000;
    private final String name;
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    WorkerThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, name);
        made.add(t);
        return t;
    }

    /** Shuts {@code executor} (made with this factory) down and waits for its threads to end. */
    void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
            for (Thread t : made) {
                t.join(STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
