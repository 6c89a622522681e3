package io.jlockdep.agent.cli;

/** The help texts ({@code --help}, {@code COMMAND --help}, and the usage printed when no argument is given). */
final class Usage {
    private static final String NL = "\n";
    private static final String JAR = "java -jar jlockdep-agent.jar";

    private Usage() {
    }

    /** The tool's usage. */
    static String tool() {
        return "Usage: " + JAR + " COMMAND FILE.jfr... [OPTIONS]" + NL
                + NL
                + "Reads JFR recordings made by the jlockdep agent (-javaagent:jlockdep-agent.jar=jfr=FILE)" + NL
                + "and prints the potential deadlocks found in them." + NL
                + NL
                + "Commands:" + NL
                + "  report FILE.jfr...   print the findings of the recordings (exit 0 unless the input is bad)" + NL
                + "  check FILE.jfr...    print them and exit 1 when there are any not accepted by --baseline" + NL
                + "  merge FILE.jfr...    union the dependency edges of recordings made with edges=on and report" + NL
                + "                       the cycles only the union shows (A->B in one JVM, B->A in another)" + NL
                + NL
                + "Options:" + NL
                + OPTIONS
                + "  --version                    print the version" + NL
                + NL
                + "A directory argument stands for the *.jfr files in it. The same finding in many" + NL
                + "recordings (cycle id) is reported once, with the recordings that had it." + NL
                + NL
                + EXIT
                + NL
                + "'" + JAR + " COMMAND --help' tells more; docs/cli.md describes the formats." + NL;
    }

    private static final String OPTIONS =
            "  --format FORMAT              text (default), json, sarif, junit or dot" + NL
            + "  --output FILE                write the output to FILE instead of standard output" + NL
            + "  --baseline FILE              (check, merge) accept the cycle ids listed in FILE" + NL
            + "  --write-baseline FILE        (check, merge) write the current findings' ids to FILE; exit 0" + NL
            + "  --source-root DIR            (sarif) a source directory for file locations; repeatable" + NL
            + "                               (default: src/{main,test}/java here and in subdirectories)" + NL
            + "  -h, --help                   this help" + NL;

    private static final String EXIT =
            "Exit status: 0 clean (report: always, unless the input is bad), 1 potential deadlocks" + NL
            + "found that the baseline does not accept (check, merge), 2 bad input (usage, unreadable," + NL
            + "empty, truncated or non-JFR file, no jlockdep events, bad baseline)." + NL;

    /** The help of one command. */
    static String of(Command c) {
        switch (c) {
            case REPORT:
                return "Usage: " + JAR + " report FILE.jfr... [--format F] [--output FILE]" + NL
                        + "       [--source-root DIR]" + NL
                        + NL
                        + "Prints the potential deadlocks recorded in the recordings, each once (by cycle id)," + NL
                        + "in the lockdep layout, then a summary line. Exit status 0 whatever was found," + NL
                        + "2 on bad input." + NL
                        + NL
                        + "Options:" + NL
                        + "  --format FORMAT              text (default), json, sarif, junit or dot" + NL
                        + "  --output FILE                write the output to FILE instead of standard output" + NL
                        + "  --source-root DIR            (sarif) a source directory for file locations; repeatable" + NL
                        + "  -h, --help                   this help" + NL;
            case CHECK:
                return "Usage: " + JAR + " check FILE.jfr... [--baseline FILE] [--write-baseline FILE]" + NL
                        + "       [--format F] [--output FILE] [--source-root DIR]" + NL
                        + NL
                        + "As report, for CI: exit status 1 when a potential deadlock was found that the" + NL
                        + "baseline does not accept, 0 when clean, 2 on bad input." + NL
                        + NL
                        + "A baseline file lists accepted cycle ids, one per line; '#' starts a comment and" + NL
                        + "anything after the id is ignored. Ids in the baseline that no longer occur are" + NL
                        + "listed as stale (not an error). --write-baseline writes the current findings'" + NL
                        + "ids (with '# kind lock classes' comments) and exits 0: the first baseline of a CI job." + NL
                        + NL
                        + "Options:" + NL
                        + OPTIONS
                        + NL
                        + EXIT;
            default:
                return "Usage: " + JAR + " merge FILE.jfr... [--baseline FILE] [--write-baseline FILE]" + NL
                        + "       [--format F] [--output FILE] [--source-root DIR]" + NL
                        + NL
                        + "Unions the dependency edges of recordings made with the agent option edges=on" + NL
                        + "(by lock class name), searches the union for cycles with the engine, and reports" + NL
                        + "the cycles no single recording shows: e.g. A then B in one test JVM, B then A" + NL
                        + "in another. Each edge is shown with the recording, thread, stack and context" + NL
                        + "where it was first seen. Cycles a single recording already reports are left to" + NL
                        + "check. Exit status as check: 1 when such a cycle is found and not accepted by" + NL
                        + "the baseline, 0 when clean, 2 on bad input (also: a recording without edges)." + NL
                        + NL
                        + "Options:" + NL
                        + OPTIONS
                        + NL
                        + EXIT;
        }
    }
}
