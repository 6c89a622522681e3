package io.jlockdep.demo.everyday;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/** A batch of jobs handed to a {@link Dispatcher}'s workers: a latch counted down per job done, and the results. */
public final class Batch {
    final List<String> jobs;
    final CountDownLatch done;
    final Queue<String> results = new ConcurrentLinkedQueue<>();

    Batch(List<String> jobs) {
        this.jobs = List.copyOf(jobs);
        this.done = new CountDownLatch(jobs.size());
    }

    /** Jobs not done yet. */
    public long remaining() {
        return done.getCount();
    }
}
