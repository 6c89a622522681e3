package io.jlockdep.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.api.Jlockdep;
import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.junit5.samples.AlreadyFailingSample;
import io.jlockdep.junit5.samples.AutoDetectedSample;
import io.jlockdep.junit5.samples.BeforeAllSample;
import io.jlockdep.junit5.samples.CleanSample;
import io.jlockdep.junit5.samples.DoubleRegisteredSample;
import io.jlockdep.junit5.samples.InversionSample;
import io.jlockdep.junit5.samples.NestedSample;
import io.jlockdep.junit5.samples.ParallelSample;
import io.jlockdep.junit5.samples.ParameterizedSample;
import io.jlockdep.junit5.samples.RegisteredInstanceSample;
import io.jlockdep.junit5.samples.RepeatedSample;
import io.jlockdep.junit5.samples.StaticInitSample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The extension under the real agent (this JVM runs with {@code -javaagent:agent/target/jlockdep-agent.jar}):
 * each test runs one sample class (package {@code samples}) and checks which tests and containers failed, and
 * how. Every sample has its own locks, so its findings are new whatever ran before.
 */
class JlockdepExtensionTest {
    private static final String SAMPLES = "io.jlockdep.junit5.samples.";
    private static final String THREAD = "in thread \"" + Thread.currentThread().getName() + "\"";

    @BeforeAll
    static void agentAttached() {
        assertTrue(Jlockdep.isActive(), "these tests must run with -javaagent:…/jlockdep-agent.jar");
    }

    @AfterEach
    void contextCleared() {
        assertNull(EngineHolder.engine().context(), "the extension must leave no context behind");
    }

    @Test
    void inversionFailsTheTestThatClosesTheCycleAndNamesBothTests() {
        Samples run = Samples.run(InversionSample.class);

        assertEquals(Set.of("second"), run.failedTests().keySet());
        assertEquals(1, run.succeededTests());
        assertEquals(Map.of(), run.failedContainers());
        PotentialDeadlockFailure f = assertInstanceOf(PotentialDeadlockFailure.class, run.failedTests().get("second"));
        assertEquals(1, f.cycleIds().size());
        String summary = f.getMessage();
        String lockA = "ReentrantLock " + SAMPLES + "InversionSample.";
        // One line, which build tools repeat in their summary; the report is the cause, printed once with it.
        assertEquals(1, summary.lines().count(), summary);
        assertTrue(summary.startsWith("jlockdep: 1 potential deadlock during this test: circular " + lockA), summary);
        // Both tests took the same two lock instances: the evidence is witnessed.
        assertTrue(summary.endsWith(" (witnessed; cycle id " + f.cycleIds().get(0) + ")"), summary);
        String report = report(f);
        assertTrue(report.contains("\nevidence: witnessed (same instances)\n"), report);
        assertTrue(report.startsWith("\n======"), report);
        assertTrue(report.contains("WARNING: possible circular locking dependency detected"), report);
        assertTrue(report.contains("first seen " + THREAD + " during test " + SAMPLES + "InversionSample.first()"),
                report);
        assertTrue(report.contains("now, " + THREAD + " during test " + SAMPLES + "InversionSample.second()"),
                report);
        assertTrue(report.contains("cycle id: " + f.cycleIds().get(0)), report);
        // Application frames kept, the test machinery (JUnit, reflection, the test kit) folded into one line.
        assertTrue(report.contains("at " + SAMPLES + "Locks.nest("), report);
        assertTrue(report.contains("at " + SAMPLES + "InversionSample.second("), report);
        assertTrue(report.contains("framework frames"), report);
        assertFalse(report.contains("org.junit.platform"), report);
        assertFalse(report.contains("jdk.internal.reflect"), report);
        assertTrue(Arrays.stream(f.getStackTrace()).anyMatch(e -> e.getClassName().equals(InversionSample.class.getName())
                && e.getMethodName().equals("second")), "stack trace of the closing acquisition");
        assertFalse(Arrays.stream(f.getStackTrace()).anyMatch(e -> e.getClassName().startsWith("org.junit.")),
                "the failure's own stack trace ends with the application's frames");
    }

    /** The reports a jlockdep failure carries: its cause's message. */
    static String report(Throwable failure) {
        return assertInstanceOf(PotentialDeadlockFailure.Report.class, failure.getCause()).getMessage();
    }

    @Test
    void cleanClassPasses() {
        Samples run = Samples.run(CleanSample.class);

        assertEquals(3, run.succeededTests());
        assertEquals(Map.of(), run.failedTests());
        assertEquals(Map.of(), run.failedContainers());
    }

    @Test
    void autoDetectedExtensionFailsTheTest() {
        Samples run = Samples.runAutoDetected(AutoDetectedSample.class);

        assertEquals(Set.of("second"), run.failedTests().keySet());
        assertInstanceOf(PotentialDeadlockFailure.class, run.failedTests().get("second"));
        assertEquals(Map.of(), run.failedContainers());
    }

    @Test
    void extendWithAndAutoDetectionReportOnce() {
        Samples run = Samples.runAutoDetected(DoubleRegisteredSample.class);

        assertEquals(Set.of("second"), run.failedTests().keySet());
        assertEquals(1, run.jlockdepFailures().size());
        assertEquals(0, run.failedTests().get("second").getSuppressed().length);
        assertEquals(Map.of(), run.failedContainers());
    }

    @Test
    void registeredInstanceAndAutoDetectionReportOnce() {
        Samples run = Samples.runAutoDetected(RegisteredInstanceSample.class);

        assertEquals(Set.of("second"), run.failedTests().keySet());
        assertEquals(1, run.jlockdepFailures().size());
        assertEquals(0, run.failedTests().get("second").getSuppressed().length);
        assertEquals(Map.of(), run.failedContainers());
    }

    @Test
    void findingInBeforeAllFailsTheClass() {
        Samples run = Samples.run(BeforeAllSample.class);

        assertEquals(2, run.succeededTests());
        assertEquals(Map.of(), run.failedTests());
        assertEquals(Set.of("BeforeAllSample"), run.failedContainers().keySet());
        PotentialDeadlockFailure f = assertInstanceOf(PotentialDeadlockFailure.class,
                run.failedContainers().get("BeforeAllSample"));
        String message = f.getMessage() + report(f);
        assertTrue(message.startsWith("jlockdep: 1 potential deadlock in " + SAMPLES + "BeforeAllSample outside its"
                + " tests (initialization, @BeforeAll/@AfterAll, between tests or since the previous test class):"
                + " circular ReentrantLock " + SAMPLES + "BeforeAllSample."), message);
        assertTrue(message.contains("first seen " + THREAD + " during class " + SAMPLES + "BeforeAllSample"), message);
        assertTrue(message.contains("now, " + THREAD + " during class " + SAMPLES + "BeforeAllSample"), message);
    }

    @Test
    void findingInStaticInitializerOfPerClassInstanceFailsTheClass() {
        Samples run = Samples.run(StaticInitSample.class);

        assertEquals(1, run.succeededTests());
        assertEquals(Set.of("StaticInitSample"), run.failedContainers().keySet());
        assertInstanceOf(PotentialDeadlockFailure.class, run.failedContainers().get("StaticInitSample"));
    }

    @Test
    void testThatFailedAnywayKeepsItsFailureWithJlockdepsSuppressed() {
        Samples run = Samples.run(AlreadyFailingSample.class);

        assertEquals(Set.of("second"), run.failedTests().keySet());
        Throwable own = run.failedTests().get("second");
        assertInstanceOf(AssertionFailedError.class, own);
        assertEquals("the test's own failure", own.getMessage());
        assertEquals(1, own.getSuppressed().length);
        PotentialDeadlockFailure f = assertInstanceOf(PotentialDeadlockFailure.class, own.getSuppressed()[0]);
        assertTrue(f.getMessage().startsWith("jlockdep: 1 potential deadlock during this test: circular "));
        assertEquals(Map.of(), run.failedContainers());
    }

    @Test
    void repeatedTestsAreNamedByTheirDisplayName() {
        Samples run = Samples.run(RepeatedSample.class);

        assertEquals(Set.of("repeated repetition 2 of 2"), run.failedTests().keySet());
        String message = report(run.failedTests().get("repeated repetition 2 of 2"));
        assertTrue(message.contains("first seen " + THREAD + " during test " + SAMPLES
                + "RepeatedSample.repeated() \"repetition 1 of 2\""), message);
        assertTrue(message.contains("now, " + THREAD + " during test " + SAMPLES
                + "RepeatedSample.repeated() \"repetition 2 of 2\""), message);
    }

    @Test
    void parameterizedTestsAreNamedByTheirDisplayName() {
        Samples run = Samples.run(ParameterizedSample.class);

        assertEquals(Set.of("transfer [2] true"), run.failedTests().keySet());
        String message = report(run.failedTests().get("transfer [2] true"));
        assertTrue(message.contains("during test " + SAMPLES + "ParameterizedSample.transfer() \"[1] false\""),
                message);
        assertTrue(message.contains("during test " + SAMPLES + "ParameterizedSample.transfer() \"[2] true\""),
                message);
    }

    @Test
    void nestedClassesInheritTheExtension() {
        Samples run = Samples.run(NestedSample.class);

        assertEquals(Set.of("inner"), run.failedTests().keySet());
        String message = report(run.failedTests().get("inner"));
        assertTrue(message.contains("during test " + SAMPLES + "NestedSample.outer()"), message);
        assertTrue(message.contains("during test " + SAMPLES + "NestedSample$Inner.inner()"), message);
        assertEquals(Map.of(), run.failedContainers());
    }

    @Test
    void parallelTestsReportEachFindingOnce() {
        Map<String, String> config = new HashMap<>();
        config.put("junit.jupiter.execution.parallel.enabled", "true");
        config.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        config.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        Samples run = Samples.run(ParallelSample.class, config);

        List<PotentialDeadlockFailure> failures = run.jlockdepFailures();
        List<String> ids = failures.stream().flatMap(f -> f.cycleIds().stream()).toList();
        assertEquals(2, ids.size(), "two inversions, each reported once: " + failures);
        assertEquals(2, new HashSet<>(ids).size(), "each reported once: " + ids);
        assertEquals(Map.of(), run.failedContainers());
    }
}
