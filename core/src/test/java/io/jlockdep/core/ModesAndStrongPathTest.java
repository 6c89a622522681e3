package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Modes, the four edge types, and cycles along strong paths only. */
class ModesAndStrongPathTest {

    /** Holds a fresh instance of p in mode pm, acquires one of n in mode nm, releases both. */
    static Finding pair(Lockdep ld, LockClass p, Mode pm, LockClass n, Mode nm) {
        Object lp = new Object();
        Object ln = new Object();
        ld.acquire(lp, p, pm);
        Finding f = ld.acquire(ln, n, nm);
        ld.release(ln);
        ld.release(lp);
        return f;
    }

    @Test
    void modeSymbols() {
        assertEquals('W', Mode.EXCLUSIVE.symbol());
        assertEquals('r', Mode.SHARED.symbol());
        assertEquals('R', Mode.SHARED_RECURSIVE.symbol());
        assertEquals(Mode.SHARED, Mode.ofSymbol('r'));
        assertEquals(Mode.SHARED_RECURSIVE, Mode.ofSymbol('R'));
        assertEquals(Mode.EXCLUSIVE, Mode.ofSymbol('W'));
        assertThrows(IllegalArgumentException.class, () -> Mode.ofSymbol('w'));
        assertFalse(Mode.EXCLUSIVE.isShared());
        assertTrue(Mode.SHARED.isShared());
        assertTrue(Mode.SHARED_RECURSIVE.isShared());
    }

    @Test
    void edgeTypeOfFollowsHeldTimesAcquired() {
        assertEquals(EdgeType.ER, EdgeType.of(Mode.EXCLUSIVE, Mode.SHARED_RECURSIVE));
        assertEquals(EdgeType.EN, EdgeType.of(Mode.EXCLUSIVE, Mode.EXCLUSIVE));
        assertEquals(EdgeType.EN, EdgeType.of(Mode.EXCLUSIVE, Mode.SHARED));
        assertEquals(EdgeType.SR, EdgeType.of(Mode.SHARED, Mode.SHARED_RECURSIVE));
        assertEquals(EdgeType.SR, EdgeType.of(Mode.SHARED_RECURSIVE, Mode.SHARED_RECURSIVE));
        assertEquals(EdgeType.SN, EdgeType.of(Mode.SHARED, Mode.EXCLUSIVE));
        assertEquals(EdgeType.SN, EdgeType.of(Mode.SHARED_RECURSIVE, Mode.SHARED));
        assertEquals(1, EdgeType.SR.bit());
        assertEquals(2, EdgeType.ER.bit());
        assertEquals(4, EdgeType.SN.bit());
        assertEquals(8, EdgeType.EN.bit());
        assertEquals("SR,EN", EdgeType.names(EdgeType.EN.bit() | EdgeType.SR.bit()));
        assertEquals("SR,ER,SN,EN", EdgeType.names(15));
        assertTrue(EdgeType.ER.endsRecursive() && EdgeType.SR.endsRecursive());
        assertFalse(EdgeType.EN.endsRecursive() || EdgeType.SN.endsRecursive());
        assertTrue(EdgeType.SR.startsShared() && EdgeType.SN.startsShared());
        assertFalse(EdgeType.ER.startsShared() || EdgeType.EN.startsShared());
    }

    @Test
    void theFourEdgeTypesAreRecorded() {
        Lockdep ld = new Lockdep();
        pair(ld, ld.lockClass("P1"), Mode.EXCLUSIVE, ld.lockClass("N1"), Mode.SHARED_RECURSIVE);
        pair(ld, ld.lockClass("P2"), Mode.EXCLUSIVE, ld.lockClass("N2"), Mode.EXCLUSIVE);
        pair(ld, ld.lockClass("P3"), Mode.EXCLUSIVE, ld.lockClass("N3"), Mode.SHARED);
        pair(ld, ld.lockClass("P4"), Mode.SHARED, ld.lockClass("N4"), Mode.SHARED_RECURSIVE);
        pair(ld, ld.lockClass("P5"), Mode.SHARED_RECURSIVE, ld.lockClass("N5"), Mode.SHARED);
        pair(ld, ld.lockClass("P6"), Mode.SHARED, ld.lockClass("N6"), Mode.EXCLUSIVE);
        assertEquals(EdgeType.ER.bit(), edgeTypes(ld, "P1", "N1"));
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "P2", "N2"));
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "P3", "N3"));
        assertEquals(EdgeType.SR.bit(), edgeTypes(ld, "P4", "N4"));
        assertEquals(EdgeType.SN.bit(), edgeTypes(ld, "P5", "N5"));
        assertEquals(EdgeType.SN.bit(), edgeTypes(ld, "P6", "N6"));
        assertEquals(6, ld.snapshot().edges().size());
        assertTrue(ld.findings().isEmpty());
    }

    @Test
    void oneEdgeAccumulatesSeveralTypes() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        pair(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
        pair(ld, a, Mode.SHARED, b, Mode.SHARED_RECURSIVE);
        assertEquals(EdgeType.EN.bit() | EdgeType.SR.bit(), edgeTypes(ld, "A", "B"));
        assertEquals(1, ld.snapshot().edges().size(), "one edge, two types");
        assertEquals(1, ld.statistics().edges());
    }

    @Test
    void chainKeyIncludesTheMode() {
        // (A:W, B:W) is validated first; (A:r, B:W) is a different chain and must add the SN type.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        pair(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
        pair(ld, a, Mode.SHARED, b, Mode.EXCLUSIVE);
        assertEquals(EdgeType.EN.bit() | EdgeType.SN.bit(), edgeTypes(ld, "A", "B"));
    }

    @Test
    void downgradedEntryGivesSharedEdgesAfterwards() {
        // After a W -> r downgrade the entry's effective mode is r: later edges from it are S*.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        pair(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE); // caches the chain (A:W, B:W)
        Object la = new Object();
        Object lb = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(la, a, Mode.SHARED);
        ld.release(la, Mode.EXCLUSIVE);
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode());
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.release(lb);
        ld.release(la);
        assertEquals(0, ld.depth());
        assertEquals(EdgeType.EN.bit() | EdgeType.SN.bit(), edgeTypes(ld, "A", "B"),
                "A held r while B is taken is an SN dependency");
    }

    @Test
    void recursiveReadReadIsNotAnInversion() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.SHARED_RECURSIVE, b, Mode.SHARED_RECURSIVE));
        onThread("t2", () -> f.set(pair(ld, b, Mode.SHARED_RECURSIVE, a, Mode.SHARED_RECURSIVE)));
        assertNull(f.get());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertEquals(EdgeType.SR.bit(), edgeTypes(ld, "A", "B"));
        assertEquals(EdgeType.SR.bit(), edgeTypes(ld, "B", "A"), "the edges are recorded, just not a deadlock");
    }

    @Test
    void nonRecursiveReadReadIsAnInversion() throws Exception {
        // r readers queue behind a waiting writer, so r/r in opposite orders can deadlock.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.SHARED, b, Mode.SHARED));
        onThread("t2", () -> f.set(pair(ld, b, Mode.SHARED, a, Mode.SHARED)));
        assertNotNull(f.get());
        assertEquals(FindingKind.CIRCULAR, f.get().kind());
    }

    @Test
    void readerThatCanBlockBehindAWriterIsAnInversion() throws Exception {
        // A(r) -> B then B -> A(W): SN then EN is a strong cycle.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.SHARED, b, Mode.EXCLUSIVE));
        onThread("t2", () -> f.set(pair(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE)));
        assertNotNull(f.get());
        assertEquals(FindingKind.CIRCULAR, f.get().kind());
        assertEquals(EdgeType.EN, f.get().edges().get(0).type(), "closing edge B -> A");
        assertEquals(EdgeType.SN, f.get().edges().get(1).type(), "A(r) -> B");
    }

    @Test
    void readerAcquiringShareAfterWriterHolderIsAnInversionWhenNonRecursive() throws Exception {
        // A(r) -> B(W) (SN), B(W) -> A(r) (EN): a queued writer on A makes T2's r block: strong.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.SHARED, b, Mode.EXCLUSIVE));
        onThread("t2", () -> f.set(pair(ld, b, Mode.EXCLUSIVE, a, Mode.SHARED)));
        assertNotNull(f.get());
    }

    @Test
    void recursiveReaderClosingTheCycleIsNotAnInversion() throws Exception {
        // A(R) -> B(W) (SN) and B(W) -> A(R) (ER): the wrap-around junction ER -> SN is not strong.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.SHARED_RECURSIVE, b, Mode.EXCLUSIVE));
        onThread("t2", () -> f.set(pair(ld, b, Mode.EXCLUSIVE, a, Mode.SHARED_RECURSIVE)));
        assertNull(f.get());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void closingSharedEdgeAfterARecursiveEdgeIsNotAnInversion() throws Exception {
        // A(W) -> B(R) (ER), then B(R) -> A(W) (SN): the junction ER -> SN where the closing edge meets
        // the existing path is not strong. T1 waits for B only if a writer holds it; T2 holds B as a reader.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.EXCLUSIVE, b, Mode.SHARED_RECURSIVE));
        onThread("t2", () -> f.set(pair(ld, b, Mode.SHARED_RECURSIVE, a, Mode.EXCLUSIVE)));
        assertEquals(EdgeType.ER.bit(), edgeTypes(ld, "A", "B"));
        assertEquals(EdgeType.SN.bit(), edgeTypes(ld, "B", "A"));
        assertNull(f.get());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());

        // The same shape with B taken r by the first thread (EN) is a deadlock.
        Lockdep ld2 = new Lockdep();
        LockClass a2 = ld2.lockClass("A");
        LockClass b2 = ld2.lockClass("B");
        AtomicReference<Finding> f2 = new AtomicReference<>();
        onThread("t1", () -> pair(ld2, a2, Mode.EXCLUSIVE, b2, Mode.SHARED));
        onThread("t2", () -> f2.set(pair(ld2, b2, Mode.SHARED_RECURSIVE, a2, Mode.EXCLUSIVE)));
        assertNotNull(f2.get());
    }

    @Test
    void pathErThenSnIsNotStrong() throws Exception {
        // X -(ER)-> Y -(SN)-> Z -(EN)-> X: the junction ER -> SN breaks the only cycle.
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        LockClass y = ld.lockClass("Y");
        LockClass z = ld.lockClass("Z");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, x, Mode.EXCLUSIVE, y, Mode.SHARED_RECURSIVE));
        onThread("t2", () -> pair(ld, y, Mode.SHARED_RECURSIVE, z, Mode.EXCLUSIVE));
        onThread("t3", () -> f.set(pair(ld, z, Mode.EXCLUSIVE, x, Mode.EXCLUSIVE)));
        assertEquals(EdgeType.ER.bit(), edgeTypes(ld, "X", "Y"));
        assertEquals(EdgeType.SN.bit(), edgeTypes(ld, "Y", "Z"));
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "Z", "X"));
        assertNull(f.get());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void pathEnThenSnIsStrong() throws Exception {
        // X -(EN)-> Y -(SN)-> Z -(EN)-> X: every junction is allowed.
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        LockClass y = ld.lockClass("Y");
        LockClass z = ld.lockClass("Z");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, x, Mode.EXCLUSIVE, y, Mode.SHARED));
        onThread("t2", () -> pair(ld, y, Mode.SHARED, z, Mode.EXCLUSIVE));
        onThread("t3", () -> f.set(pair(ld, z, Mode.EXCLUSIVE, x, Mode.EXCLUSIVE)));
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "X", "Y"));
        assertEquals(EdgeType.SN.bit(), edgeTypes(ld, "Y", "Z"));
        assertNotNull(f.get());
        assertEquals(FindingKind.CIRCULAR, f.get().kind());
        assertEquals(3, f.get().length());
    }

    @Test
    void strongPathThroughAClassFirstReachedByARecursiveEdgeIsFound() throws Exception {
        // A -(ER)-> X and A -(EN)-> Y -(EN)-> X -(SN)-> D -(EN)-> A. X is reachable from A in one step
        // by ER (after which SN may not follow) and in two steps by EN (after which it may): a search that
        // marks classes instead of (class, arrived-by-*R) states misses the strong cycle A,Y,X,D.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass x = ld.lockClass("X");
        LockClass y = ld.lockClass("Y");
        LockClass d = ld.lockClass("D");
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t1", () -> pair(ld, a, Mode.EXCLUSIVE, x, Mode.SHARED_RECURSIVE));
        onThread("t2", () -> pair(ld, a, Mode.EXCLUSIVE, y, Mode.EXCLUSIVE));
        onThread("t3", () -> pair(ld, y, Mode.EXCLUSIVE, x, Mode.EXCLUSIVE));
        onThread("t4", () -> pair(ld, x, Mode.SHARED, d, Mode.EXCLUSIVE));
        assertTrue(ld.findings().isEmpty(), "no cycle yet: " + ld.findings());
        onThread("t5", () -> f.set(pair(ld, d, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE)));
        assertNotNull(f.get(), "A -> Y -> X -> D -> A is a strong cycle");
        assertEquals(4, f.get().length(), f.get().lockClasses());
        assertTrue(CircularTest.isRotation(f.get().lockClasses(), "A", "Y", "X", "D"), f.get().lockClasses());
    }
}
