package io.jlockdep.agent.config;

/** What the agent does when a potential deadlock is detected (option {@code onCycle}). */
public enum OnCycle {
    /** Report the finding (log, JFR) and let the program go on (default). */
    REPORT("report"),
    /** Report, and throw {@code PotentialDeadlockError} in the thread about to close the cycle. */
    THROW("throw"),
    /** Report, let the program go on, and make the JVM exit with {@code exitCode} at shutdown. */
    EXIT("exit");

    private final String id;

    OnCycle(String id) {
        this.id = id;
    }

    /** The option value naming this behaviour: {@code report}, {@code throw} or {@code exit}. */
    public String id() {
        return id;
    }
}
