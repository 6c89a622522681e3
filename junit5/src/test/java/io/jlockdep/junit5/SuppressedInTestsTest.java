package io.jlockdep.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.api.Jlockdep;
import io.jlockdep.core.Finding;
import io.jlockdep.core.HumanText;
import io.jlockdep.junit5.samples.CleanSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A finding the agent's {@code suppress=} file holds back (this module's tests run with
 * {@code src/test/resources/jlockdep-suppress.txt}, which names {@link HeldBack}'s locks) fails nothing and is
 * named on one line when the next test or class ends — once.
 */
class SuppressedInTestsTest {
    @Test
    void aSuppressedFindingFailsNothingAndIsNamedOnce() {
        int findings = Jlockdep.findingCount();
        int before = Jlockdep.suppressedCount();
        nest(HeldBack.A, HeldBack.B);
        nest(HeldBack.B, HeldBack.A);
        assertEquals(findings, Jlockdep.findingCount(), "suppressed: not reported");
        List<Finding> held = Jlockdep.suppressedSince(before);
        assertEquals(1, held.size(), "one finding held back: " + held);
        Finding f = held.get(0);

        String first = stderrOf(() -> assertClean(Samples.run(CleanSample.class)));
        String line = "jlockdep: suppressed " + f.cycleId() + " circular " + HumanText.escape(f.lockClasses())
                + " (suppress=)";
        assertEquals(1, first.lines().filter(line::equals).count(), "expected the line once\n" + line + "\nin\n" + first);

        String second = stderrOf(() -> assertClean(Samples.run(CleanSample.class)));
        assertTrue(second.lines().noneMatch(l -> l.contains(f.cycleId())), "named once only\n" + second);
    }

    private static void assertClean(Samples run) {
        assertEquals(Map.of(), run.failedContainers());
        assertEquals(Map.of(), run.failedTests());
    }

    private static void nest(ReentrantLock outer, ReentrantLock inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    private static String stderrOf(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The locks the suppress= file names. */
    static final class HeldBack {
        static final ReentrantLock A = new ReentrantLock();
        static final ReentrantLock B = new ReentrantLock();
    }
}
