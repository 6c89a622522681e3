package io.jlockdep.junit5.samples;

import io.jlockdep.junit5.JlockdepExtension;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Four tests running at the same time (each waits until all four have started, and ends only when all four
 * have taken their locks), each taking one half of one of two inversions: two findings, while every test's range
 * overlaps every other's. The halves take turns (a semaphore, which is no lock to the agent), so nothing can
 * deadlock for real.
 */
@ExtendWith(JlockdepExtension.class)
@Execution(ExecutionMode.CONCURRENT)
public class ParallelSample {
    static final ReentrantLock A = new ReentrantLock();
    static final ReentrantLock B = new ReentrantLock();
    static final ReentrantLock C = new ReentrantLock();
    static final ReentrantLock D = new ReentrantLock();
    static final CountDownLatch STARTED = new CountDownLatch(4);
    static final CountDownLatch HALVES_TAKEN = new CountDownLatch(4);
    static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

    private static void together(ReentrantLock outer, ReentrantLock inner) throws InterruptedException {
        STARTED.countDown();
        STARTED.await(30, TimeUnit.SECONDS);
        ONE_AT_A_TIME.acquire();
        try {
            Locks.nest(outer, inner);
        } finally {
            ONE_AT_A_TIME.release();
        }
        HALVES_TAKEN.countDown();
        HALVES_TAKEN.await(30, TimeUnit.SECONDS);
    }

    @Test
    void ab() throws InterruptedException {
        together(A, B);
    }

    @Test
    void ba() throws InterruptedException {
        together(B, A);
    }

    @Test
    void cd() throws InterruptedException {
        together(C, D);
    }

    @Test
    void dc() throws InterruptedException {
        together(D, C);
    }
}
