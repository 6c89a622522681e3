package io.jlockdep.fence;

/**
 * Code to run when a fence is signalled. It runs exactly once, in the signalling thread, while that
 * thread holds the fence's lock: it must not block, wait for fences, or take a lock that is held anywhere
 * around {@link Fence#signal()} or {@link Fence#addCallback} (the agent sees the fence lock held while it
 * runs and reports such an order).
 */
@FunctionalInterface
public interface FenceCallback {
    /** The fence {@code fence} has just been signalled. */
    void onSignal(Fence fence);
}
