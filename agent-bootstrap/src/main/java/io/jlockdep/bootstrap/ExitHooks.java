package io.jlockdep.bootstrap;

/**
 * The JVM's exit, seen from {@code Shutdown.exit}/{@code Shutdown.shutdown} and
 * {@code Thread.dispatchUncaughtException}: the agent's {@link ShutdownAction} runs once, on the first
 * exiting thread, before any shutdown hook, with the status the JVM is about to exit with. Every exiting
 * thread calls it: those that come while it runs (several threads calling {@code System.exit} at once) wait
 * there until it is done, since whichever of them went on first would run the shutdown hooks, JFR's
 * included, and halt the JVM while the reports are still being written. That status is the
 * program's for {@code System.exit}; when the last non-daemon thread ends instead, the launcher exits with 1
 * if {@code main} threw and 0 otherwise, which {@code Shutdown.shutdown()} does not say, so the main thread's
 * uncaught exception is remembered here. Hook rules as in {@link MonitorHooks}.
 */
public final class ExitHooks {
    private static volatile ShutdownAction shutdown;
    /** The thread that runs {@code main} (null when the agent was attached later). */
    private static volatile Thread mainThread;
    /** Whether {@code main} ended with an uncaught exception: the launcher then exits with status 1. */
    private static volatile boolean mainThrew;

    private ExitHooks() {
    }

    /** A new installation: {@code onShutdown} (null: none) has not run yet. */
    static void arm(ShutdownAction onShutdown) {
        shutdown = onShutdown;
        mainThrew = false;
    }

    /** Names the thread that will run {@code main} (the one that ran {@code premain}). */
    public static void mainThreadIs(Thread t) {
        mainThread = t;
    }

    /**
     * On entry to {@code Shutdown.exit(status)}: finishes reporting (or waits for the thread that does);
     * returns the status to exit with.
     */
    public static int beforeExit(int status) {
        ShutdownAction s = shutdown;
        if (s == null) {
            return status;
        }
        try {
            return s.finish(status);
        } catch (Throwable ignored) {
            return status;
        }
    }

    /** On entry to {@code Thread.dispatchUncaughtException}, in the dying thread. */
    public static void uncaughtException() {
        if (Thread.currentThread() == mainThread) {
            mainThrew = true;
        }
    }

    /**
     * On entry to {@code Shutdown.shutdown()}, when the last non-daemon thread ended without
     * {@code System.exit}: finishes reporting and, when the agent wants another status than the
     * launcher's ({@code onCycle=exit}), exits with it (running the shutdown hooks).
     */
    public static void beforeShutdown() {
        ShutdownAction s = shutdown;
        if (s == null) {
            return;
        }
        // -1: main returned (the launcher exits with 0); 1: main threw (the launcher exits with 1).
        int launcherStatus = mainThrew ? 1 : -1;
        int status;
        try {
            status = s.finish(launcherStatus);
        } catch (Throwable ignored) {
            return;
        }
        if (status != launcherStatus) {
            Runtime.getRuntime().exit(status);
        }
    }
}
