package io.jlockdep.cli;

/** The tool's commands. */
public enum Command {
    /** Print the findings; exit 0 unless the input is bad. */
    REPORT("report"),
    /** Print the findings; exit 1 when there are any not accepted by the baseline. */
    CHECK("check"),
    /** Union the dependency edges of several recordings and report the cycles only the union shows. */
    MERGE("merge");

    private final String id;

    Command(String id) {
        this.id = id;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** Whether {@code --baseline} and {@code --write-baseline} apply. */
    public boolean takesBaseline() {
        return this != REPORT;
    }

    /** Whether findings fail the run (exit status 1). */
    public boolean failsOnFindings() {
        return this != REPORT;
    }

    /** The command named {@code name}, or null. */
    public static Command of(String name) {
        for (Command c : values()) {
            if (c.id.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
