package io.jlockdep.demo.sys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated computer the drivers run on: its memory (with the kswapd reclaim thread), the driver
 * threads, the mistakes the drivers were built with, and the first failure of any driver thread.
 *
 * <p>{@link #close()} stops every driver thread (newest first) and waits for each; a thread that does not
 * stop is an error, so nothing outlives a scenario. A driver thread that died is reported once: by
 * {@link #checkHealthy()} to a waiter, or else by {@code close()}.
 */
public final class Machine implements AutoCloseable {
    /** How long {@link #close()} waits for each thread. */
    private static final long JOIN_MILLIS = 10_000;

    private final Set<Mistake> mistakes;
    private final Memory memory;
    private final List<Kthread> kthreads = new CopyOnWriteArrayList<>();
    private final AtomicReference<ThreadDied> failure = new AtomicReference<>();
    private final AtomicBoolean failureReported = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * A machine with {@code memoryPages} pages of memory, whose drivers are built with {@code mistakes}.
     */
    public Machine(long memoryPages, Mistake... mistakes) {
        EnumSet<Mistake> set = EnumSet.noneOf(Mistake.class);
        Collections.addAll(set, mistakes);
        this.mistakes = Collections.unmodifiableSet(set);
        this.memory = new Memory(this, memoryPages);
        memory.start();
    }

    /** Whether the drivers were built with {@code mistake}. */
    public boolean has(Mistake mistake) {
        return mistakes.contains(mistake);
    }

    /** The machine's memory. */
    public Memory memory() {
        return memory;
    }

    /**
     * Starts a driver thread. {@code wake} (may be null) is run on a stop request to wake the thread from
     * a condition it waits on; parked threads are unparked anyway.
     *
     * @throws IllegalStateException if the machine is closed
     */
    public Kthread spawn(String name, Kthread.Body body, Runnable wake) {
        if (closed) {
            throw new IllegalStateException("machine is closed: cannot start " + name);
        }
        Kthread k = new Kthread(this, name, body, wake);
        kthreads.add(k);
        k.start();
        return k;
    }

    void fail(String threadName, Throwable cause) {
        failure.compareAndSet(null, new ThreadDied(threadName, cause));
    }

    /** Whether a driver thread died. */
    public boolean failed() {
        return failure.get() != null;
    }

    /**
     * Throws the death of a driver thread, the first time it is asked after one died.
     *
     * @throws ThreadDied if a driver thread died (with its exception as the cause)
     */
    public void checkHealthy() {
        ThreadDied died = failure.get();
        if (died != null && failureReported.compareAndSet(false, true)) {
            throw died;
        }
        if (died != null) {
            // Reported already: keep failing the caller, with a fresh exception that points at the first.
            throw new IllegalStateException("the machine is broken: " + died.getMessage());
        }
    }

    /**
     * Stops every driver thread, newest first, and waits for each.
     *
     * @throws IllegalStateException if a thread did not stop
     * @throws ThreadDied if a driver thread died and nobody was told yet
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Kthread> reversed = new ArrayList<>(kthreads);
        Collections.reverse(reversed);
        List<String> stuck = new ArrayList<>();
        for (Kthread k : reversed) {
            k.requestStop();
            try {
                if (!k.join(JOIN_MILLIS)) {
                    stuck.add(k.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stuck.add(k.name() + " (interrupted while waiting for it)");
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("driver threads did not stop: " + stuck);
        }
        ThreadDied died = failure.get();
        if (died != null && failureReported.compareAndSet(false, true)) {
            throw died;
        }
    }

    /** The names of the driver threads still running (none after {@link #close()}). */
    public List<String> liveThreads() {
        List<String> out = new ArrayList<>();
        for (Kthread k : kthreads) {
            if (k.thread().isAlive()) {
                out.add(k.name());
            }
        }
        return out;
    }
}
