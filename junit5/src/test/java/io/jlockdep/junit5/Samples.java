package io.jlockdep.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs a sample class on the Jupiter engine (in this JVM, through the EngineTestKit) and reads its outcome. */
final class Samples {
    static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    final EngineExecutionResults results;

    private Samples(EngineExecutionResults results) {
        this.results = results;
    }

    static Samples run(Class<?> sample) {
        return run(sample, new HashMap<>());
    }

    static Samples runAutoDetected(Class<?> sample) {
        Map<String, String> config = new HashMap<>();
        config.put(AUTODETECTION, "true");
        return run(sample, config);
    }

    static Samples run(Class<?> sample, Map<String, String> config) {
        return new Samples(EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .configurationParameters(config)
                .execute());
    }

    /** Method name (plus the display name of a templated invocation) of each failed test, with its failure. */
    Map<String, Throwable> failedTests() {
        return failures(results.testEvents());
    }

    /** Simple class names of the failed containers, with their failures. */
    Map<String, Throwable> failedContainers() {
        return failures(results.containerEvents());
    }

    long succeededTests() {
        return results.testEvents().succeeded().count();
    }

    private static Map<String, Throwable> failures(Events events) {
        Map<String, Throwable> out = new HashMap<>();
        for (Event e : events.failed().list()) {
            Throwable t = e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .orElseThrow();
            out.put(name(e), t);
        }
        return out;
    }

    private static String name(Event e) {
        Object source = e.getTestDescriptor().getSource().orElse(null);
        if (source instanceof MethodSource) {
            String method = ((MethodSource) source).getMethodName();
            String display = e.getTestDescriptor().getDisplayName();
            return display.startsWith(method + "(") ? method : method + " " + display;
        }
        if (source instanceof ClassSource) {
            return ((ClassSource) source).getJavaClass().getSimpleName();
        }
        return e.getTestDescriptor().getDisplayName();
    }

    /** All jlockdep failures of the run, tests' and containers', including suppressed ones. */
    List<PotentialDeadlockFailure> jlockdepFailures() {
        List<PotentialDeadlockFailure> out = new ArrayList<>();
        List<Throwable> all = new ArrayList<>(failedTests().values());
        all.addAll(failedContainers().values());
        for (Throwable t : all) {
            if (t instanceof PotentialDeadlockFailure) {
                out.add((PotentialDeadlockFailure) t);
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof PotentialDeadlockFailure) {
                    out.add((PotentialDeadlockFailure) s);
                }
            }
        }
        return out;
    }
}
