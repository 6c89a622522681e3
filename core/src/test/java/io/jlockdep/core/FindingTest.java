package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Findings: what they carry, the findings list, the listener. */
class FindingTest {

    @Test
    void findingKindIds() {
        assertEquals("circular", FindingKind.CIRCULAR.id());
        assertEquals("recursive", FindingKind.RECURSIVE.id());
        assertEquals("rw-upgrade", FindingKind.RW_UPGRADE.id());
        assertEquals("instance-inversion", FindingKind.INSTANCE_INVERSION.id());
        assertEquals("nest-lock-not-held", FindingKind.NEST_LOCK_NOT_HELD.id());
        assertEquals("unbalanced", FindingKind.UNBALANCED.id());
    }

    @Test
    void circularFindingCarriesTheAcquisitionAndHeldLocks() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        onThread("t1", () -> nest(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE));
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("t2", () -> {
            Object lc = new Object();
            Object lb = new Object();
            Object la = new Object();
            ld.acquire(lc, c, Mode.EXCLUSIVE);
            ld.acquire(lb, b, Mode.SHARED);
            found.set(ld.acquire(la, a, Mode.EXCLUSIVE));
            ld.release(la);
            ld.release(lb);
            ld.release(lc);
        });
        Finding f = found.get();
        assertNotNull(f);
        assertEquals("t2", f.threadName());
        assertEquals("A", f.acquiringClass());
        assertEquals(Mode.EXCLUSIVE, f.acquiringMode());
        assertEquals(2, f.heldLocks().size(), "the reporting thread's held locks at detection");
        assertEquals("C", f.heldLocks().get(0).className());
        assertEquals("B", f.heldLocks().get(1).className());
        assertEquals(Mode.SHARED, f.heldLocks().get(1).mode());
        assertEquals(f.edges().size(), f.length());
        assertEquals(EdgeType.SN, f.edges().get(0).type(), "closing edge B(r) -> A");
        assertTrue(f.stack().length > 0);
    }

    @Test
    void findingsListsDistinctFindingsInOrder() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        PseudoLock map = ld.pseudoLock("map");
        Object rw = new Object();
        LockClass rwc = ld.lockClass("RW");

        nest(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
        nest(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE); // circular
        map.acquire(Mode.EXCLUSIVE);
        map.acquire(Mode.EXCLUSIVE); // recursive
        map.release();
        map.release();
        ld.acquire(rw, rwc, Mode.SHARED);
        ld.acquire(rw, rwc, Mode.EXCLUSIVE); // rw-upgrade
        ld.release(rw, Mode.EXCLUSIVE);
        ld.release(rw, Mode.SHARED);

        List<Finding> all = ld.findings();
        assertEquals(3, all.size(), all.toString());
        assertEquals(FindingKind.CIRCULAR, all.get(0).kind());
        assertEquals(FindingKind.RECURSIVE, all.get(1).kind());
        assertEquals(FindingKind.RW_UPGRADE, all.get(2).kind());
        assertEquals(3, ld.statistics().findings());
        assertEquals(1, ld.statistics().detections(FindingKind.CIRCULAR));
        assertEquals(1, ld.statistics().detections(FindingKind.RECURSIVE));
        assertEquals(1, ld.statistics().detections(FindingKind.RW_UPGRADE));
        for (Finding f : all) {
            assertTrue(f.cycleId().matches("[0-9a-f]{16}"), f.cycleId());
        }
    }

    @Test
    void findingsSnapshotIsNotAffectedByLaterFindings() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("map");
        map.release(); // unbalanced
        List<Finding> before = ld.findings();
        map.acquire(Mode.EXCLUSIVE);
        map.acquire(Mode.EXCLUSIVE);
        assertEquals(1, before.size());
        assertEquals(2, ld.findings().size());
    }

    @Test
    void listenerHearsEachDistinctFindingOnceWithTheReturnedFinding() throws Exception {
        List<Finding> heard = new ArrayList<>();
        Lockdep ld = new Lockdep(LockdepConfig.builder().listener(new LockdepListener() {
            @Override
            public void onFinding(Finding finding) {
                synchronized (heard) {
                    heard.add(finding);
                }
            }
        }).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
        AtomicReference<Finding> returned = new AtomicReference<>();
        onThread("t", () -> returned.set(nest(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE)));
        onThread("u", () -> assertNull(nest(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE)));
        synchronized (heard) {
            assertEquals(1, heard.size());
            assertEquals(returned.get().cycleId(), heard.get(0).cycleId());
            assertEquals(returned.get().kind(), heard.get(0).kind());
        }
    }

    @Test
    void listenerExceptionsDoNotReachTheCaller() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().listener(new LockdepListener() {
            @Override
            public void onFinding(Finding finding) {
                throw new IllegalStateException("listener bug");
            }
        }).build());
        PseudoLock map = ld.pseudoLock("map");
        map.acquire(Mode.EXCLUSIVE);
        Finding f = map.acquire(Mode.EXCLUSIVE);
        assertNotNull(f);
        assertEquals(1, ld.findings().size());
    }

    @Test
    @Timeout(120) // hang guard only: a listener called under the graph lock would deadlock below
    void listenerIsCalledOutsideEngineLocks() throws Exception {
        AtomicReference<Lockdep> engine = new AtomicReference<>();
        AtomicReference<Throwable> inner = new AtomicReference<>();
        List<Integer> edgesSeen = new ArrayList<>();
        Lockdep ld = new Lockdep(LockdepConfig.builder().listener(new LockdepListener() {
            @Override
            public void onFinding(Finding finding) {
                Lockdep self = engine.get();
                Thread helper = new Thread(() -> {
                    try {
                        // Needs the graph: a new class, a new edge, a snapshot.
                        Object x = new Object();
                        Object y = new Object();
                        self.acquire(x, self.lockClass("X"), Mode.EXCLUSIVE);
                        self.acquire(y, self.lockClass("Y"), Mode.EXCLUSIVE);
                        self.release(y);
                        self.release(x);
                        synchronized (edgesSeen) {
                            edgesSeen.add(self.snapshot().edges().size());
                        }
                    } catch (Throwable t) {
                        inner.set(t);
                    }
                }, "listener-helper");
                helper.start();
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build());
        engine.set(ld);
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
        Finding f = nest(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE);
        assertNotNull(f);
        assertNull(inner.get());
        synchronized (edgesSeen) {
            assertEquals(List.of(3), edgesSeen);
        }
    }

    @Test
    void findingsOfTheSameIdAreTheSameReport() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
        Finding f = nest(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE);
        assertSame(f.kind(), ld.findings().get(0).kind());
        assertEquals(f.cycleId(), ld.findings().get(0).cycleId());
        assertEquals(f.lockClasses(), ld.findings().get(0).lockClasses());
    }
}
