package io.jlockdep.fence;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A timeline: one fence context with monotonically increasing sequence numbers, and the lock its fences
 * may borrow. Contexts are allocated from a JVM-wide counter ({@link #allocateContexts}, the kernel's
 * {@code dma_fence_context_alloc}), so two timelines never share one.
 *
 * <p>Thread-safe.
 */
public final class Timeline {
    /** The last context handed out; contexts start at 1. */
    private static final AtomicLong LAST_CONTEXT = new AtomicLong();

    private final String name;
    private final long context;
    private final ReentrantLock lock;
    private final AtomicLong lastSeqno = new AtomicLong();

    /**
     * Reserves {@code count} new, consecutive fence contexts.
     *
     * @return the first of them
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public static long allocateContexts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cannot allocate " + count + " fence contexts: need at least 1");
        }
        return LAST_CONTEXT.getAndAdd(count) + 1;
    }

    /**
     * A timeline with a new context and a lock of its own for its fences to borrow.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public Timeline(String name) {
        this(name, new ReentrantLock());
    }

    /**
     * A timeline with a new context whose fences borrow {@code lock} (typically the driver's lock for the
     * ring or engine behind the timeline).
     *
     * @throws IllegalArgumentException if {@code name} is null or empty, or {@code lock} is null
     */
    public Timeline(String name, ReentrantLock lock) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a timeline needs a name");
        }
        if (lock == null) {
            throw new IllegalArgumentException("timeline " + name + " needs a lock (null given)");
        }
        this.name = name;
        this.lock = lock;
        this.context = allocateContexts(1);
    }

    /** The timeline's name. */
    public String name() {
        return name;
    }

    /** Its fence context. */
    public long context() {
        return context;
    }

    /** The lock fences from {@link #createFence} borrow. */
    public ReentrantLock lock() {
        return lock;
    }

    /** Takes the next sequence number: 1, 2, 3 … in call order across all threads. */
    public long nextSeqno() {
        return lastSeqno.incrementAndGet();
    }

    /** The last sequence number taken, 0 if none. */
    public long lastSeqno() {
        return lastSeqno.get();
    }

    /**
     * A new fence at the next sequence number that borrows this timeline's lock.
     *
     * @param ops the creator's hooks, or null for {@link FenceOps#DEFAULT}
     */
    public Fence createFence(FenceOps ops) {
        return new Fence(context, nextSeqno(), ops, lock);
    }

    /**
     * A new fence at the next sequence number with its own in-place lock, for fences that may outlive
     * whatever owns this timeline's lock.
     *
     * @param ops the creator's hooks, or null for {@link FenceOps#DEFAULT}
     */
    public Fence createInPlaceFence(FenceOps ops) {
        return new Fence(context, nextSeqno(), ops);
    }

    @Override
    public String toString() {
        return "timeline " + name + " (context " + context + ", last seqno " + lastSeqno.get() + ")";
    }
}
