package io.jlockdep.demo.everyday;

import io.jlockdep.demo.sys.ThreadDied;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one half of a scenario on a thread of its own, named after its role, and waits for it. */
final class OnThread {
    /** How long a half may run. */
    private static final long JOIN_MILLIS = 60_000;

    /** A half's work. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private OnThread() {
    }

    /**
     * Runs {@code body} on a thread named {@code name} and waits for it to end.
     *
     * @throws ThreadDied if it ended with an exception
     * @throws IllegalStateException if it is still running after a minute
     */
    static void run(String name, Body body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable x) {
                failure.set(x);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new ThreadDied(name, failure.get());
        }
        if (t.isAlive()) {
            throw new IllegalStateException("thread " + name + " still running after " + JOIN_MILLIS + " ms");
        }
    }
}
