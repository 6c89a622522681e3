package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.onThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Instance evidence on findings: witnessed or class-only, gated cycles held back, and allocation origins. */
class EvidenceTest {
    private static final String ORIGIN = "com.acme.Bank.<init>(Bank.java:12)";

    /** Takes {@code locks} in order (exclusively, each its class) on a new thread, releases them; the last finding. */
    private static Finding take(Lockdep ld, String thread, Object[] locks, LockClass[] classes) throws Exception {
        return take(ld, thread, locks, classes, null);
    }

    private static Finding take(Lockdep ld, String thread, Object[] locks, LockClass[] classes, Mode[] modes)
            throws Exception {
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread(thread, () -> {
            for (int i = 0; i < locks.length; i++) {
                Finding f = ld.acquire(locks[i], classes[i], modes == null ? Mode.EXCLUSIVE : modes[i]);
                if (f != null) {
                    out.set(f);
                }
            }
            for (int i = locks.length - 1; i >= 0; i--) {
                ld.release(locks[i]);
            }
        });
        return out.get();
    }

    private static Object[] locks(Object... l) {
        return l;
    }

    private static LockClass[] classes(LockClass... c) {
        return c;
    }

    @Test
    void sameInstancesInBothOrdersAreWitnessed() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object a1 = new Object();
        Object b1 = new Object();
        assertNull(take(ld, "t1", locks(a1, b1), classes(a, b)));
        Finding f = take(ld, "t2", locks(b1, a1), classes(b, a));
        assertNotNull(f);
        assertEquals(Evidence.WITNESSED, f.evidence());
        assertNull(f.gatedBy());
        assertTrue(f.render().contains("\nevidence: witnessed (same instances)\ncycle id: "), f.render());
    }

    @Test
    void otherInstancesOfTheSameClassesAreClassOnlyAndStillReported() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object b1 = new Object();
        Object a1 = new Object(); // kept reachable: a collected A would make the evidence unknown instead
        take(ld, "t1", locks(a1, b1), classes(a, b));
        // b1 again, but another A: the cycle closes over classes only.
        Finding f = take(ld, "t2", locks(b1, new Object()), classes(b, a));
        java.lang.ref.Reference.reachabilityFence(a1);
        assertNotNull(f);
        assertEquals(Evidence.CLASS_ONLY, f.evidence());
        assertEquals("class-only", f.evidence().id());
        assertTrue(f.render().contains("evidence: class-only (different instances of the same classes)"), f.render());
        assertEquals(1, ld.findings().size());
    }

    @Test
    void aThreeEdgeCycleIsWitnessedOnlyWhenEveryJunctionIsOneInstance() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        LockClass y = ld.lockClass("Y");
        LockClass z = ld.lockClass("Z");
        Object x1 = new Object();
        Object y1 = new Object();
        Object z1 = new Object();
        take(ld, "t1", locks(x1, y1), classes(x, y));
        take(ld, "t2", locks(y1, z1), classes(y, z));
        Finding f = take(ld, "t3", locks(z1, x1), classes(z, x));
        assertEquals(Evidence.WITNESSED, f.evidence());

        Lockdep other = new Lockdep();
        x = other.lockClass("X");
        y = other.lockClass("Y");
        z = other.lockClass("Z");
        take(other, "t1", locks(x1, y1), classes(x, y));
        Object y2 = new Object(); // a different Y in the middle, kept reachable (collected, it would be unknown)
        take(other, "t2", locks(y2, z1), classes(y, z));
        f = take(other, "t3", locks(z1, x1), classes(z, x));
        java.lang.ref.Reference.reachabilityFence(y2);
        assertEquals(Evidence.CLASS_ONLY, f.evidence());
    }

    @Test
    void anOrderFromAContractIsUnknownEvidenceReportedAsClassOnly() throws Exception {
        Lockdep ld = new Lockdep();
        ld.prime(Contract.parse(new java.io.StringReader("A -> B"), "c.contract"));
        Finding f = take(ld, "t1", locks(new Object(), new Object()), classes(ld.lockClass("B"), ld.lockClass("A")));
        assertNotNull(f);
        assertEquals(Evidence.UNKNOWN, f.evidence());
        assertEquals("class-only", f.evidence().id());
        assertNull(f.gatedBy());
    }

    /** Takes a fresh A then {@code b1}; returns a weak reference to that A, now referenced by nothing else. */
    private static java.lang.ref.WeakReference<Object> firstOrderWithATemporaryA(Lockdep ld, LockClass a,
                                                                                LockClass b, Object b1)
            throws Exception {
        Object a0 = new Object();
        take(ld, "t1", locks(a0, b1), classes(a, b));
        return new java.lang.ref.WeakReference<>(a0);
    }

    @Test
    void aCollectedInstanceIsUnknownEvidence() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object b1 = new Object();
        java.lang.ref.WeakReference<Object> a0 = firstOrderWithATemporaryA(ld, a, b, b1);
        for (int i = 0; i < 100 && a0.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(a0.get() == null, "the collector kept the first A");
        // The A of the first order is gone (the evidence did not keep it), so nothing can say it was this one.
        Finding f = take(ld, "t2", locks(b1, new Object()), classes(b, a));
        assertEquals(Evidence.UNKNOWN, f.evidence());
    }

    @Test
    void aCycleGatedByOneExclusiveInstanceIsCountedNotReported() throws Exception {
        List<Finding> told = new ArrayList<>();
        Lockdep ld = new Lockdep(LockdepConfig.builder().listener(new LockdepListener() {
            @Override
            public void onFinding(Finding f) {
                told.add(f);
            }
        }).build());
        LockClass g = ld.lockClass("G");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object g1 = new Object();
        take(ld, "t1", locks(g1, new Object(), new Object()), classes(g, a, b));
        assertNull(take(ld, "t2", locks(g1, new Object(), new Object()), classes(g, b, a)));
        assertTrue(ld.findings().isEmpty());
        assertTrue(told.isEmpty());
        Statistics s = ld.statistics();
        assertEquals(1, s.gated());
        assertEquals(0, s.findings());
        assertEquals(1, s.detections(FindingKind.CIRCULAR));
        assertTrue(s.toString().contains(" gated=1"), s.toString());
    }

    @Test
    void reportGatedReportsTheGatedCycleWithItsGate() throws Exception {
        Lockdep ld = new Lockdep(LockdepConfig.builder().reportGated(true).build());
        assertTrue(ld.config().reportGated());
        assertFalse(LockdepConfig.defaults().reportGated());
        LockClass g = ld.lockClass("G");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object g1 = new Object();
        Object a1 = new Object();
        Object b1 = new Object();
        take(ld, "t1", locks(g1, a1, b1), classes(g, a, b));
        Finding f = take(ld, "t2", locks(g1, b1, a1), classes(g, b, a));
        assertNotNull(f);
        assertEquals("G", f.gatedBy());
        assertEquals(Evidence.WITNESSED, f.evidence());
        assertTrue(f.render().contains("evidence: witnessed (same instances)\ngated by G (instance held on every edge)\n"),
                f.render());
        assertEquals(0, ld.statistics().gated());
        assertEquals(1, ld.statistics().findings());
    }

    @Test
    void differentInstancesOfTheGateClassDoNotGate() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass g = ld.lockClass("G");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        take(ld, "t1", locks(new Object(), new Object(), new Object()), classes(g, a, b));
        Finding f = take(ld, "t2", locks(new Object(), new Object(), new Object()), classes(g, b, a));
        assertNotNull(f, "two G instances exclude nothing from each other");
        assertNull(f.gatedBy());
        assertEquals(0, ld.statistics().gated());
    }

    @Test
    void aGateHeldOnOnlyOneEdgeDoesNotGate() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass g = ld.lockClass("G");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object g1 = new Object();
        take(ld, "t1", locks(g1, new Object(), new Object()), classes(g, a, b));
        Finding f = take(ld, "t2", locks(new Object(), new Object()), classes(b, a));
        assertNotNull(f);
        assertNull(f.gatedBy());
    }

    @Test
    void anEdgeSeenAgainWithoutTheGateLosesItAndTheCycleIsReportedThen() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass g = ld.lockClass("G");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object g1 = new Object();
        take(ld, "t1", locks(g1, new Object(), new Object()), classes(g, a, b));
        assertNull(take(ld, "t2", locks(g1, new Object(), new Object()), classes(g, b, a)));
        assertEquals(1, ld.statistics().gated());

        // A -> B without G: a chain never validated (G is not in it), so the slow path sees the edge again.
        Finding f = take(ld, "t3", locks(new Object(), new Object()), classes(a, b));
        assertNotNull(f, "the edge lost its gate: the parked cycle is reported now");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertNull(f.gatedBy());
        assertFalse(f.render().contains("gated by"), f.render());
        assertEquals(List.of(f), ld.findings());
        assertEquals(0, ld.statistics().gated());
    }

    @Test
    void aCycleStaysGatedAfterItsGateIsCollected() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass g = ld.lockClass("G");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        WeakReference<Object> gone = gatedCycle(ld, g, a, b);
        assertEquals(1, ld.statistics().gated());
        for (int i = 0; i < 100 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(gone.get(), "the engine must not keep the gate alive");

        // Another edge loses its gate: parked findings are looked at again, and the collected gate still counts.
        LockClass h = ld.lockClass("H");
        LockClass x = ld.lockClass("X");
        LockClass y = ld.lockClass("Y");
        take(ld, "t3", locks(new Object(), new Object(), new Object()), classes(h, x, y));
        assertNull(take(ld, "t4", locks(new Object(), new Object()), classes(x, y)));
        assertEquals(List.of(), ld.findings(), "A and B were only ever taken under the one G instance");
        assertEquals(1, ld.statistics().gated());
    }

    /** A -> B and B -> A, both under one G instance that is garbage once this returns. */
    private static WeakReference<Object> gatedCycle(Lockdep ld, LockClass g, LockClass a, LockClass b)
            throws Exception {
        Object g1 = new Object();
        take(ld, "t1", locks(g1, new Object(), new Object()), classes(g, a, b));
        assertNull(take(ld, "t2", locks(g1, new Object(), new Object()), classes(g, b, a)));
        return new WeakReference<>(g1);
    }

    @Test
    void anEdgeSeenAgainUnderAnotherLockAlsoLosesTheGate() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass g = ld.lockClass("G");
        LockClass x = ld.lockClass("X");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object g1 = new Object();
        take(ld, "t1", locks(g1, new Object(), new Object()), classes(g, a, b));
        take(ld, "t2", locks(g1, new Object(), new Object()), classes(g, b, a));
        // Still under g1 (with another lock on top): the gate stands.
        assertNull(take(ld, "t3", locks(g1, new Object(), new Object(), new Object()), classes(g, x, b, a)));
        assertEquals(1, ld.statistics().gated());
        // Under another lock but not g1: lost.
        assertNotNull(take(ld, "t4", locks(new Object(), new Object(), new Object()), classes(x, b, a)));
        assertEquals(0, ld.statistics().gated());
    }

    @Test
    void aReadHoldIsNoGate() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass rw = ld.lockClass("RW");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object rw1 = new Object();
        Mode[] modes = {Mode.SHARED, Mode.EXCLUSIVE, Mode.EXCLUSIVE};
        take(ld, "t1", locks(rw1, new Object(), new Object()), classes(rw, a, b), modes);
        Finding f = take(ld, "t2", locks(rw1, new Object(), new Object()), classes(rw, b, a), modes);
        assertNotNull(f, "readers run together: a read hold gates nothing");
        assertNull(f.gatedBy());
    }

    @Test
    void pseudoLocksAndNonReentrantClassesAreNoGates() throws Exception {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("some-map");
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        take(ld, "t1", locks(map, new Object(), new Object()), classes(map.lockClass(), a, b));
        Finding f = take(ld, "t2", locks(map, new Object(), new Object()), classes(map.lockClass(), b, a));
        assertNotNull(f, "a pseudo-lock excludes nothing at run time");
        assertNull(f.gatedBy());

        Lockdep other = new Lockdep();
        LockClass stamped = other.pseudoClass("StampedLock@X");
        Object s1 = new Object();
        a = other.lockClass("A");
        b = other.lockClass("B");
        take(other, "t1", locks(s1, new Object(), new Object()), classes(stamped, a, b));
        f = take(other, "t2", locks(s1, new Object(), new Object()), classes(stamped, b, a));
        assertNotNull(f, "a non-reentrant (pseudo) class is no gate");
        assertNull(f.gatedBy());
    }

    @Test
    void aGatedInstanceInversionIsHeldBackToo() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass g = ld.lockClass("G");
        LockClass acct = ld.lockClass("Account");
        Object g1 = new Object();
        Object x = new Object();
        Object y = new Object();
        take(ld, "t1", locks(g1, x, y), classes(g, acct, acct));
        assertNull(take(ld, "t2", locks(g1, y, x), classes(g, acct, acct)));
        assertEquals(1, ld.statistics().gated());
        // Same-class chains are checked on every acquisition: the ungated run loses the gate at once.
        Finding f = take(ld, "t3", locks(x, y), classes(acct, acct));
        assertNotNull(f);
        assertEquals(FindingKind.INSTANCE_INVERSION, f.kind());
        assertEquals(Evidence.WITNESSED, f.evidence());
        assertEquals(0, ld.statistics().gated());
    }

    @Test
    void originsAreShownWhereLocksAreNamedButNeverInTheCycleId() throws Exception {
        Lockdep plain = new Lockdep();
        take(plain, "t1", locks(new Object(), new Object()), classes(plain.lockClass("A"), plain.lockClass("B")));
        Finding without = take(plain, "t2", locks(new Object(), new Object()),
                classes(plain.lockClass("B"), plain.lockClass("A")));

        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        a.noteOrigin(ORIGIN);
        take(ld, "t1", locks(new Object(), new Object()), classes(a, b));
        Finding f = take(ld, "t2", locks(new Object(), new Object()), classes(b, a));
        assertEquals(without.cycleId(), f.cycleId());
        assertEquals(java.util.Map.of("A", ORIGIN), f.origins());
        String r = f.render();
        assertTrue(r.contains("is trying to acquire lock:\n  A (allocated at " + ORIGIN + ")\n"
                + "but it already holds lock:\n  B\n"), r);
        assertFalse(without.render().contains("allocated at"), without.render());
    }

    @Test
    void singleLockFindingsCarryEvidenceAndOrigins() {
        Lockdep ld = new Lockdep();
        LockClass p = ld.pseudoClass("P");
        p.noteOrigin(ORIGIN);
        Object p1 = new Object();
        ld.acquire(p1, p, Mode.EXCLUSIVE);
        Finding f = ld.acquire(p1, p, Mode.EXCLUSIVE);
        assertEquals(FindingKind.RECURSIVE, f.kind());
        assertEquals(Evidence.WITNESSED, f.evidence());
        assertTrue(f.render().contains("  P (W) (allocated at " + ORIGIN + ")\n"), f.render());
        assertTrue(f.render().contains("evidence: witnessed (same instances)"), f.render());
    }
}
