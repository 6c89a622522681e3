package io.jlockdep.demo.sys;

import io.jlockdep.fence.Fence;
import java.util.concurrent.TimeUnit;

/**
 * Bounded fence waits. Driver threads wait in short slices so that a stop request ends them; user threads
 * wait in slices too, so that the death of a driver thread (which would leave the fence unsignalled for
 * ever) is reported to them at once, and a bug can never hang a scenario. Every slice is a real fence
 * wait, so lockdep sees each one.
 */
public final class Waits {
    /** One slice of a wait. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long a user thread waits before giving up. */
    public static final long USER_TIMEOUT_MILLIS = 20_000;

    private Waits() {
    }

    /**
     * In a driver thread: waits until {@code fence} is signalled.
     *
     * @return true when it is signalled, false if the thread must stop first
     */
    public static boolean fence(Fence fence, Kthread self) {
        while (fence.awaitUninterruptiblyNanos(SLICE_NANOS) == 0) {
            if (self.shouldStop()) {
                return false;
            }
        }
        return true;
    }

    /**
     * In a user thread: waits until {@code fence} is signalled.
     *
     * @throws ThreadDied if a driver thread of {@code machine} died meanwhile
     * @throws IllegalStateException if it is not signalled within {@link #USER_TIMEOUT_MILLIS}
     */
    public static void fence(Fence fence, Machine machine) {
        if (!fence(fence, machine, USER_TIMEOUT_MILLIS)) {
            throw new IllegalStateException("gave up after " + USER_TIMEOUT_MILLIS + " ms waiting for " + fence);
        }
    }

    /**
     * In a user thread: waits at most {@code timeoutMillis} for {@code fence}.
     *
     * @return whether it is signalled
     * @throws ThreadDied if a driver thread of {@code machine} died meanwhile
     */
    public static boolean fence(Fence fence, Machine machine, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (fence.awaitUninterruptiblyNanos(SLICE_NANOS) == 0) {
            machine.checkHealthy();
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * In a user thread: waits until {@code condition} holds, looking every half millisecond.
     *
     * @throws ThreadDied if a driver thread of {@code machine} died meanwhile
     * @throws IllegalStateException if it does not hold within {@link #USER_TIMEOUT_MILLIS}
     */
    public static void until(java.util.function.BooleanSupplier condition, Machine machine, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(USER_TIMEOUT_MILLIS);
        while (!condition.getAsBoolean()) {
            machine.checkHealthy();
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + USER_TIMEOUT_MILLIS + " ms waiting until " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
    }
}
