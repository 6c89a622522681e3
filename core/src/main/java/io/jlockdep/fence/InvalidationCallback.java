package io.jlockdep.fence;

/**
 * Told that a range of some address space is being invalidated (the kernel's mmu interval notifier
 * {@code invalidate}). Runs inside the invalidation context ({@link Invalidation}): it may wait for
 * fences, so no fence signalling path may trigger an invalidation, and it must not take a lock held
 * across {@link InvalidationRegistry#readBegin()} or across an allocation.
 */
@FunctionalInterface
public interface InvalidationCallback {
    /** The range from {@code start} (inclusive) to {@code end} (exclusive) is being invalidated. */
    void invalidate(long start, long end);
}
