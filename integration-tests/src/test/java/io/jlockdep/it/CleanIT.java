package io.jlockdep.it;

import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Edge;
import io.jlockdep.it.programs.CleanLocking;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correct programs report nothing: trylocks in the reverse order, downgrades, reentrant reads, waits that
 * release their lock, ordered same-class nesting, the fixed fence twins, a clean user map, the points of
 * the {@code waits=}/{@code sections=} options when those options are not given, and synchronized
 * lists compared with {@code equals}. One JVM per JDK ({@code AllClean}, with {@code edges=on}); the edges
 * it records show that the waiter really holds the monitor again after waking up.
 */
class CleanIT {
    private static final Class<?> P = CleanLocking.class;

    private static RunResult run(Jvm jvm) {
        jvm.assumeAvailable();
        return SharedRuns.clean(jvm).assertExit(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nothingIsReported(Jvm jvm) {
        RunResult r = run(jvm);
        for (String s : SharedRuns.CLEAN_SCENARIOS) {
            r.assertStdoutLine("END " + s);
        }
        r.jfr().assertNoFindings();
        assertTrue(r.stderrReports().isEmpty(), r::describe);
        assertTrue(!r.stderr().contains("WARNING"), r::describe);
        JfrData.Stats s = r.jfr().statistics();
        assertEquals(0, s.findings(), s::toString);
        assertEquals(0, s.limitHits(), s::toString);
    }

    private static List<Edge> plainEdges(Jvm jvm, String from, String to) {
        return run(jvm).jfr().plainEdges().stream().filter(e -> e.from().equals(from) && e.to().equals(to))
                .collect(Collectors.toList());
    }

    private static void assertEdge(Jvm jvm, String from, String to, String thread) {
        List<Edge> l = plainEdges(jvm, from, to);
        assertEquals(1, l.size(), () -> "edge " + from + " -> " + to + " among " + run(jvm).jfr().plainEdges());
        assertEquals(thread, l.get(0).thread(), l.get(0)::toString);
        assertEquals("", l.get(0).cycleId());
        assertEquals(-1, l.get(0).index());
    }

    private static void assertNoEdge(Jvm jvm, String from, String to) {
        assertTrue(plainEdges(jvm, from, to).isEmpty(), () -> "unexpected edge " + from + " -> " + to);
    }

    /** A trylock is held (edges leave it) but no edge ever points to it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void trylocksAreNeverEdgeTargets(Jvm jvm) {
        String a = site("ReentrantLock", P, "trylockReverse", "try-a");
        String b = site("ReentrantLock", P, "trylockReverse", "try-b");
        assertEdge(jvm, a, b, "try-forward");
        assertNoEdge(jvm, b, a);
        String c = site("ReentrantLock", P, "trylockInner", "try-c");
        String d = site("ReentrantLock", P, "trylockInner", "try-d");
        assertEdge(jvm, d, c, "tryinner-backward");
        assertNoEdge(jvm, c, d);
    }

    /**
     * After {@code Object.wait} on a monitor held twice, the waiter holds it again with both holds: what it
     * takes after waking (inside both holds, then inside the outer one) depends on the monitor, and
     * releasing the two holds is balanced (no finding above).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void objectWaitRetakesTheMonitorWithItsHolds(Jvm jvm) {
        String monitor = site("Object", P, "waitClean", "wait-clean-monitor");
        assertEdge(jvm, monitor, site("ReentrantLock", P, "waitClean", "wait-clean-after-wake"), "waiter");
        assertEdge(jvm, monitor, site("ReentrantLock", P, "waitClean", "wait-clean-after-inner"), "waiter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void conditionAwaitRetakesTheLockWithItsHolds(Jvm jvm) {
        String lock = site("ReentrantLock", P, "awaitClean", "await-clean-lock");
        assertEdge(jvm, lock, site("ReentrantLock", P, "awaitClean", "await-clean-after-wake"), "awaiter");
        assertEdge(jvm, lock, site("ReentrantLock", P, "awaitClean", "await-clean-after-inner"), "awaiter");
    }

    /** Edge events carry the first-seen stack, at the program's frames. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void edgeEventsCarryTheFirstSeenStack(Jvm jvm) {
        String monitor = site("Object", P, "waitClean", "wait-clean-monitor");
        Edge e = plainEdges(jvm, monitor, site("ReentrantLock", P, "waitClean", "wait-clean-after-wake")).get(0);
        assertTrue(e.stack().startsWith("\tat io.jlockdep.it.programs.CleanLocking.lambda$waitClean$"), e::stack);
        assertEquals("EN", e.type());
        assertEquals("observed", e.origin());
    }
}
