package io.jlockdep.demo.gpu;

/**
 * Another driver's part in a GPU reset (the display, here): told during the reset, inside the timeout
 * handler's signalling section, and after it.
 */
public interface ResetHook {
    /**
     * The GPU is being reset. Runs inside the reset's signalling section: the hung job's fences are
     * signalled by this path, so nothing here may wait for a fence, allocate with reclaim, or take a lock
     * that is held across a fence wait.
     */
    default void duringGpuReset() {
    }

    /** The reset is over (outside the signalling section): recover whatever needs locks or waits. */
    default void afterGpuReset() {
    }
}
