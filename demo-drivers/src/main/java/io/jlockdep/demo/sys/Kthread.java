package io.jlockdep.demo.sys;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A driver thread (the kernel's kthread): runs its body once, and the body loops until
 * {@link #shouldStop()}. Every wait in a body is bounded (a few milliseconds at a time), so a stop request
 * or a failure elsewhere on the {@link Machine} ends the thread promptly. An exception that escapes the
 * body is recorded on the machine and reported to whoever waits for the driver's work.
 */
public final class Kthread {
    /** The thread's work. */
    @FunctionalInterface
    public interface Body {
        /** Runs until {@code self.shouldStop()}. */
        void run(Kthread self) throws Exception;
    }

    private final Machine machine;
    private final String name;
    private final Body body;
    private final Runnable wake;
    private final Thread thread;
    private volatile boolean stopping;

    Kthread(Machine machine, String name, Body body, Runnable wake) {
        this.machine = machine;
        this.name = name;
        this.body = body;
        this.wake = wake;
        this.thread = new Thread(this::main, name);
        // A thread that failed to stop never keeps the JVM alive; Machine.close() still waits for each one.
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void main() {
        try {
            body.run(this);
        } catch (Throwable t) {
            machine.fail(name, t);
        }
    }

    /** The thread's name. */
    public String name() {
        return name;
    }

    /** Whether the body should return: a stop was requested, or another thread of the machine died. */
    public boolean shouldStop() {
        return stopping || machine.failed();
    }

    /** Sleeps up to {@code micros} microseconds (less if woken to stop). */
    public void sleepMicros(long micros) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
    }

    void requestStop() {
        stopping = true;
        if (wake != null) {
            wake.run();
        }
        LockSupport.unpark(thread);
    }

    boolean join(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        return "kthread " + name;
    }
}
