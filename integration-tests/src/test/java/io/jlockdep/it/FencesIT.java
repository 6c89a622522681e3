package io.jlockdep.it;

import static io.jlockdep.it.Sources.fileLine;
import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Edge;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.Fences;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fence core through the agent: its wait/signal/reservation points feed the engine and the fence
 * contract is primed at start. (The fixed twins are in {@link CleanIT}.)
 */
class FencesIT {
    private static final Class<?> P = Fences.class;
    private static final String SIGNALLING = "fence-signalling";

    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(Fences.class).on(jvm).jfr()
            .args("wait-under-lock", "reservation-in-section", "context-in-section").run());

    private static JfrData jfr(Jvm jvm) {
        jvm.assumeAvailable();
        return RUNS.get(jvm).assertExit(0).jfr();
    }

    /** A lock held across Fence.await and taken inside a signalling section. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void lockHeldAcrossAFenceWaitAndTakenWhileSignalling(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String driver = site("ReentrantLock", P, "waitUnderLock", "fence-driver");
        Finding f = jfr.single("circular", driver, SIGNALLING);
        assertEquals(2, f.length());
        assertEquals("submitter", f.thread());
        assertTrue(f.acquisitionStack().contains("(" + fileLine(P, "fence-wait") + ")"), f::acquisitionStack);
        List<Edge> edges = jfr.edgesOf(f.cycleId());
        assertEquals(2, edges.size());
        // driver held (W) while the wait probes the signalling map exclusively ...
        assertEquals(driver, edges.get(0).from());
        assertEquals(SIGNALLING, edges.get(0).to());
        assertEquals("EN", edges.get(0).type());
        // ... and the section (held shared, r) took the driver lock.
        assertEquals(SIGNALLING, edges.get(1).from());
        assertEquals(driver, edges.get(1).to());
        assertEquals("SN", edges.get(1).type());
        assertEquals("irq", edges.get(1).thread());
        assertTrue(edges.get(1).stack().contains("(" + fileLine(P, "fence-signaller-lock") + ")"), edges.get(1)::stack);
    }

    /**
     * A reservation locked inside a signalling section, once: reported at that first occurrence, through
     * the primed contract reservation -> reclaim -> invalidation -> fence wait.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void reservationLockedWhileSignallingIsReportedOnFirstOccurrence(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        List<Finding> l = jfr.where(x -> x.thread().equals("commit-tail"));
        assertEquals(1, l.size(), jfr::describeFindings);
        Finding f = l.get(0);
        assertEquals("circular", f.kind());
        assertTrue(f.involves("reservation_ww_class_mutex", SIGNALLING), f::toString);
        assertTrue(f.acquisitionStack().contains("(" + fileLine(P, "fence-reservation-lock") + ")"),
                f::acquisitionStack);
        List<Edge> edges = jfr.edgesOf(f.cycleId());
        assertEquals(f.length(), edges.size());
        Edge closing = edges.get(0);
        assertEquals(SIGNALLING, closing.from());
        assertEquals("reservation_ww_class_mutex", closing.to());
        assertEquals("observed", closing.origin());
        assertEquals("commit-tail", closing.thread());
        // Every other edge of the cycle comes from the primed fence contract, not from this run.
        for (Edge e : edges.subList(1, edges.size())) {
            assertEquals("fence-contract:1", e.origin(), e::toString);
        }
        assertTrue(f.involves("reclaim", "invalidation"), f::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void acquireContextBegunWhileSignallingIsReported(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        List<Finding> l = jfr.where(x -> x.thread().equals("ctx-tail"));
        assertEquals(1, l.size(), jfr::describeFindings);
        assertEquals("circular", l.get(0).kind());
        assertEquals("reservation_ww_class_acquire", jfr.edgesOf(l.get(0).cycleId()).get(0).to());
        assertTrue(l.get(0).involves(SIGNALLING), l.get(0)::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nothingElse(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        assertEquals(3, jfr.findings().size(), jfr::describeFindings);
    }
}
