package io.jlockdep.demo.scenario;

import io.jlockdep.demo.sys.ThreadDied;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** User threads of a scenario (applications using the drivers): started together, waited for, failures passed on. */
final class Threads {
    /** How long a user thread may run. */
    private static final long JOIN_MILLIS = 60_000;

    /** A user thread's work. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private Threads() {
    }

    /** Runs {@code body} on a thread named {@code name} and waits for it. */
    static void run(String name, Body body) {
        Map<String, Body> one = new LinkedHashMap<>();
        one.put(name, body);
        runAll(one);
    }

    /**
     * Runs each body on its own thread, all at once, and waits for all of them.
     *
     * @throws ThreadDied for the first thread that ended with an exception
     * @throws IllegalStateException if a thread is still running after a minute
     */
    static void runAll(Map<String, Body> bodies) {
        AtomicReference<ThreadDied> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, Body> e : bodies.entrySet()) {
            String name = e.getKey();
            Body body = e.getValue();
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable x) {
                    failure.compareAndSet(null, new ThreadDied(name, x));
                }
            }, name);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) {
            t.start();
        }
        List<String> stuck = new ArrayList<>();
        for (Thread t : threads) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                stuck.add(t.getName());
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("user threads still running after " + JOIN_MILLIS + " ms: " + stuck);
        }
    }
}
