package io.jlockdep.demo;

import io.jlockdep.core.Finding;
import io.jlockdep.demo.scenario.Scenario;
import io.jlockdep.demo.scenario.Scenarios;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's command line: {@code list}, {@code run NAME…}, {@code --help}, and with no argument the guided
 * tour. Exit status 0 when everything ran (and, for the tour under the agent, behaved as expected), 1 when
 * a scenario failed or was stopped by jlockdep ({@code onCycle=throw}), 2 for bad arguments.
 */
public final class Main {
    static final String PROGRAM = "jlockdep-demo-drivers";
    /** How to run the demo under the agent, from the project directory. */
    static final String UNDER_AGENT =
            "java -javaagent:agent/target/jlockdep-agent.jar -jar demo-drivers/target/jlockdep-demo-drivers.jar";

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs the command line {@code args}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return new Tour(out, err).run();
        }
        String command = args[0];
        switch (command) {
            case "--help":
            case "-h":
            case "help":
                if (args.length > 1) {
                    return bad(err, command + " takes no arguments (got '" + args[1] + "')");
                }
                out.print(usage());
                return 0;
            case "list":
                if (args.length > 1) {
                    return bad(err, "list takes no arguments (got '" + args[1] + "')");
                }
                for (Scenario s : Scenarios.all()) {
                    out.println(s.name() + "\t" + s.expected().label() + "\t" + s.description());
                }
                return 0;
            case "run":
                List<String> names = new ArrayList<>();
                for (int i = 1; i < args.length; i++) {
                    names.add(args[i]);
                }
                return runScenarios(names, out, err);
            default:
                return bad(err, "unknown command '" + command + "' (commands: list, run NAME..., --help;"
                        + " no argument runs the guided tour)");
        }
    }

    private static int runScenarios(List<String> names, PrintStream out, PrintStream err) {
        if (names.isEmpty()) {
            return bad(err, "run needs at least one scenario name; valid names: " + String.join(", ", Scenarios.names()));
        }
        List<String> unknown = new ArrayList<>();
        List<Scenario> selected = new ArrayList<>();
        for (String n : names) {
            Scenario s = Scenarios.byName(n);
            if (s == null) {
                unknown.add("'" + n + "'");
            } else {
                selected.add(s);
            }
        }
        if (!unknown.isEmpty()) {
            return bad(err, "unknown scenario " + String.join(", ", unknown) + "; valid names: "
                    + String.join(", ", Scenarios.names()));
        }
        boolean agent = ScenarioRun.agentActive();
        int failed = 0;
        for (Scenario s : selected) {
            ScenarioRun r = ScenarioRun.execute(s);
            if (r.failure() == null) {
                out.println(s.name() + ": " + r.summary() + " (" + r.millis() + " ms)");
            } else {
                out.println(s.name() + ": " + (r.isStoppedByJlockdep() ? "stopped by jlockdep" : "failed") + " ("
                        + r.millis() + " ms)");
            }
            if (agent) {
                if (r.findings().isEmpty()) {
                    out.println(s.name() + ": jlockdep found nothing");
                }
                for (Finding f : r.findings()) {
                    out.println(s.name() + ": jlockdep found " + ScenarioRun.describe(f));
                }
            }
            out.flush();
            if (r.failure() != null) {
                failed++;
                err.println(PROGRAM + ": " + r.failureLine());
                if (!r.isStoppedByJlockdep()) {
                    r.failure().printStackTrace(err);
                }
                err.flush();
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static int bad(PrintStream err, String message) {
        err.println(PROGRAM + ": " + message);
        return 2;
    }

    static String usage() {
        return "usage: java [-javaagent:jlockdep-agent.jar[=OPTIONS]] -jar jlockdep-demo-drivers.jar [COMMAND]\n"
                + "\n"
                + "Part 1: a simulated GPU and display driver stack on the jlockdep fence core, one scenario per\n"
                + "deadlock class of the dma-fence rules, and a busy correct workload. Part 2: everyday Java (a bank,\n"
                + "a price cache, an order desk, a batch dispatcher): a lock-order inversion and waits on a Future,\n"
                + "a monitor and a CountDownLatch under a lock. Each mistake has a fixed twin.\n"
                + "\n"
                + "commands:\n"
                + "  (none)        guided tour: runs every scenario and says what jlockdep found\n"
                + "  list          one line per scenario: NAME<TAB>EXPECTED<TAB>DESCRIPTION (inversion or clean)\n"
                + "  run NAME...   runs the named scenarios, in the order given\n"
                + "  --help        this text\n"
                + "\n"
                + "Under the agent, its reports go to stderr (log=stderr); onCycle=throw stops a scenario where it\n"
                + "closes a cycle. Exit status: 0 done; 1 a scenario failed or was stopped, or (tour, under the\n"
                + "agent) did not behave as expected; 2 bad arguments. From the project directory:\n"
                + "  " + UNDER_AGENT + "\n";
    }
}
