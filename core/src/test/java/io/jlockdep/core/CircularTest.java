package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Class-level circular dependencies: AB/BA, stable cycle ids, first-seen edges, keep going after a report. */
class CircularTest {

    /** Whether "X -> Y -> ... -> X" is a rotation of the cycle given by names. */
    static boolean isRotation(String lockClasses, String... cycle) {
        List<String> parts = Arrays.asList(lockClasses.split(" -> "));
        if (parts.size() != cycle.length + 1 || !parts.get(0).equals(parts.get(parts.size() - 1))) {
            return false;
        }
        for (int shift = 0; shift < cycle.length; shift++) {
            boolean ok = true;
            for (int i = 0; i < cycle.length && ok; i++) {
                ok = parts.get(i).equals(cycle[(i + shift) % cycle.length]);
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    static boolean hasFrame(StackTraceElement[] stack, String methodNamePart) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith(CircularTest.class.getName()) && e.getMethodName().contains(methodNamePart)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void abBaOnTwoThreadsIsOneCircularFinding() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> first = new AtomicReference<>();
        AtomicReference<Finding> second = new AtomicReference<>();
        onThread("t1", () -> first.set(nest(ld, a, b)));
        onThread("t2", () -> second.set(nest(ld, b, a)));
        assertNull(first.get(), "A -> B alone is fine");
        Finding f = second.get();
        assertNotNull(f, "B -> A closes the cycle");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertEquals("circular", f.kind().id());
        assertEquals(1, ld.findings().size());
        assertEquals(f.cycleId(), ld.findings().get(0).cycleId());
        assertEquals(2, f.length());
        assertEquals(2, f.edges().size());
        assertTrue(isRotation(f.lockClasses(), "A", "B"), f.lockClasses());
        assertEquals("t2", f.threadName());
        assertEquals("A", f.acquiringClass());
        assertEquals(Mode.EXCLUSIVE, f.acquiringMode());
        assertEquals(1, f.heldLocks().size());
        assertEquals("B", f.heldLocks().get(0).className());
    }

    @Test
    void cycleIdIsSixteenHexDigitsAndStableAcrossEngines() throws Exception {
        Lockdep ld1 = new Lockdep();
        onThread("t1", () -> nest(ld1, ld1.lockClass("A"), ld1.lockClass("B")));
        AtomicReference<Finding> f1 = new AtomicReference<>();
        onThread("t2", () -> f1.set(nest(ld1, ld1.lockClass("B"), ld1.lockClass("A"))));

        // Fresh engine, classes created in another order, the cycle closed from the other end.
        Lockdep ld2 = new Lockdep();
        ld2.lockClass("Unrelated");
        AtomicReference<Finding> f2 = new AtomicReference<>();
        onThread("x1", () -> nest(ld2, ld2.lockClass("B"), ld2.lockClass("A")));
        onThread("x2", () -> f2.set(nest(ld2, ld2.lockClass("A"), ld2.lockClass("B"))));

        assertNotNull(f1.get());
        assertNotNull(f2.get());
        assertTrue(f1.get().cycleId().matches("[0-9a-f]{16}"), f1.get().cycleId());
        assertEquals(f1.get().cycleId(), f2.get().cycleId(), "same cycle, same id, whichever end closed it");
    }

    @Test
    void threeClassCycleIdIsTheSameWhicheverEdgeClosesIt() throws Exception {
        String[][] orders = {{"A", "B"}, {"B", "C"}, {"C", "A"}};
        String id = null;
        for (int closing = 0; closing < 3; closing++) {
            Lockdep ld = new Lockdep();
            Finding found = null;
            for (int k = 1; k <= 3; k++) {
                String[] o = orders[(closing + k) % 3];
                Finding f = nest(ld, ld.lockClass(o[0]), ld.lockClass(o[1]));
                if (f != null) {
                    found = f;
                }
            }
            assertNotNull(found);
            assertEquals(1, ld.findings().size());
            if (id == null) {
                id = found.cycleId();
            } else {
                assertEquals(id, found.cycleId(), "closed by " + found.edges().get(0));
            }
        }
    }

    @Test
    void cycleIdDependsOnClassNamesAndEdgeTypes() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        LockClass d = ld.lockClass("D");
        nest(ld, a, b);
        Finding ab = nest(ld, b, a);
        nest(ld, c, d);
        Finding cd = nest(ld, d, c);
        assertNotNull(ab);
        assertNotNull(cd);
        assertNotEquals(ab.cycleId(), cd.cycleId());

        // Same class names as A/B, different types: A(r) -> B (SN), B -> A(W) (EN).
        Lockdep ld2 = new Lockdep();
        LockClass a2 = ld2.lockClass("A");
        LockClass b2 = ld2.lockClass("B");
        Object la = new Object();
        Object lb = new Object();
        ld2.acquire(la, a2, Mode.SHARED);
        ld2.acquire(lb, b2, Mode.EXCLUSIVE);
        ld2.release(lb);
        ld2.release(la);
        Finding typed = nest(ld2, b2, a2);
        assertNotNull(typed);
        assertNotEquals(ab.cycleId(), typed.cycleId(), "the edge types are part of the id");
    }

    @Test
    void edgesCarryFirstSeenThreadAndStack() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        onThread("first-seen", () -> {
            Object la = new Object();
            Object lb = new Object();
            ld.acquire(la, a, Mode.EXCLUSIVE);
            ld.acquire(lb, b, Mode.EXCLUSIVE);
            ld.release(lb);
            ld.release(la);
        });
        // Seeing A -> B again on another thread must not replace its first-seen record.
        onThread("later", () -> nest(ld, a, b));
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("closer", () -> {
            Object lb = new Object();
            Object la = new Object();
            ld.acquire(lb, b, Mode.EXCLUSIVE);
            found.set(ld.acquire(la, a, Mode.EXCLUSIVE));
            ld.release(la);
            ld.release(lb);
        });
        Finding f = found.get();
        assertNotNull(f);
        CycleEdge closing = f.edges().get(0);
        assertEquals("B", closing.from(), "edges().get(0) is the closing edge");
        assertEquals("A", closing.to());
        assertEquals(EdgeType.EN, closing.type());
        assertEquals("closer", closing.thread());
        assertEquals("observed", closing.origin());
        assertTrue(hasFrame(closing.stack(), "edgesCarryFirstSeenThreadAndStack"), Arrays.toString(closing.stack()));

        CycleEdge ab = f.edges().get(1);
        assertEquals("A", ab.from());
        assertEquals("B", ab.to());
        assertEquals("first-seen", ab.thread());
        assertEquals("observed", ab.origin());
        assertTrue(hasFrame(ab.stack(), "edgesCarryFirstSeenThreadAndStack"), Arrays.toString(ab.stack()));
        assertTrue(hasFrame(f.stack(), "edgesCarryFirstSeenThreadAndStack"), "the reporting acquisition's stack");
        assertTrue(f.stack().length > 0);
        assertTrue(!f.stack()[0].getClassName().equals(Lockdep.class.getName()), "engine frames are not the top frame");
    }

    @Test
    void repeatedInversionIsReportedOnce() throws Exception {
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
        onThread("t1", () -> nest(ld, a, b));
        AtomicReference<Finding> again = new AtomicReference<>();
        for (int i = 0; i < 3; i++) {
            int round = i;
            onThread("t2-" + i, () -> {
                Finding f = nest(ld, b, a);
                if (round > 0) {
                    again.compareAndSet(null, f);
                }
            });
            onThread("t1-" + i, () -> nest(ld, a, b));
        }
        assertNull(again.get(), "a known cycle returns null");
        assertEquals(1, ld.findings().size());
        assertEquals(1, ld.statistics().findings());
        synchronized (heard) {
            assertEquals(1, heard.size(), "the listener hears a cycle once");
        }
    }

    @Test
    void validationContinuesAfterAFinding() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        LockClass d = ld.lockClass("D");
        onThread("t1", () -> nest(ld, a, b));
        onThread("t2", () -> nest(ld, b, a));
        onThread("t3", () -> nest(ld, c, d));
        AtomicReference<Finding> second = new AtomicReference<>();
        onThread("t4", () -> second.set(nest(ld, d, c)));
        assertNotNull(second.get(), "the engine keeps validating after the first report");
        assertEquals(2, ld.findings().size());
        assertTrue(isRotation(ld.findings().get(0).lockClasses(), "A", "B"));
        assertTrue(isRotation(ld.findings().get(1).lockClasses(), "C", "D"));
        assertNotEquals(ld.findings().get(0).cycleId(), ld.findings().get(1).cycleId());
        assertEquals(2, ld.statistics().detections(FindingKind.CIRCULAR));
    }

    @Test
    void threeClassCycleIsFound() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        AtomicReference<Finding> f1 = new AtomicReference<>();
        AtomicReference<Finding> f2 = new AtomicReference<>();
        AtomicReference<Finding> f3 = new AtomicReference<>();
        onThread("t1", () -> f1.set(nest(ld, a, b)));
        onThread("t2", () -> f2.set(nest(ld, b, c)));
        onThread("t3", () -> f3.set(nest(ld, c, a)));
        assertNull(f1.get());
        assertNull(f2.get());
        Finding f = f3.get();
        assertNotNull(f);
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertEquals(3, f.length());
        assertTrue(isRotation(f.lockClasses(), "A", "B", "C"), f.lockClasses());
        Set<String> threads = new HashSet<>();
        for (CycleEdge e : f.edges()) {
            threads.add(e.thread());
        }
        assertEquals(Set.of("t1", "t2", "t3"), threads, "each edge remembers its own first-seen thread");
        CycleEdge closing = f.edges().get(0);
        assertEquals("C", closing.from());
        assertEquals("A", closing.to());
        // The edges chain: each edge ends where the next one starts, and the last returns to the first.
        for (int i = 0; i < f.edges().size(); i++) {
            CycleEdge e = f.edges().get(i);
            CycleEdge next = f.edges().get((i + 1) % f.edges().size());
            assertEquals(e.to(), next.from(), "edges in order: " + f.edges());
        }
    }

    @Test
    void indirectDependencyThroughHeldStackIsFound() throws Exception {
        // Every held entry (not only the top one) gets an edge to the new class: A, X, B held as a
        // stack records A -> B directly, so B then A on another thread is an inversion of 2 classes.
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass x = ld.lockClass("X");
        LockClass b = ld.lockClass("B");
        onThread("t1", () -> {
            Object la = new Object();
            Object lx = new Object();
            Object lb = new Object();
            ld.acquire(la, a, Mode.EXCLUSIVE);
            ld.acquire(lx, x, Mode.EXCLUSIVE);
            ld.acquire(lb, b, Mode.EXCLUSIVE);
            ld.release(lb);
            ld.release(lx);
            ld.release(la);
        });
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t2", () -> f.set(nest(ld, b, a)));
        boolean direct = ld.snapshot().edges().stream().anyMatch(e -> e.from().equals("A") && e.to().equals("B"));
        assertTrue(direct, "A -> B is recorded although X was on top: " + ld.snapshot().edges());
        assertNotNull(f.get());
        assertEquals(FindingKind.CIRCULAR, f.get().kind());
        assertEquals(1, count(ld.findings(), FindingKind.CIRCULAR), "one new edge (B -> A), one detection");
    }
}
