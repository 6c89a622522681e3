package io.jlockdep.demo.gpu;

import io.jlockdep.fence.Fence;
import io.jlockdep.fence.FenceCallback;
import java.util.List;

/**
 * One command submission: the buffers it uses, the fences it must wait for before it may run (implicit
 * synchronisation through the buffers' reservations), its <em>finished</em> fence (published into the
 * buffers' reservations at submission, signalled when the hardware is done) and, once the scheduler ran
 * it, its hardware fence.
 */
public final class Job {
    private final long id;
    private final String owner;
    private final List<BoUse> uses;
    private final List<Fence> dependencies;
    private final boolean hangs;
    private final Fence finished;
    private final FenceCallback hwDone;
    private volatile Fence hwFence;

    Job(long id, String owner, List<BoUse> uses, List<Fence> dependencies, boolean hangs, Fence finished,
        Scheduler scheduler) {
        this.id = id;
        this.owner = owner;
        this.uses = List.copyOf(uses);
        this.dependencies = List.copyOf(dependencies);
        this.hangs = hangs;
        this.finished = finished;
        this.hwDone = hw -> scheduler.hwDone(this, hw);
    }

    /** The job's number on its device. */
    public long id() {
        return id;
    }

    /** The client that submitted it. */
    public String owner() {
        return owner;
    }

    /** The buffers it uses. */
    public List<BoUse> uses() {
        return uses;
    }

    /** The fences it waits for before it runs. */
    public List<Fence> dependencies() {
        return dependencies;
    }

    /** Whether this job locks up the hardware (a test of the timeout handler). */
    public boolean hangs() {
        return hangs;
    }

    /** Signalled when the job is done (with an error if it failed). */
    public Fence finished() {
        return finished;
    }

    /** The hardware fence, once the scheduler has run the job (else null). */
    public Fence hwFence() {
        return hwFence;
    }

    void setHwFence(Fence fence) {
        this.hwFence = fence;
    }

    /** The completion callback the scheduler arms on the hardware fence. */
    FenceCallback hwDoneCallback() {
        return hwDone;
    }

    @Override
    public String toString() {
        return "job " + id + " of " + owner;
    }
}
