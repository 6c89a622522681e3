package io.jlockdep.demo;

import io.jlockdep.core.Finding;
import io.jlockdep.demo.scenario.Scenario;
import io.jlockdep.demo.scenario.Scenarios;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The guided tour: every scenario in {@link Scenarios#tourOrder()} — the busy correct stack, then each bug
 * class, correct version first and then the deliberate mistake — with, for each, what it does, the rule it
 * is about, and what jlockdep found. The agent prints its full reports on stderr as it finds them.
 */
final class Tour {
    private static final int WIDTH = 100;
    /**
     * After a scenario with findings, how long to let the agent's reporter thread print them (on stderr)
     * before the verdict (on stdout), so that on a terminal each report appears under its scenario.
     */
    private static final long REPORT_GRACE_NANOS = 100_000_000L;

    private final PrintStream out;
    private final PrintStream err;

    Tour(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run() {
        List<Scenario> scenarios = Scenarios.tourOrder();
        boolean agent = ScenarioRun.agentActive();
        intro(scenarios.size(), agent);
        List<String> unexpected = new ArrayList<>();
        int failed = 0;
        int found = 0;
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            out.println();
            out.println("[" + (i + 1) + "/" + scenarios.size() + "] " + s.name() + " (expected: " + s.expected().label()
                    + ")");
            print("what:  ", (s.expected() == Scenario.Expected.INVERSION ? "MISTAKE: " : "") + s.description());
            print("rule:  ", s.rule());
            out.flush();
            ScenarioRun r = ScenarioRun.execute(s);
            if (r.failure() == null) {
                print("ran:   ", r.summary() + " (" + r.millis() + " ms)");
            } else {
                failed++;
                print("ran:   ", r.failureLine());
                if (!r.isStoppedByJlockdep()) {
                    r.failure().printStackTrace(err);
                }
            }
            if (!agent) {
                print("jlockdep: ", "not attached");
                continue;
            }
            if (!r.findings().isEmpty()) {
                out.flush();
                LockSupport.parkNanos(REPORT_GRACE_NANOS);
                err.flush();
            }
            found += r.findings().size();
            boolean ok = r.asExpected();
            if (!ok) {
                unexpected.add(s.name());
            }
            verdict(s, r, ok);
            out.flush();
        }
        out.println();
        if (!agent) {
            wrap("", "summary: " + scenarios.size() + " scenarios ran" + (failed > 0 ? ", " + failed + " failed" : "")
                    + "; jlockdep was not attached, so nothing was checked. To see its reports, run:");
            out.println("  " + Main.UNDER_AGENT);
            return failed == 0 ? 0 : 1;
        }
        if (unexpected.isEmpty()) {
            long clean = scenarios.stream().filter(s -> s.expected() == Scenario.Expected.CLEAN).count();
            wrap("", "summary: all " + scenarios.size() + " scenarios behaved as expected: " + found
                    + " potential deadlock(s) found in the " + (scenarios.size() - clean) + " mistakes, nothing in the "
                    + clean + " correct runs.");
            return 0;
        }
        wrap("", "summary: " + unexpected.size() + " of " + scenarios.size() + " scenarios did NOT behave as"
                + " expected: " + String.join(", ", unexpected));
        return 1;
    }

    private void intro(int count, boolean agent) {
        out.println("jlockdep demo drivers: a guided tour");
        wrap("", "A simulated GPU and display stack on the jlockdep fence core: buffers with reservations, command"
                + " submission under acquire contexts, a scheduler thread, a hardware ring signalling fences from an"
                + " interrupt thread, job-timeout recovery, a shrinker evicting idle buffers, userptr invalidation,"
                + " and a display with atomic commits and vblank-signalled flip fences. " + count + " scenarios: a"
                + " busy correct workload, then each deadlock class of the dma-fence rules, first done right, then"
                + " with one deliberate mistake. Nothing ever deadlocks for real: the two halves of each mistake"
                + " run one after the other.");
        out.println();
        if (agent) {
            wrap("", "jlockdep is attached: it reports each potential deadlock once, on stderr, the first time both"
                    + " halves have run; below, each scenario says what was found while it ran.");
        } else {
            wrap("", "jlockdep is NOT attached: the scenarios run, but nothing checks them. To see the reports,"
                    + " run from the project directory:");
            out.println("  " + Main.UNDER_AGENT);
        }
    }

    private void verdict(Scenario s, ScenarioRun r, boolean ok) {
        if (r.findings().isEmpty()) {
            print("jlockdep: ", "nothing found" + (ok ? " (as expected)" : " (NOT as expected: "
                    + (s.expected() == Scenario.Expected.INVERSION ? "a potential deadlock should have been found)"
                    : "the scenario did not complete)")));
            return;
        }
        for (Finding f : r.findings()) {
            // One line, however long: the lock class names are what a reader searches for.
            out.println("  jlockdep: found " + ScenarioRun.describe(f));
        }
        if (ok) {
            print("          ", "(as expected; the full report is on stderr)");
        } else if (s.expected() == Scenario.Expected.CLEAN) {
            print("          ", "(NOT as expected: this scenario should be clean)");
        } else {
            print("          ", "(NOT as expected: one " + s.expectedKind() + " finding involving "
                    + s.expectedClasses() + " was expected)");
        }
    }

    /** Prints {@code text} after {@code label}, indented by two, wrapped under itself. */
    private void print(String label, String text) {
        wrap("  " + label, text);
    }

    private void wrap(String first, String text) {
        String indent = " ".repeat(first.length());
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        out.println(line);
    }
}
