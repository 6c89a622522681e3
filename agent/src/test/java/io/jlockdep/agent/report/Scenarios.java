package io.jlockdep.agent.report;

import io.jlockdep.agent.EngineHost;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Real findings from the real engine on real threads, and JFR read-back helpers. */
public final class Scenarios {
    static final String HEADLINE = "WARNING: possible circular locking dependency detected";

    private Scenarios() {
    }

    /** {@code engine} as the reporter's host, as the agent gives it. */
    static Reporter.Host host(Lockdep engine) {
        return new EngineHost(engine);
    }

    /** Runs {@code body} on a new thread named {@code name} and waits for it; rethrows its failure. */
    public static void runOn(String name, Runnable body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("thread " + name + " failed", failure.get());
        }
    }

    /** Thread worker-1 takes {@code a} then {@code b}; worker-2 takes {@code b} then {@code a}: a circular finding. */
    static Finding inversion(Lockdep engine, String a, String b) {
        Finding f = tryInversion(engine, a, b);
        assertNotNull(f, "the engine must report the inversion");
        return f;
    }

    /** {@link #inversion}, which a suppressing engine answers with null. */
    static Finding tryInversion(Lockdep engine, String a, String b) {
        LockClass ca = engine.lockClass(a);
        LockClass cb = engine.lockClass(b);
        Object la = new Object();
        Object lb = new Object();
        runOn("worker-1", () -> {
            engine.acquire(la, ca, Mode.EXCLUSIVE);
            engine.acquire(lb, cb, Mode.EXCLUSIVE);
            engine.release(lb);
            engine.release(la);
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        runOn("worker-2", () -> {
            engine.acquire(lb, cb, Mode.EXCLUSIVE);
            found.set(engine.acquire(la, ca, Mode.EXCLUSIVE));
            engine.release(la);
            engine.release(lb);
        });
        return found.get();
    }

    /**
     * {@link #tryInversion}, but both workers hold one instance of {@code gate} throughout: a gated cycle,
     * which the engine reports only with {@code reportGated}.
     */
    static Finding gatedInversion(Lockdep engine, String gate, String a, String b) {
        LockClass cg = engine.lockClass(gate);
        Object lg = new Object();
        LockClass ca = engine.lockClass(a);
        LockClass cb = engine.lockClass(b);
        Object la = new Object();
        Object lb = new Object();
        runOn("worker-1", () -> {
            engine.acquire(lg, cg, Mode.EXCLUSIVE);
            engine.acquire(la, ca, Mode.EXCLUSIVE);
            engine.acquire(lb, cb, Mode.EXCLUSIVE);
            engine.release(lb);
            engine.release(la);
            engine.release(lg);
        });
        AtomicReference<Finding> found = new AtomicReference<>();
        runOn("worker-2", () -> {
            engine.acquire(lg, cg, Mode.EXCLUSIVE);
            engine.acquire(lb, cb, Mode.EXCLUSIVE);
            found.set(engine.acquire(la, ca, Mode.EXCLUSIVE));
            engine.release(la);
            engine.release(lb);
            engine.release(lg);
        });
        return found.get();
    }

    /** All events of type {@code name} in {@code file}, in file order. */
    static List<RecordedEvent> events(Path file, String name) throws IOException {
        List<RecordedEvent> out = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The stack text the events carry: one {@code \tat frame} line per frame. */
    public static String stackText(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : stack) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("\tat ").append(e);
        }
        return sb.toString();
    }
}
