package io.jlockdep.fence;

import static io.jlockdep.fence.FenceTests.onThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jlockdep.core.EdgeType;
import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingKind;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;

/**
 * The lockdep mapping driven against the engine, without the agent: each test calls the
 * {@link FenceLockdep} methods in the order the fence core calls its lockdep points, and the engine's
 * acquire/release for ordinary locks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
// try-with-resources scopes are the idiom under test; their variables need no reference.
@SuppressWarnings("try")
class FenceLockdepTest {
    private static final String RESV = FenceLockdep.RESERVATION_WW_CLASS;

    private Lockdep ld;
    private FenceLockdep fl;
    private LockClass classA;
    private Object lockA;

    @BeforeEach
    void setUp() {
        ld = new Lockdep();
        fl = new FenceLockdep(ld);
        classA = ld.lockClass("A");
        lockA = new Object();
    }

    private void lockA() {
        ld.acquire(lockA, classA, Mode.EXCLUSIVE);
    }

    private void unlockA() {
        ld.release(lockA);
    }

    private static void assertCycleThrough(Finding f, String... classes) {
        assertNotNull(f, "expected a finding");
        assertEquals(FindingKind.CIRCULAR, f.kind(), f.render());
        for (String c : classes) {
            assertTrue(f.lockClasses().contains(c), c + " in " + f.lockClasses());
        }
    }

    private void assertClean() {
        assertTrue(ld.findings().isEmpty(), () -> ld.findings().get(0).render());
        assertEquals(0, fl.internalErrors());
    }

    // ------------------------------------------------------------------------------------------------
    // The seed's example: wait for a fence holding A; take A inside a signalling section

    @Test
    void lockHeldOverAFenceWaitAndTakenInASignallingSectionIsACycle() throws Exception {
        onThread("waiter", () -> {
            lockA();
            assertNull(fl.fenceWait());
            unlockA();
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("signaller", () -> {
            boolean cookie = fl.signallingBegin();
            assertFalse(cookie, "outermost section");
            found.set(ld.acquire(lockA, classA, Mode.EXCLUSIVE));
            unlockA();
            fl.signallingEnd(cookie);
        });
        assertCycleThrough(found.get(), FenceLockdep.SIGNALLING, "A");
        assertEquals(1, ld.findings().size());
    }

    @Test
    void theSameCycleIsFoundFromTheOtherEnd() throws Exception {
        onThread("signaller", () -> {
            boolean cookie = fl.signallingBegin();
            lockA();
            unlockA();
            fl.signallingEnd(cookie);
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("waiter", () -> {
            lockA();
            found.set(fl.fenceWait());
            unlockA();
        });
        assertCycleThrough(found.get(), FenceLockdep.SIGNALLING, "A");
    }

    @Test
    void fixedDropTheLockBeforeWaiting() throws Exception {
        fl.prime();
        onThread("waiter", () -> {
            lockA();
            unlockA();
            fl.fenceWait();
        });
        onThread("signaller", () -> {
            boolean cookie = fl.signallingBegin();
            lockA();
            unlockA();
            fl.signallingEnd(cookie);
        });
        assertClean();
    }

    // ------------------------------------------------------------------------------------------------
    // Reservations inside signalling sections, found through priming

    @Test
    void primingDeclaresTheContract() {
        assertTrue(fl.prime().isEmpty());
        Set<String> edges = new HashSet<>();
        for (GraphSnapshot.Edge e : ld.snapshot().edges()) {
            edges.add(e.from() + " -> " + e.to() + " " + EdgeType.names(e.types()));
        }
        assertEquals(Set.of(RESV + "_acquire -> " + RESV + "_mutex EN", RESV + "_mutex -> reclaim EN",
                "reclaim -> invalidation EN", "invalidation -> fence-signalling EN"), edges);
        assertEquals(RESV + "_acquire -> " + RESV + "_mutex -> reclaim -> invalidation -> fence-signalling",
                FenceLockdep.CONTRACT);
        assertTrue(fl.prime().isEmpty(), "priming twice changes nothing");
        assertEquals(4, ld.snapshot().edges().size());
    }

    @Test
    void aReservationLockInASignallingSectionIsReportedOnFirstOccurrence() throws Exception {
        fl.prime();
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("commit-tail", () -> {
            boolean cookie = fl.signallingBegin();
            Object ctx = new Object();
            found.set(fl.acquireContextInit(ctx, RESV));
            Object resv = new Object();
            fl.wwLock(resv, RESV, ctx);
            fl.wwUnlock(resv);
            fl.acquireContextFini(ctx);
            fl.signallingEnd(cookie);
        });
        assertCycleThrough(found.get(), FenceLockdep.SIGNALLING, RESV + "_acquire");
        assertEquals(0, ld.depth());
    }

    @Test
    void aReservationLockWithoutAContextInASignallingSectionIsReported() throws Exception {
        fl.prime();
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("worker", () -> {
            boolean cookie = fl.signallingBegin();
            Object resv = new Object();
            found.set(fl.wwLock(resv, RESV, null));
            fl.wwUnlock(resv);
            fl.signallingEnd(cookie);
        });
        assertCycleThrough(found.get(), FenceLockdep.SIGNALLING, RESV + "_mutex", FenceLockdep.RECLAIM);
    }

    @Test
    void withoutPrimingASingleRunShowsNothing() throws Exception {
        onThread("worker", () -> {
            boolean cookie = fl.signallingBegin();
            Object resv = new Object();
            assertNull(fl.wwLock(resv, RESV, null));
            fl.wwUnlock(resv);
            assertNull(fl.mightReclaim());
            fl.signallingEnd(cookie);
        });
        assertClean();
    }

    @Test
    void fixedReserveBeforePublishingAndWaitUnderTheReservation() throws Exception {
        fl.prime();
        onThread("submit", () -> {
            Object ctx = new Object();
            fl.acquireContextInit(ctx, RESV);
            Object bo1 = new Object();
            Object bo2 = new Object();
            fl.wwLock(bo1, RESV, ctx);
            fl.wwLock(bo2, RESV, ctx);
            fl.mightReclaim();   // reserveFences: may allocate, under the reservation locks
            fl.fenceWait();      // waiting for the buffers' fences under their locks is allowed
            fl.wwUnlock(bo2);
            fl.wwUnlock(bo1);
            fl.acquireContextFini(ctx);
            // Published: from here on only the signalling path runs.
            boolean cookie = fl.signallingBegin();
            lockA();
            unlockA();
            fl.signallingEnd(cookie);
        });
        assertClean();
        assertEquals(0, ld.depth());
    }

    // ------------------------------------------------------------------------------------------------
    // Reclaim

    @Test
    void anAllocationThatMayReclaimInASignallingSectionIsReported() throws Exception {
        fl.prime();
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("scheduler", () -> {
            boolean cookie = fl.signallingBegin();
            found.set(fl.mightReclaim());
            fl.signallingEnd(cookie);
        });
        assertCycleThrough(found.get(), FenceLockdep.SIGNALLING, FenceLockdep.RECLAIM);
    }

    @Test
    void fixedPreallocateOrUseANoReclaimScope() throws Exception {
        fl.prime();
        onThread("scheduler", () -> {
            fl.mightReclaim(); // preallocated before the section
            boolean cookie = fl.signallingBegin();
            try (Scope atomic = Reclaim.noReclaim()) {
                // Inside a no-reclaim scope the fence core does not call the probe at all.
                assertFalse(Reclaim.isReclaimAllowed());
            }
            fl.signallingEnd(cookie);
        });
        assertClean();
    }

    @Test
    void aShrinkerTakingALockHeldAcrossAnAllocationIsReported() throws Exception {
        onThread("driver", () -> {
            lockA();
            fl.mightReclaim();
            unlockA();
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("kswapd", () -> {
            fl.reclaimEnter();
            found.set(ld.acquire(lockA, classA, Mode.EXCLUSIVE));
            unlockA();
            fl.reclaimExit();
        });
        assertCycleThrough(found.get(), FenceLockdep.RECLAIM, "A");
    }

    @Test
    void fixedTrylockInTheShrinker() throws Exception {
        fl.prime();
        onThread("driver", () -> {
            lockA();
            fl.mightReclaim();
            unlockA();
        });
        onThread("kswapd", () -> {
            fl.reclaimEnter();
            ld.tryAcquired(lockA, classA, Mode.EXCLUSIVE);
            unlockA();
            Object bo = new Object();
            fl.wwTryLocked(bo, RESV); // a shrinker trylocking a reservation is fine too
            fl.fenceWait();            // and may wait for fences
            fl.wwUnlock(bo);
            fl.reclaimExit();
        });
        assertClean();
    }

    // ------------------------------------------------------------------------------------------------
    // Invalidation

    @Test
    void aLockHeldAcrossAnInvalidationWaitAndTakenByACallbackIsReported() throws Exception {
        onThread("callback", () -> {
            fl.invalidationEnter();
            lockA();
            unlockA();
            fl.invalidationExit();
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("reader", () -> {
            lockA();
            found.set(fl.mightInvalidate());
            unlockA();
        });
        assertCycleThrough(found.get(), FenceLockdep.INVALIDATION, "A");
    }

    @Test
    void anInvalidationFromASignallingSectionIsReportedThroughPriming() throws Exception {
        fl.prime();
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("worker", () -> {
            boolean cookie = fl.signallingBegin();
            found.set(fl.invalidationEnter());
            fl.invalidationExit();
            fl.signallingEnd(cookie);
        });
        assertCycleThrough(found.get(), FenceLockdep.SIGNALLING, FenceLockdep.INVALIDATION);
    }

    // ------------------------------------------------------------------------------------------------
    // Sections

    @Test
    void aWaitInsideASectionIsNotSelfRecursion() throws Exception {
        fl.prime();
        onThread("worker", () -> {
            boolean cookie = fl.signallingBegin();
            assertNull(fl.fenceWait());
            assertTrue(fl.inSignallingSection(), "still in the section after the wait");
            fl.signallingEnd(cookie);
            assertFalse(fl.inSignallingSection());
        });
        assertClean();
    }

    @Test
    void sectionsNestWithCookies() throws Exception {
        fl.prime();
        onThread("worker", () -> {
            assertFalse(fl.inSignallingSection());
            boolean outer = fl.signallingBegin();
            boolean inner = fl.signallingBegin();
            assertNull(fl.signallingAcquire(), "nested: acquires nothing");
            boolean innermost = fl.signallingBegin();
            assertFalse(outer);
            assertTrue(inner);
            assertTrue(innermost);
            assertEquals(1, ld.depth(), "one hold for all the nested sections");
            assertNull(fl.fenceWait());
            fl.signallingEnd(innermost);
            fl.signallingEnd(inner);
            assertTrue(fl.inSignallingSection());
            fl.signallingEnd(outer);
            assertEquals(0, ld.depth());
        });
        assertClean();
    }

    @Test
    void signallingAcquireReturnsTheFinding() throws Exception {
        onThread("signaller", () -> {
            boolean cookie = fl.signallingBegin();
            lockA();
            unlockA();
            fl.signallingEnd(cookie);
        });
        onThread("worker", () -> {
            // A section begun under A, where another section takes A: inconsistent nesting.
            lockA();
            boolean cookie = fl.inSignallingSection();
            assertFalse(cookie);
            Finding f = fl.signallingAcquire();
            assertCycleThrough(f, FenceLockdep.SIGNALLING, "A");
            fl.signallingEnd(cookie);
            unlockA();
        });
    }

    @Test
    void signalOfAFenceIsASectionAroundTheFenceLock() throws Exception {
        // Fence.signal(): signallingBegin, fence lock, callbacks, unlock, signallingEnd.
        LockClass fenceLock = ld.lockClass("ReentrantLock@io.jlockdep.fence.Fence.<init>");
        Object lock = new Object();
        onThread("irq", () -> {
            boolean cookie = fl.signallingBegin();
            ld.acquire(lock, fenceLock, Mode.EXCLUSIVE);
            ld.release(lock);
            fl.signallingEnd(cookie);
        });
        onThread("waiter", () -> {
            fl.fenceWait();
            ld.acquire(lock, fenceLock, Mode.EXCLUSIVE);
            ld.release(lock);
        });
        assertClean();
    }

    // ------------------------------------------------------------------------------------------------
    // Acquire contexts

    @Test
    void twoContextsAtOnceAreRecursive() throws Exception {
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("worker", () -> {
            WwClass cls = WwClass.waitDie("buffers");
            WwAcquireContext first = new WwAcquireContext(cls);
            WwAcquireContext second = new WwAcquireContext(cls);
            assertNull(fl.acquireContextInit(first, cls.name()));
            found.set(fl.acquireContextInit(second, cls.name()));
            fl.acquireContextFini(second);
            fl.acquireContextFini(first);
            assertEquals(0, ld.depth());
            second.close();
            first.close();
        });
        assertNotNull(found.get());
        assertEquals(FindingKind.RECURSIVE, found.get().kind());
        assertTrue(found.get().lockClasses().contains("buffers_acquire"), found.get().lockClasses());
    }

    @Test
    void manyMutexesUnderOneContextAreNoFindingInAnyOrder() throws Exception {
        Object[] bo = {new Object(), new Object(), new Object(), new Object()};
        onThread("submit-1", () -> {
            Object ctx = new Object();
            assertNull(fl.acquireContextInit(ctx, RESV));
            for (Object b : bo) {
                assertNull(fl.wwLock(b, RESV, ctx));
            }
            assertEquals(2, ld.depth(), "the context and one merged entry for its mutexes");
            fl.wwUnlock(bo[1]);
            fl.wwUnlock(bo[3]);
            fl.wwUnlock(bo[0]);
            fl.wwUnlock(bo[2]);
            fl.acquireContextFini(ctx);
            assertEquals(0, ld.depth());
        });
        onThread("submit-2", () -> {
            Object ctx = new Object();
            fl.acquireContextInit(ctx, RESV);
            for (int i = bo.length - 1; i >= 0; i--) {
                assertNull(fl.wwLock(bo[i], RESV, ctx));
            }
            for (Object b : bo) {
                fl.wwUnlock(b);
            }
            fl.acquireContextFini(ctx);
        });
        assertClean();
    }

    @Test
    void withoutAContextOppositeOrdersAreAnInversion() throws Exception {
        Object bo1 = new Object();
        Object bo2 = new Object();
        onThread("one", () -> {
            fl.wwLock(bo1, RESV, null);
            fl.wwLock(bo2, RESV, null);
            fl.wwUnlock(bo2);
            fl.wwUnlock(bo1);
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("two", () -> {
            fl.wwLock(bo2, RESV, null);
            found.set(fl.wwLock(bo1, RESV, null));
            fl.wwUnlock(bo1);
            fl.wwUnlock(bo2);
        });
        assertNotNull(found.get());
        assertEquals(FindingKind.INSTANCE_INVERSION, found.get().kind());
    }

    @Test
    void aBackedOffLockIsReleasedAndTheSlowPathIsAnOrdinaryLock() throws Exception {
        onThread("worker", () -> {
            WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS);
            Object a = new Object();
            Object b = new Object();
            fl.acquireContextInit(ctx, RESV);
            fl.wwLock(a, RESV, ctx);
            fl.wwLock(b, RESV, ctx);
            fl.wwLockFailed(b);  // would deadlock
            fl.wwUnlock(a);      // back off
            fl.wwLock(b, RESV, ctx); // lockSlow
            fl.wwLock(a, RESV, ctx);
            fl.wwUnlock(a);
            fl.wwUnlock(b);
            fl.acquireContextFini(ctx);
            assertEquals(0, ld.depth());
            ctx.close();
        });
        assertClean();
    }

    @Test
    void aMutexOfAnotherClassThanTheContextIsNotNested() throws Exception {
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("worker", () -> {
            Object ctx = new Object();
            fl.acquireContextInit(ctx, "one");
            Object m = new Object();
            found.set(fl.wwLock(m, "two", ctx));
            fl.wwUnlock(m);
            fl.acquireContextFini(ctx);
        });
        assertNotNull(found.get());
        assertEquals(FindingKind.NEST_LOCK_NOT_HELD, found.get().kind());
    }

    @Test
    void aTrylockedMutexIsNeverTheTargetOfAnEdge() throws Exception {
        onThread("worker", () -> {
            lockA();
            Object bo = new Object();
            fl.wwTryLocked(bo, RESV);
            fl.wwUnlock(bo);
            unlockA();
        });
        for (GraphSnapshot.Edge e : ld.snapshot().edges()) {
            assertFalse(e.to().equals(RESV + "_mutex"), e.from() + " -> " + e.to());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Robustness

    @Test
    void theMappingNeverThrows() throws Exception {
        onThread("worker", () -> {
            assertNull(fl.wwLock(null, null, null));
            fl.wwTryLocked(null, "");
            fl.wwLockFailed(null);
            fl.wwUnlock(new Object()); // not held: an unbalanced finding, no exception
            fl.acquireContextFini(null);
            fl.acquireContextFini(new Object());
            assertNull(fl.acquireContextInit(null, null));
            fl.signallingEnd(false); // not in a section
            fl.reclaimExit();
            fl.invalidationExit();
        });
        assertEquals(0, fl.internalErrors());
        assertEquals("ww_class_acquire", FenceLockdep.acquireClassName(null));
        assertEquals("x_mutex", FenceLockdep.mutexClassName("x"));
        for (Finding f : ld.findings()) {
            assertEquals(FindingKind.UNBALANCED, f.kind(), f.render());
        }
    }

    @Test
    void pseudoLockClassesAreNotReentrant() {
        for (String name : List.of(FenceLockdep.SIGNALLING, FenceLockdep.RECLAIM, FenceLockdep.INVALIDATION,
                RESV + "_acquire", RESV + "_mutex")) {
            assertFalse(ld.pseudoClass(name).isReentrant(), name);
        }
        fl.prime();
        assertFalse(ld.lockClass(FenceLockdep.SIGNALLING).isReentrant(), "priming keeps them pseudo classes");
        assertTrue(fl.engine() == ld);
    }
}
