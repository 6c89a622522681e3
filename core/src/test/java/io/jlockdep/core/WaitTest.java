package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Object.wait / Condition.await: the lock is released during the wait and re-acquired after it. */
class WaitTest {

    @Test
    void lockIsNotHeldDuringTheWait() {
        Lockdep ld = new Lockdep();
        LockClass m = ld.lockClass("M");
        Object monitor = new Object();
        ld.acquire(monitor, m, Mode.EXCLUSIVE);
        ld.acquire(monitor, m, Mode.EXCLUSIVE);
        ld.acquire(monitor, m, Mode.EXCLUSIVE);
        int saved = ld.waitRelease(monitor);
        assertEquals(3, saved, "all write holds are given up by the wait");
        assertFalse(ld.isHeld(monitor));
        assertFalse(ld.isHeld(m));
        assertEquals(0, ld.depth());

        assertNull(ld.waitReacquire(monitor, m, saved));
        assertTrue(ld.isHeld(monitor));
        assertEquals(1, ld.depth());
        assertEquals(3, ld.heldLocks().get(0).holds());
        assertTrue(ld.release(monitor));
        assertTrue(ld.release(monitor));
        assertTrue(ld.isHeld(monitor), "the restored hold count needs as many releases");
        assertTrue(ld.release(monitor));
        assertFalse(ld.isHeld(monitor));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void waitReleaseOfALockNotHeldReturnsZero() {
        Lockdep ld = new Lockdep();
        assertEquals(0, ld.waitRelease(new Object()));
        assertEquals(0, ld.depth());
    }

    @Test
    void waitDropsOnlyTheWaitedLockFromTheMiddleOfTheStack() {
        Lockdep ld = new Lockdep();
        LockClass m = ld.lockClass("M");
        LockClass a = ld.lockClass("A");
        Object monitor = new Object();
        Object la = new Object();
        ld.acquire(monitor, m, Mode.EXCLUSIVE);
        ld.acquire(la, a, Mode.EXCLUSIVE);
        assertEquals(2, ld.depth());
        int saved = ld.waitRelease(monitor);
        assertEquals(1, saved);
        assertEquals(1, ld.depth(), "the depth drops by the waited lock");
        assertFalse(ld.isHeld(monitor));
        assertTrue(ld.isHeld(la));
        assertEquals("A", ld.heldLocks().get(0).className());
    }

    @Test
    void waitInsideAnotherLockReacquiresUnderItAndClosesTheCycle() {
        // synchronized (M) { synchronized (A) { M.wait(); } }: waking up, the thread takes M while holding A.
        Lockdep ld = new Lockdep();
        LockClass m = ld.lockClass("M");
        LockClass a = ld.lockClass("A");
        Object monitor = new Object();
        Object la = new Object();
        ld.acquire(monitor, m, Mode.EXCLUSIVE);
        assertNull(ld.acquire(la, a, Mode.EXCLUSIVE)); // M -> A
        int saved = ld.waitRelease(monitor);
        assertEquals(1, saved);
        Finding f = ld.waitReacquire(monitor, m, saved); // A -> M
        assertNotNull(f, "re-acquiring M under A inverts M -> A");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertEquals("M", f.acquiringClass());
        assertEquals(Mode.EXCLUSIVE, f.acquiringMode());
        assertTrue(CircularTest.isRotation(f.lockClasses(), "A", "M"), f.lockClasses());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "M"));
        assertTrue(ld.isHeld(monitor));
        assertEquals(2, ld.depth());
        ld.release(monitor);
        ld.release(la);
        assertEquals(0, ld.depth());
    }

    @Test
    void reacquireAfterWaitAddsEdgesFromLocksStillHeld() {
        // synchronized (A) { synchronized (M) { M.wait(); } }: A -> M again, consistent, no finding.
        Lockdep ld = new Lockdep();
        LockClass m = ld.lockClass("M");
        LockClass a = ld.lockClass("A");
        Object monitor = new Object();
        Object la = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(monitor, m, Mode.EXCLUSIVE);
        int saved = ld.waitRelease(monitor);
        assertNull(ld.waitReacquire(monitor, m, saved));
        ld.release(monitor);
        ld.release(la);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "M"));
        assertEquals(0, edgeTypes(ld, "M", "A"));
    }

    @Test
    void waitReleaseKeepsReadHolds() {
        // Write lock downgraded (W then r): a wait gives up the write hold only; the entry stays, shared.
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object sync = new Object();
        ld.acquire(sync, rw, Mode.EXCLUSIVE);
        ld.acquire(sync, rw, Mode.SHARED);
        assertEquals(1, ld.waitRelease(sync));
        assertTrue(ld.isHeld(sync));
        assertEquals(1, ld.depth());
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode());
        // Re-acquiring the write side while the read side is still held follows 1.1: an upgrade.
        Finding f = ld.waitReacquire(sync, rw, 1);
        assertNotNull(f);
        assertEquals(FindingKind.RW_UPGRADE, f.kind());
        assertEquals(1, ld.depth());
    }

    @Test
    void conditionAwaitOfAReadWriteLockWriteSide() {
        // Condition.await on a reentrantly held write lock: every write hold is given up and restored.
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object sync = new Object();
        ld.acquire(sync, rw, Mode.EXCLUSIVE);
        ld.acquire(sync, rw, Mode.EXCLUSIVE);
        int saved = ld.waitRelease(sync);
        assertEquals(2, saved);
        assertFalse(ld.isHeld(sync));
        ld.waitReacquire(sync, rw, saved);
        assertEquals(Mode.EXCLUSIVE, ld.heldLocks().get(0).mode());
        assertTrue(ld.release(sync, Mode.EXCLUSIVE));
        assertTrue(ld.release(sync, Mode.EXCLUSIVE));
        assertFalse(ld.isHeld(sync));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }
}
