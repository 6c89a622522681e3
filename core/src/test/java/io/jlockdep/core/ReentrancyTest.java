package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Java reentrancy: hold-count bumps, read/write downgrade and the read-to-write upgrade self-deadlock. */
class ReentrancyTest {

    @Test
    void reacquireIsAHoldCountBumpWithoutEdges() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        Object lock = new Object();
        assertNull(ld.acquire(lock, a, Mode.EXCLUSIVE));
        assertNull(ld.acquire(lock, a, Mode.EXCLUSIVE));
        assertNull(ld.acquire(lock, a, Mode.EXCLUSIVE));
        assertEquals(1, ld.depth(), "a re-acquire pushes no new entry");
        assertEquals(3, ld.heldLocks().get(0).holds());
        assertTrue(ld.snapshot().edges().isEmpty(), "no edge for reentrancy: " + ld.snapshot().edges());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void releasesNeededEqualAcquires() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        Object lock = new Object();
        for (int i = 0; i < 3; i++) {
            ld.acquire(lock, a, Mode.EXCLUSIVE);
        }
        assertTrue(ld.release(lock));
        assertTrue(ld.isHeld(lock), "still held after 1 of 3 releases");
        assertTrue(ld.release(lock));
        assertTrue(ld.isHeld(lock), "still held after 2 of 3 releases");
        assertTrue(ld.release(lock));
        assertFalse(ld.isHeld(lock));
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertFalse(ld.release(lock), "a fourth release is unbalanced");
    }

    @Test
    void reentryUnderAnotherLockAddsNoBackEdge() {
        // synchronized (a) { synchronized (b) { synchronized (a) { } } } cannot deadlock.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        assertNull(ld.acquire(la, a, Mode.EXCLUSIVE));
        assertEquals(2, ld.depth());
        ld.release(la);
        ld.release(lb);
        ld.release(la);
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertEquals(1, ld.snapshot().edges().size(), "only A -> B: " + ld.snapshot().edges());
        GraphSnapshot.Edge e = ld.snapshot().edges().get(0);
        assertEquals("A", e.from());
        assertEquals("B", e.to());
    }

    @Test
    void reacquireOfTheSameInstanceIsReentrancyEvenUnderAnotherClass() throws Exception {
        // Reentrancy is about the instance: this thread holds x as A; meanwhile another thread re-classes x
        // (setClass re-classes only the caller's held entry); re-acquiring x, now classOf(x) = Z, is still
        // a hold-count bump of the held entry, not a new lock with an edge A -> Z.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass z = ld.lockClass("Z");
        Object x = new Object();
        ld.setClass(x, a);
        ld.acquire(x, ld.classOf(x), Mode.EXCLUSIVE);
        Thread other = new Thread(() -> ld.setClass(x, z), "re-classer");
        other.start();
        other.join();
        assertNull(ld.acquire(x, ld.classOf(x), Mode.EXCLUSIVE));
        assertEquals(1, ld.depth(), "same instance: no second entry");
        assertEquals(2, ld.heldLocks().get(0).holds());
        assertTrue(ld.snapshot().edges().isEmpty(), "no edge for reentrancy: " + ld.snapshot().edges());
        assertTrue(ld.release(x));
        assertTrue(ld.release(x));
        assertFalse(ld.isHeld(x));
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void sharedOnSharedIsABump() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        assertNull(ld.acquire(lock, rw, Mode.SHARED));
        assertNull(ld.acquire(lock, rw, Mode.SHARED));
        assertEquals(1, ld.depth());
        assertTrue(ld.findings().isEmpty());
        assertTrue(ld.release(lock, Mode.SHARED));
        assertTrue(ld.isHeld(lock));
        assertTrue(ld.release(lock, Mode.SHARED));
        assertFalse(ld.isHeld(lock));
    }

    @Test
    void writeThenReadDowngradeIsFine() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        assertNull(ld.acquire(lock, rw, Mode.EXCLUSIVE));
        assertNull(ld.acquire(lock, rw, Mode.SHARED), "taking the read side while holding the write side is fine");
        assertEquals(1, ld.depth());
        assertEquals(Mode.EXCLUSIVE, ld.heldLocks().get(0).mode(), "effective mode is W while the write side is held");
        assertTrue(ld.release(lock, Mode.EXCLUSIVE));
        assertTrue(ld.isHeld(lock), "the read side is still held");
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode(), "after dropping the write side the entry is shared");
        assertTrue(ld.release(lock, Mode.SHARED));
        assertFalse(ld.isHeld(lock));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertTrue(ld.snapshot().edges().isEmpty());
    }

    @Test
    void sharedModeIsSetByTheFirstSharedHold() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        ld.acquire(lock, rw, Mode.SHARED);
        ld.acquire(lock, rw, Mode.SHARED_RECURSIVE);
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode(), "a further R hold only adds to the count");
        ld.release(lock);
        ld.release(lock);
        assertFalse(ld.isHeld(lock));

        ld.acquire(lock, rw, Mode.EXCLUSIVE);
        ld.acquire(lock, rw, Mode.SHARED_RECURSIVE);
        ld.release(lock, Mode.EXCLUSIVE);
        assertEquals(Mode.SHARED_RECURSIVE, ld.heldLocks().get(0).mode(), "the first shared hold was R");
        ld.release(lock);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void releaseWithoutModeDropsTheEffectiveSideFirst() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        ld.acquire(lock, rw, Mode.EXCLUSIVE);
        ld.acquire(lock, rw, Mode.SHARED);
        assertTrue(ld.release(lock));
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode(), "the write hold went first");
        assertTrue(ld.release(lock));
        assertFalse(ld.isHeld(lock));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void readThenWriteOnTheSameLockIsRwUpgrade() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        assertNull(ld.acquire(lock, rw, Mode.SHARED));
        Finding f = ld.acquire(lock, rw, Mode.EXCLUSIVE);
        assertNotNull(f, "read -> write upgrade is a certain self-deadlock");
        assertEquals(FindingKind.RW_UPGRADE, f.kind());
        assertEquals("rw-upgrade", f.kind().id());
        assertEquals(1, ld.findings().size());
        assertEquals(1, ld.depth(), "an rw-upgrade pushes no new entry");
        assertTrue(ld.snapshot().edges().isEmpty(), "and adds no edge");
    }

    @Test
    void rwUpgradeHoldIsCountedAsGranted() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        ld.acquire(lock, rw, Mode.SHARED);
        ld.acquire(lock, rw, Mode.EXCLUSIVE);
        assertEquals(Mode.EXCLUSIVE, ld.heldLocks().get(0).mode());
        assertTrue(ld.release(lock, Mode.EXCLUSIVE));
        assertTrue(ld.isHeld(lock));
        assertTrue(ld.release(lock, Mode.SHARED));
        assertFalse(ld.isHeld(lock));
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED), "releases were balanced");
    }

    @Test
    void rwUpgradeIsReportedOnceButCountedEveryTime() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        for (int i = 0; i < 3; i++) {
            Object lock = new Object();
            ld.acquire(lock, rw, Mode.SHARED);
            Finding f = ld.acquire(lock, rw, Mode.EXCLUSIVE);
            if (i == 0) {
                assertNotNull(f);
            } else {
                assertNull(f, "an already reported id returns null");
            }
            ld.release(lock, Mode.EXCLUSIVE);
            ld.release(lock, Mode.SHARED);
        }
        assertEquals(1, ld.findings().size());
        assertEquals(3, ld.statistics().detections(FindingKind.RW_UPGRADE));
    }
}
