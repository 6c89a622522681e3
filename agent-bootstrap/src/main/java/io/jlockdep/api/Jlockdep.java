package io.jlockdep.api;

import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.bootstrap.LockNames;
import io.jlockdep.bootstrap.TestReports;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The agent's public face inside the program: what test frameworks and tools running <em>in</em> the
 * observed JVM may ask. Under {@code -javaagent:jlockdep-agent.jar} this class is loaded from the bootstrap
 * class path, so a copy on the application class path (as a compile dependency brings it) is never used;
 * without the agent that copy answers {@link #isActive()} false and everything else is a no-op.
 *
 * <p>None of these methods is on the hot path; all are safe to call from any thread and never throw.
 */
public final class Jlockdep {
    private Jlockdep() {
    }

    /** Whether the agent is attached and armed in this JVM. */
    public static boolean isActive() {
        return EngineHolder.engine() != null;
    }

    /**
     * How many findings have been reported so far — distinct cycle ids, not suppressed by {@code suppress=}.
     * Use it as the index for {@link #findingsSince}; it only grows.
     */
    public static int findingCount() {
        return reported().size();
    }

    /** The reported findings from {@code index} on (0 for all), in the order they were found. */
    public static List<Finding> findingsSince(int index) {
        List<Finding> all = reported();
        if (index <= 0) {
            return all;
        }
        if (index >= all.size()) {
            return Collections.emptyList();
        }
        return new ArrayList<>(all.subList(index, all.size()));
    }

    /**
     * Labels what the program is doing from now on, e.g. {@code "test com.acme.BankTest.audit()"}: reports
     * then say, per dependency edge, during what it was first seen ("first seen in thread "main" during
     * test …"), and {@code DependencyEdge} events carry it as {@code context}. One label for the whole
     * JVM; null clears it. Does nothing without the agent.
     */
    public static void setContext(String context) {
        Lockdep e = EngineHolder.engine();
        if (e != null) {
            e.setContext(context);
        }
    }

    /**
     * Names a lock instance for reports of instance inversions (two instances of one lock class taken in
     * both orders), which otherwise only number them: {@code monitor com.acme.Account (instance #2 "alice")}.
     * Does not keep the instance alive. Does nothing without the agent.
     */
    public static void nameInstance(Object lock, String name) {
        Lockdep e = EngineHolder.engine();
        if (e != null && lock != null) {
            try {
                e.setInstanceName(LockNames.identityOf(lock), name);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /**
     * Tells the agent that findings are reported as test failures from now on (the JUnit extension calls it
     * before the first test class runs): its log then prints one line per finding instead of the report, and
     * at exit the full report of each finding that no test {@linkplain #reportedByTest reported}. Without it
     * the log prints every report. Does nothing without the agent.
     */
    public static void reportFindingsInTests() {
        TestReports.activate();
    }

    /**
     * Marks the finding with {@code cycleId} as reported by a test (its failure, or a line naming it accepted
     * by a baseline): the log does not repeat its report at exit.
     */
    public static void reportedByTest(String cycleId) {
        TestReports.claim(cycleId);
    }

    /**
     * How many findings {@code suppress=} has held back so far (distinct cycle ids); the index for
     * {@link #suppressedSince}. It only grows.
     */
    public static int suppressedCount() {
        return suppressed().size();
    }

    /** The findings {@code suppress=} held back, from {@code index} on, in the order they were found. */
    public static List<Finding> suppressedSince(int index) {
        List<Finding> all = suppressed();
        return index <= 0 ? all : index >= all.size() ? Collections.<Finding>emptyList()
                : new ArrayList<>(all.subList(index, all.size()));
    }

    private static List<Finding> suppressed() {
        Lockdep e = EngineHolder.engine();
        if (e == null) {
            return new ArrayList<>();
        }
        try {
            return e.suppressedFindings();
        } catch (Throwable t) {
            return new ArrayList<>();
        }
    }

    /** The engine's findings: it already left out the suppressed ones. */
    private static List<Finding> reported() {
        Lockdep e = EngineHolder.engine();
        if (e == null) {
            return new ArrayList<>();
        }
        try {
            return e.findings();
        } catch (Throwable t) {
            return new ArrayList<>();
        }
    }
}
