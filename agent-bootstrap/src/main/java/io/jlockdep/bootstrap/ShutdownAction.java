package io.jlockdep.bootstrap;

/**
 * The agent's work at JVM exit, run by the hooks on the exiting thread before any shutdown hook, so the
 * reports, the JFR recording and the graph dump are complete before anyone else (JFR included) shuts down.
 */
public interface ShutdownAction {
    /**
     * Finishes reporting (once; later calls return at once) and returns the exit status to use.
     *
     * @param status the status the program exits with ({@code System.exit}), or -1 when {@code main}
     *               returned and the launcher decides the status
     * @return the status to exit with; for -1, a status other than -1 makes the JVM exit with it
     */
    int finish(int status);
}
