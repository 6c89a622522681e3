package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Trylock: held and a source of edges, never the target of one, never a same-class check. */
class TrylockTest {

    @Test
    void tryAcquiredLockIsHeldAndMarked() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        Object lock = new Object();
        ld.tryAcquired(lock, a, Mode.EXCLUSIVE);
        assertTrue(ld.isHeld(lock));
        assertTrue(ld.isHeld(a));
        assertEquals(1, ld.depth());
        HeldLock h = ld.heldLocks().get(0);
        assertEquals("A", h.className());
        assertTrue(h.trylock());
        assertEquals(Mode.EXCLUSIVE, h.mode());
        assertTrue(ld.release(lock));
        assertFalse(ld.isHeld(lock));
        assertTrue(ld.findings().isEmpty());
    }

    @Test
    void noEdgePointsToATrylockedAcquisition() {
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        LockClass a = ld.lockClass("A");
        Object lx = new Object();
        Object la = new Object();
        ld.acquire(lx, x, Mode.EXCLUSIVE);
        ld.tryAcquired(la, a, Mode.EXCLUSIVE);
        ld.release(la);
        ld.release(lx);
        assertEquals(0, edgeTypes(ld, "X", "A"), "no X -> A edge: " + ld.snapshot().edges());
        assertTrue(ld.snapshot().edges().isEmpty());
    }

    @Test
    void trylockedLockOrdersLaterAcquisitions() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld.tryAcquired(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.release(lb);
        ld.release(la);
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"), "a held trylocked lock is an edge source");
    }

    @Test
    void trylockedSharedEntryGivesSharedEdges() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld.tryAcquired(la, a, Mode.SHARED);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.release(lb);
        ld.release(la);
        assertEquals(EdgeType.SN.bit(), edgeTypes(ld, "A", "B"));
    }

    @Test
    void reverseOrderByTrylockIsNoInversion() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        onThread("t1", () -> nest(ld, a, b));
        onThread("t2", () -> {
            Object lb = new Object();
            Object la = new Object();
            ld.acquire(lb, b, Mode.EXCLUSIVE);
            ld.tryAcquired(la, a, Mode.EXCLUSIVE); // B then tryLock(A): cannot block, cannot deadlock
            ld.release(la);
            ld.release(lb);
        });
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertEquals(0, edgeTypes(ld, "B", "A"));
    }

    @Test
    void trylockedHolderBlockingOnTheOtherLockIsAnInversion() throws Exception {
        // tryLock(B) succeeded, then a blocking lock(A) while A -> B exists: a real deadlock.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        onThread("t1", () -> nest(ld, a, b));
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t2", () -> {
            Object lb = new Object();
            Object la = new Object();
            ld.tryAcquired(lb, b, Mode.EXCLUSIVE);
            f.set(ld.acquire(la, a, Mode.EXCLUSIVE));
            ld.release(la);
            ld.release(lb);
        });
        assertEquals(FindingKind.CIRCULAR, f.get() == null ? null : f.get().kind());
    }

    @Test
    void trylockSkipsTheSameClassCheck() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.STRICT).build());
        LockClass a = ld.lockClass("A");
        Object a1 = new Object();
        Object a2 = new Object();
        ld.acquire(a1, a, Mode.EXCLUSIVE);
        ld.tryAcquired(a2, a, Mode.EXCLUSIVE);
        assertEquals(2, ld.depth());
        ld.release(a2);
        ld.release(a1);
        assertTrue(ld.findings().isEmpty(), "a trylock cannot self-deadlock: " + ld.findings());
    }

    @Test
    void trylockOfANonReentrantHeldLockIsNotAFinding() {
        Lockdep ld = new Lockdep();
        LockClass p = ld.pseudoClass("P");
        Object lock = new Object();
        ld.acquire(lock, p, Mode.EXCLUSIVE);
        ld.tryAcquired(lock, p, Mode.EXCLUSIVE);
        assertTrue(ld.findings().isEmpty(), "trylock reentrancy never reports: " + ld.findings());
    }

    @Test
    void chainKeyIncludesTheTrylockFlag() {
        // (A, try B) validated first adds no A -> B; (A, B) blocking must then add it.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.tryAcquired(lb, b, Mode.EXCLUSIVE);
        ld.release(lb);
        ld.release(la);
        assertEquals(0, edgeTypes(ld, "A", "B"));
        ld.acquire(la, a, Mode.EXCLUSIVE);
        assertNull(ld.acquire(lb, b, Mode.EXCLUSIVE));
        ld.release(lb);
        ld.release(la);
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"));
    }
}
