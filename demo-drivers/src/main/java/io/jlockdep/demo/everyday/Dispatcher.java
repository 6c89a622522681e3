package io.jlockdep.demo.everyday;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands batches of jobs to a worker thread and collects them: {@link #collect} awaits the batch's latch, and
 * publishes its results, under the dispatcher's monitor (which guards what was published).
 */
public final class Dispatcher implements AutoCloseable {
    private final WorkerThreads workersThreads = new WorkerThreads("worker");
    private final ExecutorService workers = Executors.newSingleThreadExecutor(workersThreads);
    private final boolean countDownUnderLock;
    /** Guarded by this dispatcher's monitor. */
    private final List<String> published = new ArrayList<>();
    /** Guarded by this dispatcher's monitor in the mistake; updated without it in the fix. */
    private int completedUnderLock;
    private final AtomicInteger completed = new AtomicInteger();

    /** A dispatcher whose workers count a job done holding the dispatcher's monitor, if {@code countDownUnderLock} (the mistake). */
    public Dispatcher(boolean countDownUnderLock) {
        this.countDownUnderLock = countDownUnderLock;
    }

    /** Hands every job of a new batch to the worker; returns the batch, for {@link #collect}. */
    public Batch dispatch(List<String> jobs) {
        Batch b = new Batch(jobs);
        for (String job : b.jobs) {
            workers.execute(() -> {
                String result = job.toUpperCase(Locale.ROOT);
                if (countDownUnderLock) {
                    completeUnderLock(b, result);
                } else {
                    completeOutsideLock(b, result);
                }
            });
        }
        return b;
    }

    /**
     * DELIBERATE MISTAKE: counts the job done holding the dispatcher's monitor, which {@link #collect} holds
     * while it awaits the latch. Had the worker been a moment slower, each would wait for the other for ever.
     * Rule broken: never hold, at countDown(), a lock that the thread awaiting the latch holds.
     */
    private synchronized void completeUnderLock(Batch b, String result) {
        b.results.add(result);
        completedUnderLock++;
        b.done.countDown();
    }

    /** The fix: the result goes into the batch's concurrent queue, and the latch is counted down outside any lock. */
    private void completeOutsideLock(Batch b, String result) {
        b.results.add(result);
        completed.incrementAndGet();
        b.done.countDown();
    }

    /** Waits until every job of {@code b} is done, then publishes its results; returns them. */
    public synchronized List<String> collect(Batch b) throws InterruptedException {
        b.done.await();
        List<String> results = new ArrayList<>(b.results);
        published.addAll(results);
        return results;
    }

    /** Jobs completed so far. */
    public synchronized int completed() {
        return completedUnderLock + completed.get();
    }

    /** Stops the worker thread. */
    @Override
    public void close() {
        workersThreads.stop(workers);
    }
}
