package io.jlockdep.it;

import static io.jlockdep.it.Sources.fileLine;
import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Edge;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.LockTypes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lock type and rule through the agent (one JVM per JDK runs all {@link LockTypes} scenarios; each
 * scenario has its own lock classes, so each finding is told apart by its class names).
 */
class LockTypesIT {
    private static final Class<?> P = LockTypes.class;
    private static final String PKG = "io.jlockdep.it.programs.";

    private static JfrData jfr(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = SharedRuns.lockTypes(jvm);
        r.assertExit(0);
        return r.jfr();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void reentrantLockInversionIsNamedByAllocationSite(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String a = site("ReentrantLock", P, "rlInversion", "rl-a");
        String b = site("ReentrantLock", P, "rlInversion", "rl-b");
        Finding f = jfr.single("circular", a, b);
        // "X -> Y -> X", the rotation the engine picks, over exactly these two classes.
        assertTrue(f.lockClasses().equals(a + " -> " + b + " -> " + a) || f.lockClasses().equals(b + " -> " + a + " -> " + b),
                f::toString);
        assertEquals(2, f.length());
        assertEquals("rl-backward", f.thread());
        assertTrue(f.acquisitionStack().contains(PKG + "LockTypes.rlBackward(" + fileLine(P, "rl-backward-inner") + ")"),
                f::acquisitionStack);

        List<Edge> edges = jfr.edgesOf(f.cycleId());
        assertEquals(2, edges.size(), () -> "edges of " + f + ": " + jfr.edges());
        Edge closing = edges.get(0);
        assertEquals(0, closing.index());
        assertEquals(b, closing.from());
        assertEquals(a, closing.to());
        assertEquals("EN", closing.type());
        assertEquals("rl-backward", closing.thread());
        assertEquals("observed", closing.origin());
        Edge earlier = edges.get(1);
        assertEquals(1, earlier.index());
        assertEquals(a, earlier.from());
        assertEquals(b, earlier.to());
        assertEquals("EN", earlier.type());
        assertEquals("rl-forward", earlier.thread());
        assertTrue(earlier.stack().contains(PKG + "LockTypes.rlForward(" + fileLine(P, "rl-forward-inner") + ")"),
                earlier::stack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void synchronizedBlockAgainstReentrantLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", "monitor " + PKG + "LockTypes$Account",
                site("ReentrantLock", P, "syncVsReentrantLock", "sync-rl"));
        assertEquals("rl-first", f.thread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void plainObjectMonitorIsNamedByAllocationSite(Jvm jvm) {
        jfr(jvm).single("circular", site("Object", P, "objectMonitor", "obj-guard"),
                site("ReentrantLock", P, "objectMonitor", "obj-other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void synchronizedInstanceMethods(Jvm jvm) {
        // Types with synchronized methods are named where their objects were allocated.
        Finding f = jfr(jvm).single("circular", "LockTypes$Ledger@" + PKG + "LockTypes.syncMethods#1",
                "LockTypes$Journal@" + PKG + "LockTypes.syncMethods#1");
        assertEquals(2, f.classes().size(), f::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void staticSynchronizedMethodsAndClassBlocksAreTheClassLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", "class " + PKG + "LockTypes$Registry",
                "class " + PKG + "LockTypes$Catalog");
        assertEquals(2, f.classes().size(), f::toString);
        assertEquals("catalog-first", f.thread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void readLockAgainstWriteLockInversion(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String table = site("ReentrantReadWriteLock", P, "rrwReadWrite", "rrw-table");
        String index = site("ReentrantLock", P, "rrwReadWrite", "rrw-index");
        Finding f = jfr.single("circular", table, index);
        List<Edge> edges = jfr.edgesOf(f.cycleId());
        assertEquals(2, edges.size());
        // index held (W) while taking the write lock; the read lock (r) held while taking index.
        assertEquals(index + " -EN-> " + table, edges.get(0).from() + " -" + edges.get(0).type() + "-> "
                + edges.get(0).to());
        assertEquals(table + " -SN-> " + index, edges.get(1).from() + " -" + edges.get(1).type() + "-> "
                + edges.get(1).to());
    }

    /**
     * Two read locks in both orders: a ReentrantReadWriteLock read lock is a non-recursive read ({@code r})
     * — it queues behind a waiting writer — so read-read in opposite orders is a real deadlock once writers
     * wait on both, and the engine reports it (edges SN, SN: a strong cycle; only recursive reads R are
     * exempt, see docs/engine.md).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nonRecursiveReadReadInversionIsReported(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        Finding f = jfr.single("circular", site("ReentrantReadWriteLock", P, "rrwReadRead", "rr-left"),
                site("ReentrantReadWriteLock", P, "rrwReadRead", "rr-right"));
        for (Edge e : jfr.edgesOf(f.cycleId())) {
            assertEquals("SN", e.type(), e::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void readToWriteUpgradeIsASelfDeadlock(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String rw = site("ReentrantReadWriteLock", P, "rwUpgrade", "upgrade-rw");
        Finding f = jfr.single("rw-upgrade", rw);
        assertEquals("upgrader", f.thread());
        assertTrue(f.acquisitionStack().contains("(" + fileLine(P, "upgrade-write") + ")"), f::acquisitionStack);
        assertTrue(f.report().contains("WARNING: possible read-to-write upgrade deadlock detected"), f::report);
        jfr.run().assertStdoutLine("upgrade interrupted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void stampedLockInversion(Jvm jvm) {
        jfr(jvm).single("circular", site("StampedLock", P, "stamped", "stamped-first"),
                site("StampedLock", P, "stamped", "stamped-second"));
    }

    /**
     * {@code Object.wait} releases the monitor and takes it back while the other lock (taken inside it) is
     * still held: monitor -> inner, then inner -> monitor on wake-up. Only found if the agent tracks
     * the release and re-acquisition of the wait; without that the thread would seem to hold the monitor
     * throughout and there would be no second edge.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void objectWaitReleasesAndRetakesTheMonitor(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String monitor = site("Object", P, "waitHoldingOther", "wait-monitor");
        String inner = site("ReentrantLock", P, "waitHoldingOther", "wait-inner");
        Finding f = jfr.single("circular", monitor, inner);
        assertEquals("waiter", f.thread());
        Edge closing = jfr.edgesOf(f.cycleId()).get(0);
        assertEquals(inner, closing.from(), closing::toString);
        assertEquals(monitor, closing.to(), closing::toString);
        assertTrue(f.acquisitionStack().contains("(" + fileLine(P, "wait-call") + ")"), f::acquisitionStack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void conditionAwaitReleasesAndRetakesTheLock(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String outer = site("ReentrantLock", P, "awaitHoldingOther", "await-outer");
        String inner = site("ReentrantLock", P, "awaitHoldingOther", "await-inner");
        Finding f = jfr.single("circular", outer, inner);
        assertEquals("awaiter", f.thread());
        Edge closing = jfr.edgesOf(f.cycleId()).get(0);
        assertEquals(inner, closing.from(), closing::toString);
        assertEquals(outer, closing.to(), closing::toString);
    }

    /**
     * The agent never calls the program's hashCode, equals or toString (the program fails if it does):
     * the hostile monitors and lock are named by type, the instances by number.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void neverCallsTheProgramsIdentityMethods(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        // Hostile is a plain type allocated before its first use as a monitor: one type-level class, whose
        // two instances invert; the lock (a ReentrantLock subclass) is named where it was allocated.
        String monitor = "monitor " + PKG + "LockTypes$Hostile";
        jfr.single("circular", monitor, "LockTypes$HostileLock@" + PKG + "LockTypes.hostileObjects#1");
        Finding instances = jfr.single("instance-inversion", monitor);
        assertTrue(instances.lockClasses().contains(monitor + " (instance #"), instances::toString);
        assertTrue(!jfr.run().stderr().contains("the agent called"), jfr.run()::describe);
    }

    /** Exactly the expected findings: one per scenario, nothing from the JDK, no bad unlock balance. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nothingElseIsReported(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        Set<String> kinds = new TreeSet<>();
        for (Finding f : jfr.findings()) {
            kinds.add(f.kind());
            assertTrue(f.classes().stream().allMatch(c -> c.contains(PKG + "LockTypes")),
                    () -> "a finding outside the program's locks: " + f + "\n" + jfr.describeFindings());
        }
        // One per scenario, two for hostile-objects (class and instance inversion).
        int expected = SharedRuns.LOCK_TYPE_SCENARIOS.length + 1;
        assertEquals(expected, jfr.findings().size(), jfr::describeFindings);
        assertEquals(Set.of("circular", "rw-upgrade", "instance-inversion"), kinds, jfr::describeFindings);
        JfrData.Stats s = jfr.statistics();
        assertEquals(expected, s.findings(), s::toString);
        assertEquals(0, s.limitHits(), s::toString);
        assertEquals(0, s.dropped(), s::toString);
    }
}
