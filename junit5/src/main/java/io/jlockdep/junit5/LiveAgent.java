package io.jlockdep.junit5;

import io.jlockdep.api.Jlockdep;
import io.jlockdep.core.Finding;
import io.jlockdep.core.HumanText;
import java.util.ArrayList;
import java.util.List;

/**
 * The only class of this module that names the agent's classes ({@code io.jlockdep.api.Jlockdep},
 * {@code io.jlockdep.core.Finding}). It is loaded only after {@link Agent} saw that they exist, and every call
 * into it is guarded there, so a missing or mismatched agent can never surface as a
 * {@code NoClassDefFoundError} in the user's tests.
 */
final class LiveAgent {
    private LiveAgent() {
    }

    static boolean isActive() {
        return Jlockdep.isActive();
    }

    static int findingCount() {
        return Jlockdep.findingCount();
    }

    static List<Reported> findingsSince(int index) {
        List<Finding> found = Jlockdep.findingsSince(index);
        List<Reported> out = new ArrayList<>(found.size());
        for (Finding f : found) {
            // The summary line is read by people in a test report: names escaped as in every human output.
            String gate = f.gatedBy();
            out.add(new Reported(f.kind().id(), HumanText.escape(f.lockClasses()), f.cycleId(), f.render(),
                    f.stack(), f.evidence().id(), gate == null ? null : HumanText.escape(gate)));
        }
        return out;
    }

    static int suppressedCount() {
        return Jlockdep.suppressedCount();
    }

    /** The held-back findings from {@code index} on, each as its line for the output. */
    static List<String> suppressedSince(int index) {
        List<Finding> held = Jlockdep.suppressedSince(index);
        List<String> out = new ArrayList<>(held.size());
        for (Finding f : held) {
            out.add("jlockdep: suppressed " + f.cycleId() + " " + f.kind().id() + " "
                    + HumanText.escape(f.lockClasses()) + " (suppress=)");
        }
        return out;
    }

    static void setContext(String context) {
        Jlockdep.setContext(context);
    }

    static void reportFindingsInTests() {
        Jlockdep.reportFindingsInTests();
    }

    static void reportedByTest(String cycleId) {
        Jlockdep.reportedByTest(cycleId);
    }
}
