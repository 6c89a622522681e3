package io.jlockdep.it.programs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;

/**
 * Shared plumbing of the test programs. A program's {@code main} hands its scenarios (name → method) to
 * {@link #run}; each argument selects one, in order. The two halves of an inversion run one after the
 * other on their own threads ({@link #halves}), so no program ever deadlocks for real.
 *
 * <p>Exit status: 0 when every scenario ran without an unexpected exception, 70 otherwise (with the
 * exception on stderr), 64 for an unknown scenario.
 */
public final class Prog {
    /** A scenario body. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    /** A thread body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private static final List<Throwable> FAILURES = Collections.synchronizedList(new ArrayList<>());

    private Prog() {
    }

    /** Builds a scenario table (keeps the argument order of the source for {@code list}). */
    public static Map<String, Scenario> scenarios(Object... nameThenScenario) {
        Map<String, Scenario> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenScenario.length; i += 2) {
            m.put((String) nameThenScenario[i], (Scenario) nameThenScenario[i + 1]);
        }
        return m;
    }

    /** Runs the scenarios named by {@code args}, then returns (or exits 70/64 on failure). */
    public static void run(String[] args, Map<String, Scenario> scenarios) {
        for (String a : args) {
            Scenario s = scenarios.get(a);
            if (s == null) {
                System.err.println("unknown scenario '" + a + "'; known: " + scenarios.keySet());
                System.exit(64);
            }
            System.out.println("BEGIN " + a);
            try {
                s.run();
            } catch (Throwable t) {
                fail(t);
            }
            System.out.println("END " + a);
        }
        System.out.flush();
        if (!FAILURES.isEmpty()) {
            System.err.println("FAILED: " + FAILURES.size() + " unexpected exception(s)");
            System.exit(70);
        }
    }

    /**
     * Halts the JVM (status 99, after every thread's stack on stderr) when the program still runs after
     * {@code seconds}: a program that deadlocked for real fails at once with a clear message, instead of
     * making its test wait for the fork's timeout. A daemon thread: a program that ends in time never sees it.
     */
    public static void watchdog(String program, int seconds) {
        Thread w = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            StringBuilder sb = new StringBuilder("WATCHDOG: " + program + " still running after " + seconds
                    + " s (a real deadlock?); halting. Threads:\n");
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                sb.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
                for (StackTraceElement f : e.getValue()) {
                    sb.append("    at ").append(f).append('\n');
                }
            }
            System.err.print(sb);
            System.err.flush();
            Runtime.getRuntime().halt(99);
        }, "watchdog");
        w.setDaemon(true);
        w.start();
    }

    /** Records an unexpected exception (makes the program exit 70). */
    public static void fail(Throwable t) {
        FAILURES.add(t);
        System.err.println("UNEXPECTED in thread \"" + Thread.currentThread().getName() + "\":");
        t.printStackTrace();
    }

    /** Records a failed check of the program's own (makes the program exit 70). */
    public static void check(boolean ok, String what) {
        if (!ok) {
            fail(new AssertionError(what));
        }
    }

    /** Runs {@code body} on a new platform thread named {@code name} and waits for it. */
    public static void onThread(String name, Body body) {
        Thread t = start(name, body);
        join(t);
    }

    /** Starts {@code body} on a new platform thread named {@code name}; exceptions are recorded. */
    public static Thread start(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                fail(e);
            }
        }, name);
        t.start();
        return t;
    }

    /** Waits for {@code t} (at most a minute). */
    public static void join(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (t.isAlive()) {
            fail(new AssertionError("thread " + t.getName() + " did not finish"));
        }
    }

    /** The two halves of an inversion: {@code first} on thread {@code name1}, then {@code second} on {@code name2}. */
    public static void halves(String name1, Body first, String name2, Body second) {
        onThread(name1, first);
        onThread(name2, second);
    }

    /** Locks {@code outer}, then {@code inner}, then unlocks both. */
    public static void nest(Lock outer, Lock inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    /** Synchronizes on {@code outer}, then {@code inner}. */
    public static void nest(Object outer, Object inner) {
        synchronized (outer) {
            synchronized (inner) {
                // nothing
            }
        }
    }

    /** Sleeps without throwing. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code t} is blocked, waiting or timed-waiting (at most 10 s). */
    public static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED) {
                return;
            }
            sleep(2);
        }
        fail(new AssertionError("thread " + t.getName() + " never blocked (" + t.getState() + ")"));
    }
}
