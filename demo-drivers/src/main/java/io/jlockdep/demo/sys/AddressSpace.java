package io.jlockdep.demo.sys;

import io.jlockdep.fence.InvalidationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user process's address space, as far as drivers see it: its mmu notifiers. Drivers that map user
 * memory into the GPU (userptr buffers) register an invalidation callback; when the process unmaps or the
 * kernel migrates a range, {@link #invalidate} runs those callbacks inside the invalidation context, and
 * lock-free readers of the page tables detect the race with {@code readBegin} / {@code readRetry}.
 */
public final class AddressSpace {
    private final String name;
    private final InvalidationRegistry notifiers = new InvalidationRegistry();
    private final AtomicLong invalidations = new AtomicLong();

    /** An address space with no notifiers. */
    public AddressSpace(String name) {
        this.name = name;
    }

    /** The process's mmu notifiers. */
    public InvalidationRegistry notifiers() {
        return notifiers;
    }

    /**
     * The process unmapped (or the kernel is migrating) {@code [start, end)}: every notifier is told, in
     * the calling thread, and may wait for the GPU to stop using the range.
     */
    public void invalidate(long start, long end) {
        invalidations.incrementAndGet();
        notifiers.invalidate(start, end);
    }

    /** How many invalidations ran. */
    public long invalidations() {
        return invalidations.get();
    }

    @Override
    public String toString() {
        return "address space " + name;
    }
}
