package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.nest;
import static io.jlockdep.core.EngineTests.onThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The engine's one suppression decision: a suppressed finding is counted and reaches no consumer. */
class FindingFilterTest {

    /** Suppresses findings whose lock classes mention {@code name}; counts its calls. */
    private static final class Mentioning implements FindingFilter {
        final String name;
        final AtomicInteger calls = new AtomicInteger();

        Mentioning(String name) {
            this.name = name;
        }

        @Override
        public boolean suppressed(Finding f) {
            calls.incrementAndGet();
            return f.lockClasses().contains(name);
        }
    }

    @Test
    void aSuppressedCycleIsNotReturnedRecordedNorTold() throws Exception {
        List<Finding> told = new CopyOnWriteArrayList<>();
        Mentioning filter = new Mentioning("Accepted");
        Lockdep ld = new Lockdep(LockdepConfig.builder().filter(filter).listener(new LockdepListener() {
            @Override
            public void onFinding(Finding finding) {
                told.add(finding);
            }
        }).build());
        LockClass a = ld.lockClass("Accepted");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        LockClass d = ld.lockClass("D");
        AtomicReference<Finding> suppressedOne = new AtomicReference<>();
        AtomicReference<Finding> reportedOne = new AtomicReference<>();
        onThread("t1", () -> nest(ld, a, b));
        onThread("t2", () -> suppressedOne.set(nest(ld, b, a)));
        onThread("t3", () -> nest(ld, c, d));
        onThread("t4", () -> reportedOne.set(nest(ld, d, c)));

        assertNull(suppressedOne.get(), "the acquisition that closed a suppressed cycle returns nothing");
        assertNotNull(reportedOne.get());
        assertEquals(List.of(reportedOne.get()), ld.findings());
        assertEquals(List.of(reportedOne.get()), told);
        Statistics s = ld.statistics();
        assertEquals(1, s.findings());
        assertEquals(1, s.suppressed());
        assertEquals(2, s.detections(FindingKind.CIRCULAR), "both detections are still counted");
        assertTrue(s.toString().contains("suppressed=1"), s.toString());
        List<Finding> held = ld.suppressedFindings();
        assertEquals(1, held.size(), "kept, for a test framework to name");
        assertTrue(held.get(0).lockClasses().contains("Accepted"), held.toString());
        assertEquals(FindingKind.CIRCULAR, held.get(0).kind());
    }

    @Test
    void theFilterIsAskedOncePerCycleId() throws Exception {
        Mentioning filter = new Mentioning("Accepted");
        Lockdep ld = new Lockdep(LockdepConfig.builder().filter(filter).build());
        LockClass a = ld.lockClass("Accepted");
        LockClass b = ld.lockClass("B");
        onThread("t1", () -> nest(ld, a, b));
        for (int i = 0; i < 3; i++) {
            onThread("t" + i, () -> nest(ld, b, a));
        }
        assertEquals(1, filter.calls.get());
        assertEquals(1, ld.statistics().suppressed());
        assertEquals(1, ld.suppressedFindings().size(), "one per cycle id");
    }

    @Test
    void aFilterThatThrowsSuppressesNothing() throws Exception {
        Lockdep ld = new Lockdep(LockdepConfig.builder().filter(f -> {
            throw new IllegalStateException("broken filter");
        }).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        onThread("t1", () -> nest(ld, a, b));
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t2", () -> f.set(nest(ld, b, a)));
        assertNotNull(f.get());
        assertEquals(0, ld.statistics().suppressed());
        assertEquals(0, ld.statistics().internalErrors());
    }

    @Test
    void unbalancedReleasesAndPrimedCyclesGoThroughTheFilterToo() throws Exception {
        Lockdep ld = new Lockdep(LockdepConfig.builder().filter(f -> true).build());
        ld.release(new Object());
        ld.prime(contradicting());
        assertTrue(ld.findings().isEmpty());
        assertEquals(2, ld.statistics().suppressed());
    }

    @Test
    void locksTheFilterTakesWhilePrimingAreNotTracked() throws Exception {
        AtomicReference<Lockdep> engine = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        Lockdep ld = new Lockdep(LockdepConfig.builder().filter(f -> {
            // What an instrumented lock inside the filter amounts to: the engine hears of it.
            Lockdep e = engine.get();
            nest(e, e.lockClass("FilterP"), e.lockClass("FilterQ"));
            calls.incrementAndGet();
            return false;
        }).build());
        engine.set(ld);
        List<Finding> closed = ld.prime(contradicting());
        assertEquals(1, closed.size());
        assertEquals(1, calls.get(), "the filter was asked");
        for (GraphSnapshot.Edge e : ld.snapshot().edges()) {
            assertTrue(!e.from().startsWith("Filter"), "the filter's locks made an edge: " + e);
        }
        assertEquals(0, ld.depth());
    }

    /** {@code X -> Y}, {@code Y -> X}: a contract that closes a cycle when primed (a file with it is rejected). */
    private static Contract contradicting() {
        return Contract.of(java.util.List.of(new Contract.Order("X", Mode.EXCLUSIVE, "Y", Mode.EXCLUSIVE, "test:1"),
                new Contract.Order("Y", Mode.EXCLUSIVE, "X", Mode.EXCLUSIVE, "test:2")));
    }
}
