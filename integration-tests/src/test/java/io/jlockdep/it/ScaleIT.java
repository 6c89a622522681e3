package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.programs.ScaleOrdered;
import io.jlockdep.it.programs.ShortLived;
import io.jlockdep.it.programs.VirtualThreads;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scale and memory: thousands of correctly ordered locks report nothing; millions of short-lived locks
 * and tens of thousands of short-lived threads leave the agent's memory bounded; 10,000 virtual threads
 * (JDK 21+) end with empty held-lock stacks. These programs run with C2 (no TieredStopAtLevel) and a
 * small heap, so a leak shows as growth after GC or as an OutOfMemoryError.
 */
class ScaleIT {
    private static final long MB = 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void thousandsOfCorrectlyOrderedLocksReportNothing(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(ScaleOrdered.class).on(jvm).jfr().args("6", "3000").run().assertExit(0);
        assertEquals(ScaleOrdered.LEVELS * ScaleOrdered.PER_LEVEL, Integer.parseInt(r.value("LOCKS")));
        long acquisitions = Long.parseLong(r.value("ACQUISITIONS"));
        assertTrue(acquisitions > 50_000, () -> "acquisitions " + acquisitions);
        JfrData jfr = r.jfr();
        jfr.assertNoFindings();
        JfrData.Stats s = jfr.statistics();
        assertTrue(s.classes() >= ScaleOrdered.LEVELS, s::toString);
        assertTrue(s.edges() >= 500, s::toString);
        assertTrue(s.acquisitions() >= acquisitions, s::toString);
        assertEquals(0, s.limitHits(), s::toString);
        assertEquals(0, s.findings(), s::toString);
        assertTrue(s.chains() > 100, s::toString);
        // Nearly every acquisition is a known chain after warm-up.
        assertTrue(s.chainHitRate() > 0.5 && s.chainHitRate() <= 1.0, s::toString);
    }

    /**
     * 1,000,000 rounds, each allocating two or three locks (2.5 million in all) in instrumented code: a
     * ReentrantLock and a new Object() monitor (half of them under a long-lived lock, half nested with
     * another new Object()). After GC the heap must be back near where it started and the hooks must know
     * only the live locks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void millionsOfShortLivedLocksLeaveMemoryBounded(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(ShortLived.class).on(jvm).jvmArgs("-Xmx256m", "-XX:TieredStopAtLevel=4")
                .jfr().args("1000000", "0").timeout(Duration.ofMinutes(4)).run().assertExit(0);
        long base = Long.parseLong(r.value("HEAP_BASE"));
        long after = Long.parseLong(r.value("HEAP_LOCKS"));
        int known = Integer.parseInt(r.value("KNOWN_LOCKS"));
        assertTrue(known < 1000, () -> "LockNames.knownLocks() = " + known + " after the locks died" + r.describe());
        assertTrue(after - base < 16 * MB, () -> "used heap after GC grew by " + (after - base) / MB
                + " MB over 2.5 million dead locks (from " + base / MB + " MB to " + after / MB + " MB)" + r.describe());
        r.jfr().assertNoFindings();
        assertEquals(0, r.jfr().statistics().limitHits());
    }

    /**
     * 300,000 nestings of two short-lived monitors of one class (each an instance-order edge between two
     * instances that die at once), then a real same-class inversion (Hashtable equals both ways). One JVM
     * per JDK, checked by the two tests below.
     */
    private static final Memo<Jvm, RunResult> PAIRS = new Memo<>(jvm -> Fork.program(ShortLived.class).on(jvm)
            .jvmArgs("-Xmx256m", "-XX:TieredStopAtLevel=4").jfr().args("0", "0", "300000")
            .timeout(Duration.ofMinutes(4)).label("ShortLived-pairs-" + jvm.feature()).run());

    /** After them, with the default limits, the real inversion is still found. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void shortLivedSameClassNestingLeavesValidationIntact(Jvm jvm) {
        jvm.assumeAvailable();
        JfrData jfr = PAIRS.get(jvm).assertExit(0).jfr();
        jfr.single("circular", "Hashtable@io.jlockdep.it.programs.ShortLived.");
        assertEquals(1, jfr.findings().size(), jfr::describeFindings);
    }

    /** After GC the heap is back where it was: nothing of the dead instances stays. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void shortLivedSameClassNestingLeavesMemoryBounded(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = PAIRS.get(jvm).assertExit(0);
        long base = Long.parseLong(r.value("HEAP_BASE"));
        long after = Long.parseLong(r.value("HEAP_PAIRS"));
        assertTrue(after - base < 16 * MB, () -> "used heap after GC grew by " + (after - base) / MB
                + " MB over 300,000 same-class nestings of dead monitors" + r.describe());
    }

    /** 20,000 short-lived threads, each taking a shared and a fresh lock. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void tensOfThousandsOfShortLivedThreadsLeaveMemoryBounded(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(ShortLived.class).on(jvm).jvmArgs("-Xmx256m", "-XX:TieredStopAtLevel=4")
                .jfr().args("0", "20000").timeout(Duration.ofMinutes(4)).run().assertExit(0);
        r.jfr().assertNoFindings();
        long base = Long.parseLong(r.value("HEAP_BASE"));
        long after = Long.parseLong(r.value("HEAP_THREADS"));
        // A correct agent keeps nothing per dead thread; 4 MB would be 200 bytes each.
        assertTrue(after - base < 4 * MB, () -> "used heap after GC grew by " + (after - base) / MB
                + " MB over 20,000 dead threads" + r.describe());
        JfrData.Stats s = r.jfr().statistics();
        assertTrue(s.acquisitions() >= 60_000, s::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void tenThousandVirtualThreadsEndWithEmptyHeldStacks(Jvm jvm) {
        jvm.assumeAvailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(jvm.hasVirtualThreads(),
                () -> jvm + " has no virtual threads (JDK 21+): skipped");
        RunResult r = Fork.program(VirtualThreads.class).on(jvm).jvmArgs("-XX:TieredStopAtLevel=4").jfr()
                .args("10000").timeout(Duration.ofMinutes(3)).run().assertExit(0);
        assertEquals("10000", r.value("DONE"));
        assertEquals("0", r.value("NOT_EMPTY"), "virtual threads that ended with locks on their held stack");
        assertEquals("20000", r.value("SUM"));
        assertEquals("0", r.value("MAIN_DEPTH"));
        r.jfr().assertNoFindings();
        assertEquals(0, r.jfr().statistics().limitHits());
    }
}
