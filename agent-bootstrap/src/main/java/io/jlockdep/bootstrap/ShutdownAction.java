package io.jlockdep.bootstrap;

/**
 * The agent's work at JVM exit, run by the hooks on the exiting thread before any shutdown hook, so the
 * reports, the JFR recording and the graph dump are complete before anyone else (JFR included) shuts down.
 */
public interface ShutdownAction {
    /**
     * Finishes reporting and returns the exit status to use. Called by every exiting thread: the first call
     * does the work; calls from other threads meanwhile wait until it is done (boundedly: while it makes
     * progress); later calls return at once. Each returns the status for its own {@code status}.
     *
     * @param status the status the JVM is about to exit with: the program's ({@code System.exit}), 1 when
     *               {@code main} threw, or -1 when {@code main} returned (the launcher exits with 0)
     * @return the status to exit with; a different one than {@code status} makes the JVM exit with it
     */
    int finish(int status);
}
