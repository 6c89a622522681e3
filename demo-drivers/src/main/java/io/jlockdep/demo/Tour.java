package io.jlockdep.demo;

import io.jlockdep.core.Finding;
import io.jlockdep.demo.scenario.Scenario;
import io.jlockdep.demo.scenario.Scenarios;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The guided tour: every scenario in {@link Scenarios#tourOrder()}, part by part (the driver stack: the busy
 * correct stack, then each bug class; everyday Java: each bug), each bug's correct version first and then the
 * deliberate mistake — with, for each, what it does, the rule it is about, and what jlockdep found; at the end,
 * the findings counted per part. The agent prints its full reports on stderr as it finds them.
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
        List<Scenario.Part> parts = List.of(Scenario.Part.values());
        List<Scenario> scenarios = Scenarios.tourOrder();
        boolean agent = ScenarioRun.agentActive();
        intro(scenarios.size(), agent);
        List<String> unexpected = new ArrayList<>();
        Map<Scenario.Part, Integer> foundIn = new EnumMap<>(Scenario.Part.class);
        int failed = 0;
        int number = 0;
        for (int p = 0; p < parts.size(); p++) {
            Scenario.Part part = parts.get(p);
            List<Scenario> ofPart = Scenarios.tourOrder(part);
            foundIn.put(part, 0);
            out.println();
            out.println(heading(p + 1, parts.size(), part, number + 1, number + ofPart.size()));
            wrap("", partIntro(part));
            for (Scenario s : ofPart) {
                number++;
                out.println();
                out.println("[" + number + "/" + scenarios.size() + "] " + s.name() + " (expected: "
                        + s.expected().label() + ")");
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
                foundIn.merge(part, r.findings().size(), Integer::sum);
                boolean ok = r.asExpected();
                if (!ok) {
                    unexpected.add(s.name());
                }
                verdict(s, r, ok);
                out.flush();
            }
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
            int found = foundIn.values().stream().mapToInt(Integer::intValue).sum();
            wrap("", "summary: all " + scenarios.size() + " scenarios behaved as expected: " + found
                    + " potential deadlock(s) found in the " + (scenarios.size() - clean) + " mistakes ("
                    + perPart(foundIn) + "), nothing in the " + clean + " correct runs.");
            return 0;
        }
        wrap("", "summary: " + unexpected.size() + " of " + scenarios.size() + " scenarios did NOT behave as"
                + " expected: " + String.join(", ", unexpected) + " (potential deadlocks found: " + perPart(foundIn)
                + ")");
        return 1;
    }

    /** {@code part 2 of 2: everyday Java (scenarios 16-23)}. */
    static String heading(int index, int parts, Scenario.Part part, int first, int last) {
        return "part " + index + " of " + parts + ": " + part.title() + " (scenarios " + first + "-" + last + ")";
    }

    /** {@code 7 in the driver stack, 4 in everyday Java}. */
    private static String perPart(Map<Scenario.Part, Integer> foundIn) {
        List<String> l = new ArrayList<>();
        for (Map.Entry<Scenario.Part, Integer> e : foundIn.entrySet()) {
            l.add(e.getValue() + " in " + e.getKey().shortTitle());
        }
        return String.join(", ", l);
    }

    private static String partIntro(Scenario.Part part) {
        switch (part) {
            case DRIVERS:
                return "A simulated GPU and display stack on the jlockdep fence core: buffers with reservations,"
                        + " command submission under acquire contexts, a scheduler thread, a hardware ring signalling"
                        + " fences from an interrupt thread, job-timeout recovery, a shrinker evicting idle buffers,"
                        + " userptr invalidation, and a display with atomic commits and vblank-signalled flip fences."
                        + " A busy correct workload, then each deadlock class of the dma-fence rules, first done"
                        + " right, then with one deliberate mistake.";
            case EVERYDAY:
                return "The same checks on the Java every program has: a bank transferring between accounts, a"
                        + " price cache refreshing on an executor, a café's order desk with wait()/notify, a"
                        + " dispatcher awaiting a CountDownLatch. One lock-order inversion and three threads that"
                        + " wait — on a Future, a monitor, a latch — holding a lock that the code they wait for"
                        + " needs: each fix first, then the mistake.";
            default:
                throw new AssertionError(part);
        }
    }

    private void intro(int count, boolean agent) {
        out.println("jlockdep demo drivers: a guided tour");
        wrap("", count + " scenarios in " + Scenario.Part.values().length + " parts: a simulated GPU and display"
                + " driver stack, then everyday Java. Each deliberate mistake comes after its fixed twin, which must"
                + " stay silent. Nothing ever deadlocks for real: the two halves of each mistake run one after the"
                + " other.");
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
