package io.jlockdep.demo.sys;

/**
 * The deliberate mistakes the simulated drivers can be built with, one per bug class of the dma-fence
 * documents. A {@link Machine} built with a mistake makes the driver code take its wrong path (each such
 * path is a method named after what it does wrong and marked {@code DELIBERATE MISTAKE}); without it, the
 * same code takes the correct path.
 */
public enum Mistake {
    /**
     * Runtime suspend waits for the GPU to go idle while holding the power-management lock, which the
     * interrupt handler takes (inside its signalling section) to drop its runtime-PM references.
     */
    SUSPEND_WAITS_UNDER_PM_LOCK,
    /**
     * The display commit tail locks the framebuffer's reservation (to read its tiling flags) inside the
     * signalling section of the flip fence it has already published.
     */
    COMMIT_TAIL_LOCKS_RESERVATION,
    /** The scheduler's run_job allocates with reclaim (GFP_KERNEL) inside its signalling section. */
    RUN_JOB_ALLOCATES_WITH_RECLAIM,
    /**
     * GPU reset (the job-timeout handler, a signalling path) takes the CRTC modeset locks to reset the
     * display, while atomic commits hold those locks while they wait for rendering fences.
     */
    RESET_TAKES_MODESET_LOCKS,
    /** VM bind allocates page tables while holding the VM lock, which the buffer shrinker takes to unbind. */
    VM_BIND_ALLOCATES_UNDER_VM_LOCK,
    /** The copy ioctl locks its source and destination buffers one after the other, without an acquire context. */
    COPY_LOCKS_BUFFERS_WITHOUT_CONTEXT,
    /**
     * The job-completion callback (run under the hardware fence's lock) takes the scheduler's job-list lock,
     * and run_job holds that lock while it arms the callback.
     */
    JOB_CALLBACK_TAKES_JOB_LIST_LOCK
}
