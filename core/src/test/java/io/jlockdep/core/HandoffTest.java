package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Releases by a thread that does not hold the lock ({@link Lockdep#releaseUnowned}, a {@code StampedLock}
 * unlocked with a handed-over stamp): the holder's stack loses the hold before its next operation, so no
 * false {@code unbalanced} or {@code recursive}, no creeping depth, and later inversions are still seen.
 */
class HandoffTest {
    private final ExecutorService t1 = Executors.newSingleThreadExecutor(r -> new Thread(r, "holder"));
    private final ExecutorService t3 = Executors.newSingleThreadExecutor(r -> new Thread(r, "third"));

    @AfterEach
    void stop() throws InterruptedException {
        t1.shutdownNow();
        t3.shutdownNow();
        assertTrue(t1.awaitTermination(1, TimeUnit.MINUTES));
        assertTrue(t3.awaitTermination(1, TimeUnit.MINUTES));
    }

    /** Runs {@code step} on {@code thread} and waits for it. */
    static <T> T on(ExecutorService thread, Callable<T> step) throws Exception {
        return thread.submit(step).get();
    }

    @Test
    void aWriteHoldReleasedByAnotherThreadLeavesTheHolder() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        Object lock = new Object();
        on(t1, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE));
        assertTrue(ld.releaseUnowned(lock, Mode.EXCLUSIVE), "another thread held it");
        assertEquals(0, ld.depth(), "the releasing thread records nothing");
        assertEquals(0, (int) on(t1, ld::depth), "the holder dropped it before its next operation");
        // Taking it again is no self-deadlock, and its own release balances.
        assertEquals(null, on(t1, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE)));
        assertTrue(on(t1, () -> ld.release(lock, Mode.EXCLUSIVE)));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void aReadHoldReleasedByAnotherThreadLeavesTheHolder() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        Object lock = new Object();
        on(t1, () -> ld.acquire(lock, stamped, Mode.SHARED));
        assertTrue(ld.releaseUnowned(lock, Mode.SHARED));
        assertFalse(on(t1, () -> ld.isHeld(lock)));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void manyHandOffsNeitherFillTheStackNorHideALaterInversion() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        LockClass plain = ld.lockClass("ReentrantLock");
        Object lock = new Object();
        Object other = new Object();
        int handOffs = 3 * ld.config().maxDepth();
        for (int i = 0; i < handOffs; i++) {
            Mode mode = i % 2 == 0 ? Mode.EXCLUSIVE : Mode.SHARED;
            on(t1, () -> ld.acquire(lock, stamped, mode));
            assertTrue(ld.releaseUnowned(lock, mode), "hand-off " + i);
        }
        assertEquals(0, (int) on(t1, ld::depth));
        assertEquals(0, ld.statistics().limitHits(Limit.DEPTH), "the holder never passed maxDepth");
        // A real inversion on the holder: stamped -> plain, then plain -> stamped.
        on(t1, () -> {
            ld.acquire(lock, stamped, Mode.EXCLUSIVE);
            ld.acquire(other, plain, Mode.EXCLUSIVE);
            ld.release(other);
            return ld.release(lock, Mode.EXCLUSIVE);
        });
        Finding f = on(t1, () -> {
            ld.acquire(other, plain, Mode.EXCLUSIVE);
            Finding found = ld.acquire(lock, stamped, Mode.EXCLUSIVE);
            ld.release(lock, Mode.EXCLUSIVE);
            ld.release(other);
            return found;
        });
        assertNotNull(f, "the inversion after the hand-offs is reported");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertEquals(1, ld.findings().size(), ld.findings().toString());
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED));
        assertEquals(0, ld.statistics().detections(FindingKind.RECURSIVE));
    }

    @Test
    void theHolderDropsAReleasedLockBeforeItsNextAcquisitionOfAnything() throws Exception {
        // The acquisition after the hand-off must not order the released lock before the new one.
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        LockClass plain = ld.lockClass("ReentrantLock");
        Object lock = new Object();
        Object other = new Object();
        on(t1, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE));
        ld.releaseUnowned(lock, Mode.EXCLUSIVE);
        on(t1, () -> {
            ld.acquire(other, plain, Mode.EXCLUSIVE);
            return ld.release(other);
        });
        assertEquals(0, EngineTests.edgeTypes(ld, "StampedLock", "ReentrantLock"), "no edge from a released lock");
    }

    @Test
    void theReleasingThreadsOwnHoldGoesFirstInTheSameMode() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        Object lock = new Object();
        on(t1, () -> ld.acquire(lock, stamped, Mode.SHARED));
        ld.acquire(lock, stamped, Mode.SHARED);
        assertTrue(ld.releaseUnowned(lock, Mode.SHARED));
        assertEquals(0, ld.depth(), "its own read hold");
        assertTrue(on(t1, () -> ld.isHeld(lock, Mode.SHARED)), "the other thread's stays");
        assertTrue(ld.releaseUnowned(lock, Mode.SHARED));
        assertFalse(on(t1, () -> ld.isHeld(lock)));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void aHoldInAnotherModeIsNotTheOneReleased() throws Exception {
        // This thread reads; the holder writes... as far as the tracker knows (the write is released).
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        Object lock = new Object();
        on(t1, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE));
        ld.tryAcquired(lock, stamped, Mode.SHARED);
        assertTrue(ld.releaseUnowned(lock, Mode.EXCLUSIVE));
        assertTrue(ld.isHeld(lock, Mode.SHARED), "this thread's read hold stays");
        assertFalse(on(t1, () -> ld.isHeld(lock)));
        assertTrue(ld.release(lock, Mode.SHARED));
    }

    @Test
    void releasesAlreadyPostedCountAgainstAHolder() throws Exception {
        // The holder has not drained its first hand-off when a third thread's hold is released: that one
        // must go to the third thread, not to the holder a second time.
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        Object lock = new Object();
        on(t1, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE));
        ld.releaseUnowned(lock, Mode.EXCLUSIVE);
        on(t3, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE));
        assertTrue(ld.releaseUnowned(lock, Mode.EXCLUSIVE));
        assertEquals(0, (int) on(t3, ld::depth));
        assertEquals(0, (int) on(t1, ld::depth));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void aPostedReleaseTheThreadDoesNotHoldIsPassedOnToOneThatDoes() throws Exception {
        // The racy scan may pick a thread that no longer holds the lock; that thread passes it on.
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        Object lock = new Object();
        ThreadState holder = on(t1, ld::currentState);
        on(t3, () -> ld.acquire(lock, stamped, Mode.EXCLUSIVE));
        holder.post(new ThreadState.Handoff(lock, Mode.EXCLUSIVE, 0));
        assertEquals(0, (int) on(t1, ld::depth), "nothing to drop here");
        assertEquals(0, (int) on(t3, ld::depth), "passed on to the holder");
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void aReleaseNoThreadHoldsIsStillUnbalanced() {
        Lockdep ld = new Lockdep();
        ld.pseudoClass("StampedLock");
        assertFalse(ld.releaseUnowned(new Object(), Mode.EXCLUSIVE));
        assertEquals(1, count(ld, FindingKind.UNBALANCED));
    }

    @Test
    void anOwnedReleaseByANonHolderStaysUnbalancedAndLeavesTheHolderAlone() throws Exception {
        // ReentrantLock, ReentrantReadWriteLock, monitors, pseudo-locks: their holds belong to a thread.
        Lockdep ld = new Lockdep();
        LockClass cls = ld.lockClass("ReentrantReadWriteLock");
        Object lock = new Object();
        on(t1, () -> ld.acquire(lock, cls, Mode.EXCLUSIVE));
        assertFalse(ld.release(lock, Mode.EXCLUSIVE));
        assertEquals(1, count(ld, FindingKind.UNBALANCED));
        assertTrue(on(t1, () -> ld.isHeld(lock)));
    }

    @Test
    void handOffsBetweenTwoRunningThreadsStayBalanced() throws Exception {
        // The holder keeps acquiring (its stack changes while the other thread scans it) and hands each
        // stamp over through a rendezvous; the releaser returns it after the release.
        Lockdep ld = new Lockdep();
        LockClass stamped = ld.pseudoClass("StampedLock");
        LockClass plain = ld.lockClass("ReentrantLock");
        Object[] locks = {new Object(), new Object(), new Object()};
        Object other = new Object();
        SynchronousQueue<Object> toReleaser = new SynchronousQueue<>();
        SynchronousQueue<Object> back = new SynchronousQueue<>();
        int rounds = 2000;
        Thread releaser = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    Object l = toReleaser.take();
                    ld.releaseUnowned(l, i % 3 == 0 ? Mode.SHARED : Mode.EXCLUSIVE);
                    back.put(l);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "releaser");
        releaser.start();
        on(t1, () -> {
            for (int i = 0; i < rounds; i++) {
                Object l = locks[i % locks.length];
                ld.acquire(l, stamped, i % 3 == 0 ? Mode.SHARED : Mode.EXCLUSIVE);
                ld.acquire(other, plain, Mode.EXCLUSIVE); // hand-over-hand: moves the entry above
                ld.release(other);
                toReleaser.put(l);
                ld.acquire(other, plain, Mode.EXCLUSIVE);
                back.take();
                ld.release(other);
            }
            return null;
        });
        releaser.join();
        assertEquals(0, (int) on(t1, ld::depth));
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED), ld.findings().toString());
        assertEquals(0, ld.statistics().detections(FindingKind.RECURSIVE), ld.findings().toString());
    }
}
