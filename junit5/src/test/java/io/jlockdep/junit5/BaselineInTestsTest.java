package io.jlockdep.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.api.Jlockdep;
import io.jlockdep.core.Finding;
import io.jlockdep.core.HumanText;
import io.jlockdep.junit5.samples.CleanSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension honours the baseline {@code check} reads ({@code jlockdep.baseline} here, under the real agent):
 * each test makes an inversion itself, outside any test class, so the next class run ({@link CleanSample},
 * whose own tests are clean) answers for it, then runs that class with a baseline.
 */
class BaselineInTestsTest {
    @TempDir
    Path dir;

    @Test
    void aBaselinedFindingFailsNothingAndIsNamedOnOneLine() throws IOException {
        Finding f = invert(FirstLocks.A, FirstLocks.B);
        Path baseline = write("jlockdep-baseline.txt", "# accepted\n\n" + f.cycleId() + "  # circular\n");

        String[] err = new String[1];
        Samples run = withStderr(err, () -> Samples.run(CleanSample.class, Map.of("jlockdep.baseline",
                baseline.toString())));

        assertEquals(Map.of(), run.failedContainers());
        assertEquals(Map.of(), run.failedTests());
        assertEquals(3, run.succeededTests());
        String line = "jlockdep: baselined " + f.cycleId() + " " + HumanText.escape(f.lockClasses()) + " ("
                + baseline + ":3)";
        assertTrue(err[0].lines().anyMatch(line::equals), "expected the line\n" + line + "\nin\n" + err[0]);
    }

    @Test
    void aFindingTheBaselineDoesNotListStillFails() throws IOException {
        Finding f = invert(SecondLocks.A, SecondLocks.B);
        Path baseline = write("other.txt", "0123456789abcdef\n");

        Samples run = Samples.run(CleanSample.class, Map.of("jlockdep.baseline", baseline.toString()));

        PotentialDeadlockFailure failure = assertInstanceOf(PotentialDeadlockFailure.class,
                run.failedContainers().get("CleanSample"));
        assertEquals(List.of(f.cycleId()), failure.cycleIds());
    }

    @Test
    void aMalformedBaselineFailsTheClassWithOneLineAndNoStack() throws IOException {
        Path baseline = write("bad.txt", "# accepted\nnot-an-id\n");

        Samples run = Samples.run(CleanSample.class, Map.of("jlockdep.baseline", baseline.toString()));

        BaselineError e = assertInstanceOf(BaselineError.class, run.failedContainers().get("CleanSample"));
        assertEquals("jlockdep: " + baseline + ":2: malformed cycle id 'not-an-id' (expected 16 hex digits, as in"
                + " 'cycle id: 7f4baf92884d54f5') (the baseline named by jlockdep.baseline)", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertEquals(0, run.succeededTests(), "no test of the class runs");
    }

    @Test
    void aNamedBaselineThatDoesNotExistIsAnError() {
        Path missing = dir.resolve("missing.txt");

        Samples run = Samples.run(CleanSample.class, Map.of("jlockdep.baseline", missing.toString()));

        BaselineError e = assertInstanceOf(BaselineError.class, run.failedContainers().get("CleanSample"));
        assertEquals("jlockdep: " + missing + ": no such file (the baseline named by jlockdep.baseline)",
                e.getMessage());
    }

    @Test
    void anEmptyParameterMeansNoBaseline() {
        Finding f = invert(ThirdLocks.A, ThirdLocks.B);

        Samples run = Samples.run(CleanSample.class, Map.of("jlockdep.baseline", ""));

        PotentialDeadlockFailure failure = assertInstanceOf(PotentialDeadlockFailure.class,
                run.failedContainers().get("CleanSample"));
        assertEquals(List.of(f.cycleId()), failure.cycleIds());
    }

    /** Takes {@code a} then {@code b}, then the reverse: the one new finding, which nobody has claimed yet. */
    private static Finding invert(ReentrantLock a, ReentrantLock b) {
        int before = Jlockdep.findingCount();
        nest(a, b);
        nest(b, a);
        List<Finding> found = Jlockdep.findingsSince(before);
        assertEquals(1, found.size(), "one new finding: " + found);
        return found.get(0);
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

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Samples withStderr(String[] captured, java.util.function.Supplier<Samples> run) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return run.get();
        } finally {
            System.setErr(original);
            captured[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Each test's own lock classes, so that each inversion is a new finding. */
    static final class FirstLocks {
        static final ReentrantLock A = new ReentrantLock();
        static final ReentrantLock B = new ReentrantLock();
    }

    static final class SecondLocks {
        static final ReentrantLock A = new ReentrantLock();
        static final ReentrantLock B = new ReentrantLock();
    }

    static final class ThirdLocks {
        static final ReentrantLock A = new ReentrantLock();
        static final ReentrantLock B = new ReentrantLock();
    }
}
