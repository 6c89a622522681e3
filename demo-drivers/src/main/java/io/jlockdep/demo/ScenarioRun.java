package io.jlockdep.demo;

import io.jlockdep.api.Jlockdep;
import io.jlockdep.core.Finding;
import io.jlockdep.core.PotentialDeadlockError;
import io.jlockdep.demo.scenario.Scenario;
import io.jlockdep.demo.sys.ThreadDied;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scenario run and what jlockdep found during it: the findings reported between its start and its
 * end (through the agent's {@link Jlockdep} API; none without the agent), and how it ended.
 */
final class ScenarioRun {
    private final Scenario scenario;
    private final String summary;
    private final Throwable failure;
    private final long millis;
    private final List<Finding> findings;

    private ScenarioRun(Scenario scenario, String summary, Throwable failure, long millis, List<Finding> findings) {
        this.scenario = scenario;
        this.summary = summary;
        this.failure = failure;
        this.millis = millis;
        this.findings = findings;
    }

    /** Runs {@code scenario}; never throws (a failure, such as an onCycle=throw error, is part of the result). */
    static ScenarioRun execute(Scenario scenario) {
        boolean agent = agentActive();
        int before = agent ? Jlockdep.findingCount() : 0;
        if (agent) {
            // Reports then say, per dependency, during which scenario it was first seen.
            Jlockdep.setContext("scenario " + scenario.name());
        }
        long start = System.nanoTime();
        String summary = null;
        Throwable failure = null;
        try {
            summary = scenario.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (agent) {
                Jlockdep.setContext(null);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<Finding> found = agent ? Jlockdep.findingsSince(before) : List.of();
        return new ScenarioRun(scenario, summary, failure, millis, found);
    }

    /** Whether the jlockdep agent is attached and armed. */
    static boolean agentActive() {
        return Jlockdep.isActive();
    }

    Scenario scenario() {
        return scenario;
    }

    /** What ran, or null if it failed. */
    String summary() {
        return summary;
    }

    /** How it failed, or null. */
    Throwable failure() {
        return failure;
    }

    long millis() {
        return millis;
    }

    /** The findings reported while it ran (none without the agent). */
    List<Finding> findings() {
        return findings;
    }

    /**
     * Whether jlockdep found what the scenario expects: for a mistake exactly one finding, of the expected
     * kind, whose cycle involves the expected lock classes; for a correct scenario none. A scenario that
     * failed never behaved as expected.
     */
    boolean asExpected() {
        if (failure != null) {
            return false;
        }
        if (scenario.expected() == Scenario.Expected.CLEAN) {
            return findings.isEmpty();
        }
        if (findings.size() != 1) {
            return false;
        }
        Finding f = findings.get(0);
        if (!f.kind().id().equals(scenario.expectedKind())) {
            return false;
        }
        for (String part : scenario.expectedClasses()) {
            if (!f.lockClasses().contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** {@code <kind> <lock classes> (cycle id <id>)}. */
    static String describe(Finding f) {
        return f.kind().id() + " " + f.lockClasses() + " (cycle id " + f.cycleId() + ")";
    }

    /** Whether it failed because jlockdep threw a {@link PotentialDeadlockError} (onCycle=throw). */
    boolean isStoppedByJlockdep() {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PotentialDeadlockError) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line for a failed run: where jlockdep stopped it (onCycle=throw), or the exception otherwise.
     */
    String failureLine() {
        String thread = null;
        PotentialDeadlockError stop = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ThreadDied) {
                thread = ((ThreadDied) t).threadName();
            }
            if (t instanceof PotentialDeadlockError) {
                stop = (PotentialDeadlockError) t;
                break;
            }
        }
        String in = " in thread \"" + (thread != null ? thread : Thread.currentThread().getName()) + "\"";
        if (stop != null) {
            return "scenario " + scenario.name() + " stopped by jlockdep" + in + ": " + stop.getMessage() + ", at "
                    + driverFrame(stop);
        }
        Throwable root = failure;
        while (root.getCause() != null && root instanceof ThreadDied) {
            root = root.getCause();
        }
        return "scenario " + scenario.name() + " failed" + in + ": " + root;
    }

    /** The first frame of driver code (outside the simulated kernel's helpers in {@code demo.sys}). */
    static String driverFrame(Throwable t) {
        StackTraceElement fallback = null;
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("io.jlockdep.demo.")) {
                if (!c.startsWith("io.jlockdep.demo.sys.")) {
                    return e.toString();
                }
                if (fallback == null) {
                    fallback = e;
                }
            }
        }
        return fallback != null ? fallback.toString() : "(no demo frame)";
    }
}
