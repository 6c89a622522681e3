package io.jlockdep.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a test framework reports findings as test failures in this JVM (the JUnit extension, through
 * {@code io.jlockdep.api.Jlockdep}), and which findings it has reported so far. The agent's log reads it: while
 * a framework reports, the log gives each finding one line instead of its report, and at exit the full report
 * of every finding no test reported, so that a failing test shows each report once and none is lost.
 */
public final class TestReports {
    private static volatile boolean active;
    private static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

    private TestReports() {
    }

    /** From now on a test framework reports findings; never turned off again in this JVM. */
    public static void activate() {
        active = true;
    }

    /** Whether a test framework reports findings. */
    public static boolean active() {
        return active;
    }

    /** Records that the finding with {@code cycleId} was reported by a test (as a failure, or as baselined). */
    public static void claim(String cycleId) {
        if (cycleId != null) {
            CLAIMED.add(cycleId);
        }
    }

    /** Whether a test reported the finding with {@code cycleId}. */
    public static boolean claimed(String cycleId) {
        return cycleId != null && CLAIMED.contains(cycleId);
    }

    /** For tests: back to the state of a JVM without a test framework. */
    public static void reset() {
        active = false;
        CLAIMED.clear();
    }
}
