package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Releases: hand-over-hand unlocking, chain-key rewriting, and unbalanced unlocks. */
class ReleaseTest {

    @Test
    void handOverHandReleaseFromTheMiddleOfTheStack() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        assertTrue(ld.release(la), "releasing the lower entry is fine");
        assertEquals(1, ld.depth());
        assertEquals("B", ld.heldLocks().get(0).className());
        assertFalse(ld.isHeld(la));
        ld.acquire(lc, c, Mode.EXCLUSIVE);
        assertEquals(2, ld.depth());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"));
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "B", "C"));
        assertEquals(0, edgeTypes(ld, "A", "C"), "A was no longer held when C was taken");
        ld.release(lb);
        ld.release(lc);
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void handOverHandRewritesChainKeys() {
        // The chain (B, C) is validated first. After A, B, release A, the stack is (B): taking C must
        // find the known chain (B, C) rather than record a new chain keyed by the stale (A, B, C).
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.acquire(lc, c, Mode.EXCLUSIVE);
        ld.release(lc);
        ld.release(lb);

        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.release(la);
        int chainsBefore = ld.statistics().chains();
        long missesBefore = ld.statistics().chainMisses();
        ld.acquire(lc, c, Mode.EXCLUSIVE);
        assertEquals(chainsBefore, ld.statistics().chains(), "(B, C) was known: no new chain");
        assertEquals(missesBefore, ld.statistics().chainMisses(), "(B, C) was known: no slow path");
        ld.release(lc);
        ld.release(lb);
        assertEquals(0, edgeTypes(ld, "A", "C"));
    }

    @Test
    void laterAcquisitionAfterHandOverHandIsStillValidated() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.release(la);
        ld.acquire(lc, c, Mode.EXCLUSIVE);
        ld.release(lb); // hand over again: (C)
        Object la2 = new Object();
        Finding f = ld.acquire(la2, a, Mode.EXCLUSIVE); // C -> A closes A -> B -> C -> A
        assertNotNull(f);
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertTrue(CircularTest.isRotation(f.lockClasses(), "A", "B", "C"), f.lockClasses());
        assertEquals(0, edgeTypes(ld, "B", "A"), "B was released before A was taken");
        ld.release(la2);
        ld.release(lc);
        assertEquals(0, ld.depth());
    }

    @Test
    void releaseOfANotHeldLockIsUnbalancedNotAnException() {
        Lockdep ld = new Lockdep();
        Object lock = new Object();
        ld.setClass(lock, ld.lockClass("A"));
        assertFalse(ld.release(lock));
        assertEquals(1, count(ld, FindingKind.UNBALANCED));
        Finding f = ld.findings().get(0);
        assertEquals("unbalanced", f.kind().id());
        assertEquals(0, ld.depth());
    }

    @Test
    void unbalancedIsReportedOncePerClass() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object a1 = new Object();
        Object a2 = new Object();
        Object b1 = new Object();
        ld.setClass(a1, a);
        ld.setClass(a2, a);
        ld.setClass(b1, b);
        assertFalse(ld.release(a1));
        assertFalse(ld.release(a1));
        assertFalse(ld.release(a2));
        assertEquals(1, count(ld, FindingKind.UNBALANCED), "class A: once");
        assertFalse(ld.release(b1));
        assertEquals(2, count(ld, FindingKind.UNBALANCED), "class B: once more");
        assertEquals(4, ld.statistics().detections(FindingKind.UNBALANCED), "every event is counted");
    }

    @Test
    void releaseOfASideNotHeldIsUnbalanced() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        ld.acquire(lock, rw, Mode.EXCLUSIVE);
        assertFalse(ld.release(lock, Mode.SHARED), "no read hold to release");
        assertEquals(1, count(ld, FindingKind.UNBALANCED));
        assertTrue(ld.isHeld(lock), "the write hold is untouched");
        assertTrue(ld.release(lock, Mode.EXCLUSIVE));
        assertFalse(ld.isHeld(lock));
    }

    @Test
    void releaseOfALockHeldByAnotherThreadIsUnbalanced() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        Object lock = new Object();
        ld.setClass(lock, a);
        ld.acquire(lock, a, Mode.EXCLUSIVE);
        AtomicBoolean released = new AtomicBoolean(true);
        onThread("other", () -> released.set(ld.release(lock)));
        assertFalse(released.get(), "held-lock stacks are per thread");
        assertEquals(1, count(ld, FindingKind.UNBALANCED));
        assertTrue(ld.isHeld(lock), "the owner still holds it");
        assertTrue(ld.release(lock));
    }

    @Test
    void releaseDropsTheTopmostEntryOfTheInstance() {
        // A non-reentrant map taken r then R has two entries; each release drops the topmost.
        Lockdep ld = new Lockdep();
        LockClass p = ld.pseudoClass("P");
        LockClass x = ld.lockClass("X");
        Object map = new Object();
        Object lx = new Object();
        ld.acquire(map, p, Mode.SHARED);
        ld.acquire(lx, x, Mode.EXCLUSIVE);
        ld.acquire(map, p, Mode.SHARED_RECURSIVE);
        assertEquals(3, ld.depth());
        assertTrue(ld.release(map));
        assertEquals(2, ld.depth());
        assertEquals("X", ld.heldLocks().get(1).className(), "the top entry of the instance went");
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode());
        assertTrue(ld.release(map));
        assertEquals(1, ld.depth());
        ld.release(lx);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void isHeldByClassAndHeldLocksSnapshot() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.SHARED);
        assertTrue(ld.isHeld(a));
        assertTrue(ld.isHeld(b));
        assertEquals(2, ld.heldLocks().size());
        assertEquals("A", ld.heldLocks().get(0).className(), "bottom first");
        assertEquals("B", ld.heldLocks().get(1).className());
        assertEquals(Mode.SHARED, ld.heldLocks().get(1).mode());
        assertFalse(ld.heldLocks().get(1).trylock());
        assertEquals(1, ld.heldLocks().get(1).holds());
        ld.release(lb);
        assertFalse(ld.isHeld(b));
        ld.release(la);
        assertFalse(ld.isHeld(a));
        assertTrue(ld.heldLocks().isEmpty());
    }
}
