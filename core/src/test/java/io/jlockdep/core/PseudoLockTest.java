package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Pseudo-locks (lockdep maps): acquire/release in W, r, R, probes, and the held assertions. */
class PseudoLockTest {

    @Test
    void pseudoLockHasANonReentrantClassOfItsName() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("dma_fence_map");
        assertEquals("dma_fence_map", map.name());
        assertEquals("dma_fence_map", map.lockClass().name());
        assertFalse(map.lockClass().isReentrant());
        assertTrue(ld.snapshot().classes().contains("dma_fence_map"));
    }

    @Test
    void acquireAndReleaseInEachMode() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        for (Mode m : Mode.values()) {
            assertFalse(map.isHeld());
            assertNull(map.acquire(m));
            assertTrue(map.isHeld(), m.name());
            assertTrue(map.isHeld(m), m.name());
            assertTrue(ld.isHeld(map.lockClass()));
            assertEquals(1, ld.depth());
            assertEquals(m, ld.heldLocks().get(0).mode());
            map.release();
            assertFalse(map.isHeld());
            assertEquals(0, ld.depth());
        }
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void isHeldWithModeDistinguishesReadFromWrite() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.SHARED);
        assertTrue(map.isHeld(Mode.SHARED));
        assertFalse(map.isHeld(Mode.EXCLUSIVE));
        map.release();
        map.acquire(Mode.EXCLUSIVE);
        assertTrue(map.isHeld(Mode.EXCLUSIVE));
        assertFalse(map.isHeld(Mode.SHARED));
        map.release();
    }

    @Test
    void probeRecordsEdgesWithoutHolding() {
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        PseudoLock map = ld.pseudoLock("fs_reclaim");
        Object lx = new Object();
        ld.acquire(lx, x, Mode.EXCLUSIVE);
        assertNull(map.probe(Mode.EXCLUSIVE));
        assertFalse(map.isHeld(), "a probe holds nothing");
        assertEquals(1, ld.depth());
        ld.release(lx);
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "X", "fs_reclaim"));
        assertTrue(ld.findings().isEmpty());
    }

    @Test
    void probeFindsTheCycleOnEveryPathEvenIfTheRealAcquisitionIsConditional() throws Exception {
        // One path holds the map and takes X; another path holding X *might* take the map.
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        PseudoLock map = ld.pseudoLock("fs_reclaim");
        onThread("reclaimer", () -> {
            Object lx = new Object();
            map.acquire(Mode.EXCLUSIVE);
            ld.acquire(lx, x, Mode.EXCLUSIVE);
            ld.release(lx);
            map.release();
        });
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("allocator", () -> {
            Object lx = new Object();
            ld.acquire(lx, x, Mode.EXCLUSIVE);
            f.set(map.probe(Mode.EXCLUSIVE));
            ld.release(lx);
        });
        assertNotNull(f.get());
        assertEquals(FindingKind.CIRCULAR, f.get().kind());
        assertEquals("fs_reclaim", f.get().acquiringClass());
    }

    @Test
    void recursiveReadAfterReadOnTheSameMapIsAllowed() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        assertNull(map.acquire(Mode.SHARED));
        assertNull(map.acquire(Mode.SHARED_RECURSIVE));
        assertEquals(2, ld.depth(), "a non-reentrant map pushes a new entry");
        map.release();
        assertTrue(map.isHeld());
        map.release();
        assertFalse(map.isHeld());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void readAfterReadOnTheSameMapIsRecursive() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.SHARED);
        Finding f = map.acquire(Mode.SHARED);
        assertNotNull(f, "r after r can deadlock behind a waiting writer");
        assertEquals(FindingKind.RECURSIVE, f.kind());
        assertEquals(2, ld.depth(), "the acquisition goes on, as lockdep does");
        map.release();
        map.release();
        assertEquals(0, ld.depth());
    }

    @Test
    void writeAfterWriteOnTheSameMapIsRecursive() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.EXCLUSIVE);
        Finding f = map.acquire(Mode.EXCLUSIVE);
        assertNotNull(f);
        assertEquals(FindingKind.RECURSIVE, f.kind());
        assertEquals("recursive", f.kind().id());
    }

    @Test
    void recursiveReadAfterWriteOnTheSameMapIsRecursive() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.EXCLUSIVE);
        Finding f = map.acquire(Mode.SHARED_RECURSIVE);
        assertNotNull(f);
        assertEquals(FindingKind.RECURSIVE, f.kind());
    }

    @Test
    void probeOfAHeldMap() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.SHARED);
        assertNull(map.probe(Mode.SHARED_RECURSIVE), "R after a shared hold is fine");
        Finding f = map.probe(Mode.EXCLUSIVE);
        assertNotNull(f, "a W probe of a map held r is a self-deadlock");
        assertEquals(FindingKind.RECURSIVE, f.kind(), "non-reentrant: recursive, not rw-upgrade");
        assertEquals(1, ld.depth(), "probes push nothing");
        map.release();
        assertEquals(0, ld.depth());
    }

    @Test
    void probeOfAHeldReentrantLockCompatiblyDoesNothing() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        assertNull(ld.probe(la, a, Mode.EXCLUSIVE), "the thread already holds it: no edge B -> A");
        assertEquals(2, ld.depth());
        ld.release(lb);
        ld.release(la);
        assertEquals(0, edgeTypes(ld, "B", "A"));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void writeProbeOfAReentrantLockHeldSharedIsRwUpgrade() {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        Object lock = new Object();
        ld.acquire(lock, rw, Mode.SHARED);
        Finding f = ld.probe(lock, rw, Mode.EXCLUSIVE);
        assertNotNull(f);
        assertEquals(FindingKind.RW_UPGRADE, f.kind());
        assertEquals(Mode.SHARED, ld.heldLocks().get(0).mode(), "a probe changes no hold");
        assertTrue(ld.release(lock));
        assertFalse(ld.isHeld(lock));
    }

    @Test
    void tryAcquireHoldsTheMapAsATrylock() {
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        PseudoLock map = ld.pseudoLock("map");
        Object lx = new Object();
        ld.acquire(lx, x, Mode.EXCLUSIVE);
        map.tryAcquire(Mode.EXCLUSIVE);
        assertTrue(map.isHeld());
        assertTrue(ld.heldLocks().get(1).trylock());
        map.release();
        ld.release(lx);
        assertEquals(0, edgeTypes(ld, "X", "map"));
    }

    @Test
    void assertHeldThrowsAOneLineMessageWhenNotHeld() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        IllegalStateException e = assertThrows(IllegalStateException.class, map::assertHeld);
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isEmpty());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().contains("map"), "names the map: " + e.getMessage());
        map.acquire(Mode.SHARED_RECURSIVE);
        assertDoesNotThrow(map::assertHeld);
        map.release();
        assertThrows(IllegalStateException.class, map::assertHeld);
    }

    @Test
    void assertHeldIsPerThread() throws Exception {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.EXCLUSIVE);
        AtomicReference<Throwable> other = new AtomicReference<>();
        onThread("other", () -> {
            assertFalse(map.isHeld());
            try {
                map.assertHeld();
            } catch (Throwable t) {
                other.set(t);
            }
            map.assertNotHeld();
        });
        assertTrue(other.get() instanceof IllegalStateException, "held by the caller, not by anyone: " + other.get());
        assertDoesNotThrow(map::assertHeld);
        map.release();
    }

    @Test
    void assertNotHeldThrowsWhenHeld() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        assertDoesNotThrow(map::assertNotHeld);
        map.acquire(Mode.EXCLUSIVE);
        IllegalStateException e = assertThrows(IllegalStateException.class, map::assertNotHeld);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        map.release();
        assertDoesNotThrow(map::assertNotHeld);
    }

    @Test
    void releaseOfANotHeldMapIsUnbalancedNotAnException() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        assertDoesNotThrow(map::release);
        assertEquals(1, ld.findings().size());
        assertEquals(FindingKind.UNBALANCED, ld.findings().get(0).kind());
    }
}
