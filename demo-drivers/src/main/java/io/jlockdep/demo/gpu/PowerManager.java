package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runtime power management: every submitted job holds a reference that keeps the GPU awake, dropped by
 * the interrupt handler when the job retires; an idle GPU may be suspended, and the next submission
 * resumes it.
 *
 * <p>The power lock — this object's monitor — is taken by the interrupt handler inside its signalling
 * section, so it must never be held while waiting for a fence.
 */
public final class PowerManager {
    /** How long suspend waits for the GPU to go idle before it gives up (the kernel's -EBUSY). */
    private static final long SUSPEND_TIMEOUT_MILLIS = 2_000;

    private final Machine machine;
    // Guarded by this object's monitor (the power lock).
    private long busy;
    private boolean suspended;
    private long suspends;
    private long resumes;

    PowerManager(Machine machine) {
        this.machine = machine;
    }

    /** Takes a reference for a new job (resuming a suspended GPU). */
    synchronized void get() {
        busy++;
        if (suspended) {
            suspended = false;
            resumes++;
        }
    }

    /** Drops the references of {@code jobs} retired jobs. Called by the interrupt handler, in its section. */
    synchronized void put(int jobs) {
        busy -= jobs;
    }

    /** Whether no job holds a reference. */
    public synchronized boolean isIdle() {
        return busy == 0;
    }

    /** Whether the GPU is suspended. */
    public synchronized boolean isSuspended() {
        return suspended;
    }

    /** Suspends so far. */
    public synchronized long suspends() {
        return suspends;
    }

    /** Resumes so far. */
    public synchronized long resumes() {
        return resumes;
    }

    /**
     * Suspends the GPU once it is idle: waits for the last job on the ring, then checks under the power
     * lock that nothing new came in (else waits again).
     *
     * @return true if suspended, false if it stayed busy for too long
     */
    boolean suspend(HardwareRing ring) {
        if (machine.has(Mistake.SUSPEND_WAITS_UNDER_PM_LOCK)) {
            return suspendWaitingUnderPowerLock(ring);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SUSPEND_TIMEOUT_MILLIS);
        for (;;) {
            Fence last = ring.lastFence();
            if (last != null && !Waits.fence(last, machine, SUSPEND_TIMEOUT_MILLIS)) {
                return false;
            }
            // Wait first, lock after: the interrupt handler needs this lock to finish the jobs we wait for.
            synchronized (this) {
                if (busy == 0) {
                    suspended = true;
                    suspends++;
                    return true;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * DELIBERATE MISTAKE (scenario wait-under-lock): takes the power lock, then waits for the GPU to go
     * idle. The interrupt handler that signals the fence being waited for takes the power lock to drop its
     * references: with a job still running, each waits for the other.
     * Breaks the rule: never wait for a fence while holding a lock that any fence signalling path takes.
     */
    private boolean suspendWaitingUnderPowerLock(HardwareRing ring) {
        synchronized (this) {
            Fence last = ring.lastFence();
            // Timed, so that the demo cannot hang even when the deadlock really happens.
            if (last != null && !Waits.fence(last, machine, SUSPEND_TIMEOUT_MILLIS)) {
                return false;
            }
            if (busy != 0) {
                return false;
            }
            suspended = true;
            suspends++;
            return true;
        }
    }
}
