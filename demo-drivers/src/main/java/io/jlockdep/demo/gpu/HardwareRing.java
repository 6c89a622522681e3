package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.Kthread;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.Timeline;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulated GPU: a ring buffer of jobs that an <em>engine</em> thread executes in order, writing the
 * sequence number of each completed job to a "hardware register" and raising an interrupt; the
 * <em>interrupt</em> thread then signals the hardware fences of every completed job, under the ring's
 * fence lock, inside a signalling section. A job that hangs locks the engine up until {@link #reset}.
 *
 * <p>Locks: the ring lock guards the ring buffer and the engine state; the fence lock (borrowed by every
 * hardware fence of the ring, like the kernel's per-ring fence spinlock) guards the list of fences in
 * flight. Order: ring lock → fence lock. Fence callbacks run under the fence lock.
 */
public final class HardwareRing {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Simulated execution time of a job. */
    private static final long WORK_NANOS = 2_000;

    /** Told how many jobs were retired (their hardware fences signalled), inside the signalling section. */
    @FunctionalInterface
    interface RetireListener {
        void retired(int jobs);
    }

    /** A job on the ring with its hardware fence. */
    static final class Entry {
        final Job job;
        final Fence fence;

        Entry(Job job, Fence fence) {
            this.job = job;
            this.fence = fence;
        }
    }

    private final RetireListener retireListener;
    /** Guards the ring buffer, the pause and hang state; the engine sleeps on {@link #work}. */
    private final ReentrantLock ringLock = new ReentrantLock();
    private final Condition work = ringLock.newCondition();
    /** The lock every hardware fence of this ring borrows; guards {@link #inflight}. */
    private final ReentrantLock fenceLock = new ReentrantLock();
    /** The interrupt controller's status: guards {@link #irqPending}. */
    private final ReentrantLock irqLock = new ReentrantLock();
    private final Condition irqRaised = irqLock.newCondition();
    private final Timeline timeline;

    // Guarded by ringLock.
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private boolean paused;
    private boolean hung;
    // Guarded by fenceLock.
    private final ArrayDeque<Entry> inflight = new ArrayDeque<>();
    // Guarded by irqLock.
    private boolean irqPending;

    /** The hardware register: sequence number of the last completed job. */
    private volatile long completedSeqno;
    private volatile Entry executing;
    private volatile long executingSince;
    private volatile Fence lastFence;

    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong interrupts = new AtomicLong();
    private final AtomicLong hangs = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();

    HardwareRing(Machine machine, String name, RetireListener retireListener) {
        this.retireListener = retireListener;
        this.timeline = new Timeline(name + "-ring", fenceLock);
        machine.spawn(name + "-engine", this::engine, this::wakeEngine);
        machine.spawn(name + "-irq", this::interrupts, this::wakeInterrupts);
    }

    /**
     * Puts {@code job} on the ring and returns its new hardware fence. Called by the scheduler inside its
     * signalling section.
     */
    Fence emit(Job job) {
        ringLock.lock();
        try {
            Fence fence = timeline.createFence(null);
            Entry e = new Entry(job, fence);
            fenceLock.lock();
            try {
                inflight.add(e);
            } finally {
                fenceLock.unlock();
            }
            queue.add(e);
            lastFence = fence;
            work.signal();
            return fence;
        } finally {
            ringLock.unlock();
        }
    }

    /** The hardware fence emitted last, or null: signalled when everything emitted so far is done. */
    public Fence lastFence() {
        return lastFence;
    }

    /** Stops the engine before its next job (the firmware halts the ring; running jobs finish). */
    public void pause() {
        setPaused(true);
    }

    /** Lets the engine run again after {@link #pause()}. */
    public void resume() {
        setPaused(false);
    }

    private void setPaused(boolean p) {
        ringLock.lock();
        try {
            paused = p;
            work.signalAll();
        } finally {
            ringLock.unlock();
        }
    }

    /** The job the engine has been executing for longer than {@code timeoutNanos}, or null. */
    Entry stuckLongerThan(long timeoutNanos) {
        Entry e = executing;
        if (e != null && System.nanoTime() - executingSince > timeoutNanos) {
            return e;
        }
        return null;
    }

    /**
     * Resets the engine after {@code guilty} timed out: its fence is signalled with {@code error}, it is
     * dropped from the ring, and the engine goes on with the next job. Called by the timeout handler inside
     * its signalling section.
     */
    void reset(Entry guilty, Throwable error) {
        boolean retired;
        fenceLock.lock();
        try {
            retired = inflight.remove(guilty);
            if (retired) {
                guilty.fence.setError(error);
                guilty.fence.signalLocked();
            }
        } finally {
            fenceLock.unlock();
        }
        ringLock.lock();
        try {
            queue.remove(guilty);
            if (executing == guilty) {
                executing = null;
            }
            hung = false;
            resets.incrementAndGet();
            work.signalAll();
        } finally {
            ringLock.unlock();
        }
        if (retired) {
            retireListener.retired(1);
        }
    }

    /** Jobs the engine completed. */
    public long executed() {
        return executed.get();
    }

    /** Interrupts handled. */
    public long interrupts() {
        return interrupts.get();
    }

    /** Times the engine locked up. */
    public long hangs() {
        return hangs.get();
    }

    /** Engine resets. */
    public long resets() {
        return resets.get();
    }

    // ---------------------------------------------------------------------------------------------------
    // The engine ("hardware")

    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private void engine(Kthread self) throws InterruptedException {
        while (!self.shouldStop()) {
            Entry e;
            ringLock.lock();
            try {
                while (!self.shouldStop() && (paused || hung || queue.isEmpty())) {
                    work.awaitNanos(TICK_NANOS);
                }
                if (self.shouldStop()) {
                    return;
                }
                e = queue.peek();
                if (executing != e) {
                    executing = e;
                    executingSince = System.nanoTime();
                }
                if (e.job.hangs()) {
                    // The hardware locks up on this job: nothing completes until the timeout handler resets it.
                    hung = true;
                    hangs.incrementAndGet();
                    continue;
                }
            } finally {
                ringLock.unlock();
            }
            // The simulated hardware is on the signalling path of every fence of the ring, so it runs in a
            // section like the interrupt handler: lockdep checks its locks too.
            try (Scope section = Signalling.begin()) {
                long end = System.nanoTime() + WORK_NANOS;
                while (System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
                }
                ringLock.lock();
                try {
                    if (queue.peek() == e) {
                        queue.poll();
                    }
                    if (executing == e) {
                        executing = null;
                    }
                    if (e.fence.seqno() > completedSeqno) {
                        completedSeqno = e.fence.seqno();
                    }
                } finally {
                    ringLock.unlock();
                }
                executed.incrementAndGet();
                raiseInterrupt();
            }
        }
    }

    private void raiseInterrupt() {
        irqLock.lock();
        try {
            irqPending = true;
            irqRaised.signal();
        } finally {
            irqLock.unlock();
        }
    }

    private void wakeEngine() {
        ringLock.lock();
        try {
            work.signalAll();
        } finally {
            ringLock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // The interrupt handler

    private void interrupts(Kthread self) throws InterruptedException {
        while (!self.shouldStop()) {
            irqLock.lock();
            try {
                while (!irqPending && !self.shouldStop()) {
                    irqRaised.awaitNanos(TICK_NANOS);
                }
                irqPending = false;
            } finally {
                irqLock.unlock();
            }
            if (self.shouldStop()) {
                return;
            }
            handleInterrupt();
        }
    }

    /** Retires every job the hardware has completed: signals its fence (running its callbacks). */
    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private void handleInterrupt() {
        interrupts.incrementAndGet();
        try (Scope section = Signalling.begin()) {
            long done = completedSeqno;
            int retired = 0;
            fenceLock.lock();
            try {
                while (!inflight.isEmpty() && inflight.peek().fence.seqno() <= done) {
                    Entry e = inflight.poll();
                    retired++;
                    e.fence.signalLocked();
                }
            } finally {
                fenceLock.unlock();
            }
            if (retired > 0) {
                retireListener.retired(retired);
            }
        }
    }

    private void wakeInterrupts() {
        irqLock.lock();
        try {
            irqRaised.signalAll();
        } finally {
            irqLock.unlock();
        }
    }
}
