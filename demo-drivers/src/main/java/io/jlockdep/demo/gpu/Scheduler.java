package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.Gfp;
import io.jlockdep.demo.sys.Kthread;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Memory;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.Timeline;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GPU scheduler (a small drm_sched): submissions queue jobs; the scheduler thread takes them in order,
 * waits for their dependencies, and runs each on the hardware ring, at most
 * {@link #HW_SUBMISSION_LIMIT} at a time. A job's <em>finished</em> fence (created at submission, on the
 * scheduler's timeline) is signalled by a callback on its hardware fence.
 *
 * <p>Everything from taking a job to handing it to the hardware is a signalling section: the job's finished
 * fence is published already, so this code must not allocate with reclaim, take reservation locks, or take
 * a lock that is held anywhere across a fence wait.
 */
public final class Scheduler {
    /** Jobs on the hardware at once (drm_sched's hw_submission_limit). */
    static final int HW_SUBMISSION_LIMIT = 8;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Machine machine;
    private final Memory memory;
    private final HardwareRing ring;
    /** Guards the queue of submitted jobs; the scheduler thread sleeps on {@link #queued}. */
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queued = queueLock.newCondition();
    /** Guards the list of jobs handed to the hardware and not freed yet (the pending list). */
    private final ReentrantLock jobListLock = new ReentrantLock();
    /** The lock every finished fence of this scheduler borrows. */
    private final ReentrantLock fenceLock = new ReentrantLock();
    private final Timeline timeline;

    // Guarded by queueLock.
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    // Guarded by jobListLock.
    private final ArrayDeque<Job> pending = new ArrayDeque<>();
    /** Hardware fences of the jobs run last, oldest first. Scheduler thread only. */
    private final ArrayDeque<Fence> onHardware = new ArrayDeque<>();

    private final AtomicLong nextJobId = new AtomicLong();
    private final AtomicLong ran = new AtomicLong();
    private final AtomicLong armed = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Scheduler(Machine machine, String name, HardwareRing ring) {
        this.machine = machine;
        this.memory = machine.memory();
        this.ring = ring;
        this.timeline = new Timeline(name + "-sched", fenceLock);
        machine.spawn(name + "-sched", this::main, this::wake);
    }

    /** A new job with its finished fence (not published anywhere yet). */
    Job newJob(String owner, List<BoUse> uses, List<Fence> dependencies, boolean hangs) {
        return new Job(nextJobId.incrementAndGet(), owner, uses, dependencies, hangs, timeline.createFence(null), this);
    }

    /** Queues {@code job}. Called by submissions inside their signalling section. */
    void push(Job job) {
        queueLock.lock();
        try {
            queue.add(job);
            queued.signal();
        } finally {
            queueLock.unlock();
        }
    }

    /** Jobs handed to the hardware and not freed yet. */
    public int pendingCount() {
        jobListLock.lock();
        try {
            return pending.size();
        } finally {
            jobListLock.unlock();
        }
    }

    /** Jobs run on the hardware so far. */
    public long ran() {
        return ran.get();
    }

    /** Jobs whose completion callback the scheduler has armed (or run at once) so far. */
    public long callbacksArmed() {
        return armed.get();
    }

    /** Jobs whose finished fence was signalled so far. */
    public long completed() {
        return completed.get();
    }

    /** Jobs that finished with an error so far. */
    public long failed() {
        return failed.get();
    }

    // ---------------------------------------------------------------------------------------------------
    // The scheduler thread

    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private void main(Kthread self) throws InterruptedException {
        while (!self.shouldStop()) {
            freeFinishedJobs();
            Job job = next(self);
            if (job == null) {
                continue;
            }
            try (Scope section = Signalling.begin()) {
                for (Fence dependency : job.dependencies()) {
                    if (!Waits.fence(dependency, self)) {
                        return;
                    }
                }
                while (onHardware.size() >= HW_SUBMISSION_LIMIT) {
                    if (!Waits.fence(onHardware.peek(), self)) {
                        return;
                    }
                    onHardware.poll();
                }
                runJob(job);
            }
        }
    }

    /** The next queued job, waiting at most one tick; null if none. */
    private Job next(Kthread self) throws InterruptedException {
        queueLock.lock();
        try {
            if (queue.isEmpty() && !self.shouldStop()) {
                queued.awaitNanos(TICK_NANOS);
            }
            return self.shouldStop() ? null : queue.poll();
        } finally {
            queueLock.unlock();
        }
    }

    private void wake() {
        queueLock.lock();
        try {
            queued.signalAll();
        } finally {
            queueLock.unlock();
        }
    }

    /** Hands {@code job} to the hardware. Inside the scheduler's signalling section. */
    private void runJob(Job job) {
        if (machine.has(Mistake.RUN_JOB_ALLOCATES_WITH_RECLAIM)) {
            allocateRingCommandsWithReclaim();
        } else {
            // GFP_ATOMIC: this path signals fences, and reclaim may wait for fences.
            memory.kmalloc(Gfp.ATOMIC);
        }
        Fence hw = ring.emit(job);
        job.setHwFence(hw);
        onHardware.add(hw);
        ran.incrementAndGet();
        if (machine.has(Mistake.JOB_CALLBACK_TAKES_JOB_LIST_LOCK)) {
            armCallbackUnderJobListLock(job, hw);
            return;
        }
        jobListLock.lock();
        try {
            pending.add(job);
        } finally {
            jobListLock.unlock();
        }
        boolean callbackArmed = hw.addCallback(job.hwDoneCallback());
        armed.incrementAndGet();
        if (!callbackArmed) {
            hwDone(job, hw); // the hardware was quicker: complete it here
        }
    }

    /**
     * DELIBERATE MISTAKE (scenario reclaim-in-scheduler): allocates the job's ring commands with
     * GFP_KERNEL inside the scheduler's signalling section. The allocation may enter reclaim, reclaim may
     * run shrinkers and mmu notifiers that wait for fences — possibly the very fence this path must signal.
     * Breaks the rule: no allocation that may reclaim on a fence signalling path (use GFP_ATOMIC or
     * preallocate before the fence is published).
     */
    private void allocateRingCommandsWithReclaim() {
        memory.kmalloc(Gfp.KERNEL);
    }

    /**
     * DELIBERATE MISTAKE (scenario fence-callback-lock), first half: arms the completion callback while
     * holding the job-list lock, so that the job is listed before it can complete. Adding a callback takes
     * the fence's lock: job-list lock → fence lock.
     */
    private void armCallbackUnderJobListLock(Job job, Fence hw) {
        boolean callbackArmed;
        jobListLock.lock();
        try {
            pending.add(job);
            callbackArmed = hw.addCallback(job.hwDoneCallback());
        } finally {
            jobListLock.unlock();
        }
        armed.incrementAndGet();
        if (!callbackArmed) {
            hwDone(job, hw);
        }
    }

    /**
     * The completion callback of a job's hardware fence: runs in the signalling thread (interrupt handler,
     * timeout handler) under the hardware fence's lock, or in the scheduler thread if the job completed
     * before the callback was armed. Propagates an error and signals the finished fence.
     */
    void hwDone(Job job, Fence hw) {
        if (machine.has(Mistake.JOB_CALLBACK_TAKES_JOB_LIST_LOCK)) {
            removeFromPendingListInCallback(job);
        }
        Throwable error = hw.error();
        if (error != null) {
            job.finished().setError(error);
            failed.incrementAndGet();
        }
        // Count before signalling: whoever waits on the finished fence then sees the count include this job.
        completed.incrementAndGet();
        job.finished().signal();
    }

    /**
     * DELIBERATE MISTAKE (scenario fence-callback-lock), second half: the completion callback, which runs
     * under the hardware fence's lock, takes the job-list lock to unlist the job: fence lock → job-list lock,
     * the opposite of run_job's order. Breaks the rule: a fence callback must not take a lock that is held
     * around signal() or addCallback() (leave the list to the scheduler thread, as the fixed driver does).
     */
    private void removeFromPendingListInCallback(Job job) {
        jobListLock.lock();
        try {
            pending.remove(job);
        } finally {
            jobListLock.unlock();
        }
    }

    /** Frees the jobs that have finished (in the scheduler thread, outside any fence lock). */
    private void freeFinishedJobs() {
        jobListLock.lock();
        try {
            pending.removeIf(j -> j.finished().isSignaled());
        } finally {
            jobListLock.unlock();
        }
    }
}
