package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LockHooks} against a real engine, called as the advice in {@code java.util.concurrent.locks} calls
 * them: modes, trylocks, failed acquisitions, the shared identity of a read/write lock, condition awaits.
 */
class LockHooksTest {
    private static final class MyLock extends ReentrantLock {
    }

    private Lockdep engine;

    @BeforeEach
    void arm() {
        engine = HookTesting.install(false);
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    @Test
    void locksOfUnknownSiteAreNamedByKindOrSubclassAndBySiteWhenKnown() {
        ReentrantLock plain = new ReentrantLock();
        LockHooks.lock(plain);
        MyLock mine = new MyLock();
        LockHooks.lock(mine);
        ReentrantLock sited = new ReentrantLock();
        AllocationHooks.allocated(sited, "ReentrantLock com.acme.Bank.LOCK", "com.acme.Bank.<clinit>(Bank.java:12)");
        LockHooks.lock(sited);
        assertEquals(List.of("ReentrantLock@(unknown site)/EXCLUSIVE/1",
                "ReentrantLock " + MyLock.class.getTypeName() + "/EXCLUSIVE/1",
                "ReentrantLock com.acme.Bank.LOCK/EXCLUSIVE/1"), HookTesting.held(engine));
        LockHooks.unlock(sited);
        LockHooks.unlock(mine);
        LockHooks.unlock(plain);
        assertEquals(0, engine.depth());
    }

    @Test
    void aFailedAcquisitionIsUndone() {
        ReentrantLock lock = new ReentrantLock();
        LockHooks.lock(lock);
        LockHooks.lockFailed(lock);
        assertEquals(0, engine.depth());
    }

    @Test
    void bothHalvesOfAReadWriteLockAreItsSync() {
        Object rrw = new Object();
        Object sync = new Object();
        LockHooks.rrwCreated(rrw, sync);
        assertSame(sync, LockNames.identityOf(rrw));
        AllocationHooks.allocated(rrw, "ReentrantReadWriteLock@com.acme.Cache.create#1", "com.acme.Cache.create(Cache.java:5)");
        LockHooks.readLock(sync);
        LockHooks.readTryLocked(sync);
        assertEquals(List.of("ReentrantReadWriteLock@com.acme.Cache.create#1/SHARED/2"),
                HookTesting.held(engine));
        LockHooks.readUnlock(sync);
        LockHooks.readUnlock(sync);
        LockHooks.writeLock(sync);
        LockHooks.writeTryLocked(sync);
        assertEquals(List.of("ReentrantReadWriteLock@com.acme.Cache.create#1/EXCLUSIVE/2"),
                HookTesting.held(engine));
        LockHooks.writeUnlock(sync);
        LockHooks.writeUnlock(sync);
        assertEquals(0, engine.depth());
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
        // Read then write on one lock meets in one entry: the upgrade is seen.
        LockHooks.readLock(sync);
        LockHooks.writeLock(sync);
        assertEquals(1, engine.findings().size());
    }

    @Test
    void stampedLocksRecordOnlyWhatTheStampsSayWasTaken() {
        StampedLock lock = new StampedLock();
        LockHooks.stampedTryRead(lock, 0L);
        LockHooks.stampedTryWrite(lock, 0L);
        assertEquals(0, engine.depth());
        LockHooks.stampedRead(lock);
        LockHooks.stampedTryRead(lock, 384L);
        // Not reentrant (a pseudo class): each read hold is an entry of its own.
        List<String> twoReads = List.of("StampedLock@(unknown site)/SHARED/1", "StampedLock@(unknown site)/SHARED/1");
        assertEquals(twoReads, HookTesting.held(engine));
        LockHooks.stampedTryUnlock(lock, false, false);
        assertEquals(twoReads, HookTesting.held(engine));
        LockHooks.stampedTryUnlock(lock, true, false);
        LockHooks.stampedUnlockRead(lock);
        assertEquals(0, engine.depth());
        LockHooks.stampedTryWrite(lock, 640L);
        assertEquals(List.of("StampedLock@(unknown site)/EXCLUSIVE/1"), HookTesting.held(engine));
        LockHooks.stampedTryUnlock(lock, true, true);
        LockHooks.stampedWrite(lock);
        LockHooks.stampedUnlockWrite(lock);
        assertEquals(0, engine.depth());
    }

    @Test
    void aStampedLockUnlockedByAnotherThreadIsNoLongerHeldByItsTaker() throws Exception {
        StampedLock lock = new StampedLock();
        ReentrantLock other = new ReentrantLock();
        java.util.concurrent.atomic.AtomicInteger takerDepth = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread taker = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                LockHooks.stampedWrite(lock); // would pass maxDepth (64) if the releases stayed here
                handOver(i);
            }
            LockHooks.stampedWrite(lock);
            LockHooks.lock(other);
            LockHooks.unlock(other);
            LockHooks.stampedUnlockWrite(lock);
            takerDepth.set(engine.depth());
        }, "taker");
        released = new java.util.concurrent.SynchronousQueue<>();
        taker.start();
        for (int i = 0; i < 100; i++) {
            released.take();
            LockHooks.stampedUnlockWrite(lock);
            released.put(i);
        }
        taker.join();
        assertEquals(0, takerDepth.get(), "the taker ended with nothing held");
        LockHooks.lock(other);
        LockHooks.stampedWrite(lock);
        LockHooks.stampedUnlockWrite(lock);
        LockHooks.unlock(other);
        assertEquals(1, engine.findings().size(), engine.findings().toString());
        assertEquals("circular", engine.findings().get(0).kind().id());
    }

    private java.util.concurrent.SynchronousQueue<Integer> released;

    /** The taker hands its stamp over and waits until it was released. */
    private void handOver(int i) {
        try {
            released.put(i);
            released.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stampedConversionsMoveTheHoldBetweenModes() {
        StampedLock lock = new StampedLock();
        long optimistic = lock.tryOptimisticRead();
        long w = lock.tryConvertToWriteLock(optimistic);
        LockHooks.stampedConvertedToWrite(lock, optimistic, w);
        assertEquals(List.of("StampedLock@(unknown site)/EXCLUSIVE/1"), HookTesting.held(engine));
        long r = lock.tryConvertToReadLock(w);
        LockHooks.stampedConvertedToRead(lock, w, r);
        assertEquals(List.of("StampedLock@(unknown site)/SHARED/1"), HookTesting.held(engine));
        long w2 = lock.tryConvertToWriteLock(r);
        LockHooks.stampedConvertedToWrite(lock, r, w2);
        assertEquals(List.of("StampedLock@(unknown site)/EXCLUSIVE/1"), HookTesting.held(engine));
        LockHooks.stampedConvertedToWrite(lock, w2, lock.tryConvertToWriteLock(w2)); // already a write stamp
        assertEquals(List.of("StampedLock@(unknown site)/EXCLUSIVE/1"), HookTesting.held(engine));
        long o = lock.tryConvertToOptimisticRead(w2);
        LockHooks.stampedConvertedToOptimistic(lock, w2, o);
        assertEquals(0, engine.depth());
        LockHooks.stampedConvertedToRead(lock, o, 0L); // failed: nothing
        assertEquals(0, engine.depth());
        long r2 = lock.readLock();
        LockHooks.stampedRead(lock);
        LockHooks.stampedConvertedToOptimistic(lock, r2, lock.tryConvertToOptimisticRead(r2));
        assertEquals(0, engine.depth());
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void aTrylockIsNeverTheTargetOfAnEdge() {
        ReentrantLock a = new ReentrantLock();
        MyLock b = new MyLock();
        LockHooks.lock(a);
        LockHooks.tryLocked(b);
        LockHooks.unlock(b);
        LockHooks.unlock(a);
        LockHooks.lock(b);
        LockHooks.lock(a);
        LockHooks.unlock(a);
        LockHooks.unlock(b);
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void aConditionAwaitReleasesItsLockAndTakesItBack() {
        ReentrantLock lock = new ReentrantLock();
        Object condition = new Object();
        LockHooks.conditionCreated(condition, lock);
        LockHooks.lock(lock);
        LockHooks.lock(lock);
        int saved = LockHooks.awaitRelease(condition);
        assertEquals(2, saved);
        assertEquals(0, engine.depth());
        LockHooks.awaitReacquire(condition, saved);
        assertEquals(List.of("ReentrantLock@(unknown site)/EXCLUSIVE/2"), HookTesting.held(engine));
        LockHooks.unlock(lock);
        LockHooks.unlock(lock);
    }

    @Test
    void aConditionOfAReadWriteLockReleasesTheSync() {
        Object rrw = new Object();
        Object sync = new Object();
        LockHooks.rrwCreated(rrw, sync);
        Object condition = new Object();
        LockHooks.conditionCreated(condition, LockNames.identityOf(rrw));
        LockHooks.writeLock(sync);
        assertEquals(1, LockHooks.awaitRelease(condition));
        assertEquals(0, engine.depth());
        LockHooks.awaitReacquire(condition, 1);
        assertEquals(1, engine.depth());
        LockHooks.writeUnlock(sync);
    }

    @Test
    void aConditionOfAnUntrackedLockLeavesTheHoldsAlone() {
        ReentrantLock lock = new ReentrantLock();
        LockHooks.lock(lock);
        Object stranger = new Object();
        assertEquals(0, LockHooks.awaitRelease(stranger));
        LockHooks.awaitReacquire(stranger, 0);
        assertEquals(1, engine.depth());
        LockHooks.unlock(lock);
    }

    @Test
    void aReverseOrderIsAFinding() {
        ReentrantLock a = new ReentrantLock();
        MyLock b = new MyLock();
        LockHooks.lock(a);
        LockHooks.lock(b);
        LockHooks.unlock(b);
        LockHooks.unlock(a);
        LockHooks.lock(b);
        LockHooks.lock(a);
        assertEquals(2, engine.depth(), "no throw unless onCycle=throw");
        LockHooks.unlock(a);
        LockHooks.unlock(b);
        List<Finding> found = engine.findings();
        assertEquals(1, found.size());
        assertTrue(found.get(0).lockClasses().contains("ReentrantLock@(unknown site)"), found.toString());
    }
}
