package io.jlockdep.agent.config;

/** Where human-readable reports go (option {@code log}). */
public enum LogTarget {
    /** Standard error (default). */
    STDERR("stderr"),
    /** Nowhere: no human-readable reports (JFR events, if enabled, are still written). */
    OFF("off"),
    /** A file, see {@link AgentOptions#logFile()}. */
    FILE("file");

    private final String id;

    LogTarget(String id) {
        this.id = id;
    }

    /** {@code stderr}, {@code off} or {@code file}. */
    public String id() {
        return id;
    }
}
