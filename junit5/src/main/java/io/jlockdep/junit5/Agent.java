package io.jlockdep.junit5;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Guarded access to the agent's in-JVM API. The API classes are on the bootstrap class path only when the JVM
 * runs with {@code -javaagent:jlockdep-agent.jar}; this module merely compiles against them. Every method here
 * returns normally whatever the state of the JVM: without the agent (or with one this module does not match)
 * {@link #active()} is false, one line says so on stderr, once per JVM, and everything else is a no-op.
 */
final class Agent {
    static final String NOT_ATTACHED = "jlockdep: the agent is not attached, tests run unchecked; add"
            + " -javaagent:path/to/jlockdep-agent.jar to the test JVM (see jlockdep's docs/junit.md)";

    private static final String API_CLASS = "io.jlockdep.api.Jlockdep";
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    /** Set when a call into the agent failed to link: from then on the extension does nothing. */
    private static volatile boolean broken;

    private Agent() {
    }

    /** Lazily probed once: whether the API classes exist and the agent is armed. */
    private static final class Probe {
        static final boolean ACTIVE = probe();

        private static boolean probe() {
            try {
                Class.forName(API_CLASS, false, Agent.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                warnOnce(NOT_ATTACHED);
                return false;
            }
            try {
                if (LiveAgent.isActive()) {
                    return true;
                }
                warnOnce(NOT_ATTACHED);
            } catch (LinkageError | RuntimeException e) {
                disable(e);
            }
            return false;
        }
    }

    /**
     * Whether the agent is attached and usable. The first call without a usable agent prints the one-line
     * warning on stderr.
     */
    static boolean active() {
        return Probe.ACTIVE && !broken;
    }

    /** How many findings the agent has reported so far (0 when not {@link #active()}). */
    static int findingCount() {
        if (!active()) {
            return 0;
        }
        try {
            return LiveAgent.findingCount();
        } catch (LinkageError | RuntimeException e) {
            disable(e);
            return 0;
        }
    }

    /** The findings from {@code index} on, in the order found (empty when not {@link #active()}). */
    static List<Reported> findingsSince(int index) {
        if (!active()) {
            return Collections.emptyList();
        }
        try {
            return LiveAgent.findingsSince(index);
        } catch (LinkageError | RuntimeException e) {
            disable(e);
            return Collections.emptyList();
        }
    }

    /** How many findings {@code suppress=} held back so far (0 when not {@link #active()}). */
    static int suppressedCount() {
        if (!active()) {
            return 0;
        }
        try {
            return LiveAgent.suppressedCount();
        } catch (LinkageError | RuntimeException e) {
            disable(e);
            return 0;
        }
    }

    /** One output line per finding {@code suppress=} held back from {@code index} on (empty when not active). */
    static List<String> suppressedSince(int index) {
        if (!active()) {
            return Collections.emptyList();
        }
        try {
            return LiveAgent.suppressedSince(index);
        } catch (LinkageError | RuntimeException e) {
            disable(e);
            return Collections.emptyList();
        }
    }

    /** Labels what runs from now on (null clears); see {@code Jlockdep.setContext}. */
    static void setContext(String context) {
        if (!active()) {
            return;
        }
        try {
            LiveAgent.setContext(context);
        } catch (LinkageError | RuntimeException e) {
            disable(e);
        }
    }

    /** Tells the agent that failing tests carry the reports from now on (see {@code Jlockdep}). */
    static void reportFindingsInTests() {
        if (!active()) {
            return;
        }
        try {
            LiveAgent.reportFindingsInTests();
        } catch (LinkageError | RuntimeException e) {
            disable(e);
        }
    }

    /** Tells the agent that a test reported the finding with {@code cycleId} (failed or baselined). */
    static void reportedByTest(String cycleId) {
        if (!active()) {
            return;
        }
        try {
            LiveAgent.reportedByTest(cycleId);
        } catch (LinkageError | RuntimeException e) {
            disable(e);
        }
    }

    private static void disable(Throwable cause) {
        broken = true;
        warnOnce("jlockdep: the agent's API does not match jlockdep-junit5 (" + cause
                + "); tests run unchecked: use the agent and the extension of the same jlockdep version");
    }

    private static void warnOnce(String line) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println(line);
        }
    }
}
