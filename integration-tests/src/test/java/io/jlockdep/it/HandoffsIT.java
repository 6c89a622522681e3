package io.jlockdep.it;

import static io.jlockdep.it.Sources.fileLine;
import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.Handoffs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code StampedLock} released by a thread that does not hold it (legal: stamps are not owned). Before,
 * the taking thread kept it "held": the releaser's unlock was {@code unbalanced}, the holder's next lock
 * {@code recursive}, and after 64 hand-offs the holder passed {@code maxDepth} and was no longer checked,
 * so the inversion that followed was missed.
 */
class HandoffsIT {
    private static final Class<?> P = Handoffs.class;

    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(Handoffs.class).on(jvm).jfr()
            .args("stamped").label("Handoffs-jdk" + jvm.feature()).run());

    private static RunResult run(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = RUNS.get(jvm).assertExit(0);
        r.assertStdoutLine("HANDOFFS 150");
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void handOffsAreNeitherUnbalancedNorRecursive(Jvm jvm) {
        JfrData jfr = run(jvm).jfr();
        assertTrue(jfr.where(f -> !f.kind().equals("circular")).isEmpty(),
                () -> "unexpected findings:\n" + jfr.describeFindings() + jfr.run().describe());
        assertEquals(0, jfr.statistics().limitHits(), () -> "the holder passed a limit\n" + jfr.run().describe());
        assertTrue(!jfr.run().stderr().contains("deeper acquisitions are not tracked"), jfr.run()::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void theInversionAfterTheHandOffsIsReported(Jvm jvm) {
        JfrData jfr = run(jvm).jfr();
        String stamped = site("StampedLock", P, "stamped", "handoff-stamped");
        String other = site("ReentrantLock", P, "stamped", "handoff-other");
        Finding f = jfr.single("circular", stamped, other);
        assertEquals(2, f.classes().size(), f::toString);
        assertEquals("releaser", f.thread());
        assertTrue(f.acquisitionStack().contains("(" + fileLine(P, "handoff-backward-inner") + ")"),
                f::acquisitionStack);
        assertEquals(1, jfr.findings().size(), () -> jfr.describeFindings() + jfr.run().describe());
    }
}
