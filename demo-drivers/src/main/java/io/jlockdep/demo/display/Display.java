package io.jlockdep.demo.display;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.gpu.ResetHook;
import io.jlockdep.demo.sys.Gfp;
import io.jlockdep.demo.sys.Kthread;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Reservation;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.WwMutex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A display driver with atomic modesetting (a small DRM/KMS): CRTCs with modeset locks, nonblocking page
 * flips whose commit tail runs on a worker thread, blocking modesets, flip fences signalled by the vblank
 * interrupt, and recovery after a GPU reset.
 *
 * <p>A commit locks the modeset locks, prepares the framebuffer (pins it, reads its tiling and its
 * rendering fences under its reservation), creates its flip fence and from then on is a signalling path:
 * the commit tail waits for the rendering, programs the hardware and arms the flip, inside a signalling
 * section; the vblank interrupt signals it. No commit tail may take a reservation lock or allocate with
 * reclaim, and no signalling path (GPU reset included) may take a modeset lock: blocking commits hold
 * them while waiting for fences.
 *
 * <p>Driver threads: {@code <name>-commit} (commit tails, recovery) and {@code <name>-vblank}.
 */
public final class Display implements ResetHook {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** Waits for a fence in whichever thread runs a commit. */
    @FunctionalInterface
    private interface FenceWaiter {
        /** Returns false if the thread must stop before the fence is signalled. */
        boolean await(Fence fence);
    }

    /** One item of the commit worker's queue. */
    @FunctionalInterface
    private interface Work {
        void run(Kthread self);
    }

    private final Machine machine;
    private final GpuDevice gpu;
    private final List<Crtc> crtcs;
    private final long vblankMicros;
    /** Guards the commit worker's queue. */
    private final ReentrantLock workLock = new ReentrantLock();
    private final Condition workQueued = workLock.newCondition();
    private final ArrayDeque<Work> work = new ArrayDeque<>();

    private final AtomicLong flips = new AtomicLong();
    private final AtomicLong modesets = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    private final AtomicLong resetsUnderLocks = new AtomicLong();

    /**
     * A display with {@code crtcCount} CRTCs refreshing every {@code vblankMicros} microseconds, whose
     * framebuffers are buffers of {@code gpu} (and which takes part in its resets).
     */
    public Display(Machine machine, GpuDevice gpu, String name, int crtcCount, long vblankMicros) {
        this.machine = machine;
        this.gpu = gpu;
        this.vblankMicros = vblankMicros;
        List<Crtc> list = new ArrayList<>();
        for (int i = 0; i < crtcCount; i++) {
            list.add(new Crtc(i, name + "-crtc" + i));
        }
        this.crtcs = Collections.unmodifiableList(list);
        gpu.addResetHook(this);
        machine.spawn(name + "-vblank", this::vblankInterrupts, null);
        machine.spawn(name + "-commit", this::commitWorker, this::wakeWorker);
    }

    /** The CRTCs. */
    public List<Crtc> crtcs() {
        return crtcs;
    }

    /** Nonblocking page flips committed so far. */
    public long flips() {
        return flips.get();
    }

    /** Blocking modesets done so far. */
    public long modesets() {
        return modesets.get();
    }

    /** Recoveries after GPU resets done so far. */
    public long recoveries() {
        return recoveries.get();
    }

    // ---------------------------------------------------------------------------------------------------
    // Nonblocking page flip

    /**
     * Flips {@code crtc} to {@code fb} at a coming vblank, once the rendering into {@code fb} is done.
     * Returns at once with the flip fence (the out-fence userspace waits for before it reuses the old
     * framebuffer).
     */
    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    public Fence pageFlip(Crtc crtc, Bo fb) {
        machine.checkHealthy();
        machine.memory().kmalloc(Gfp.KERNEL); // the commit state, before anything is published
        AtomicCommit commit = new AtomicCommit(crtc, fb);
        try (ModesetContext ctx = new ModesetContext()) {
            ctx.lockAll(crtc.modesetLocks());
            prepareFb(commit);
            commit.flip = crtc.vblank().newFlipFence();
            // The flip fence is published (returned to userspace) from here on.
            try (Scope section = Signalling.begin()) {
                commit.oldFb = crtc.swapCommitted(fb);
                queue(self -> runNonblockingCommit(commit, self));
            }
            ctx.dropLocks();
        }
        flips.incrementAndGet();
        return commit.flip;
    }

    private void runNonblockingCommit(AtomicCommit commit, Kthread self) {
        if (commitTail(commit, self) && Waits.fence(commit.flip, self)) {
            cleanupFb(commit);
        }
    }

    /**
     * The commit tail of a nonblocking commit, on the worker thread: waits for the rendering, programs the
     * scanout and arms the flip. It completes the published flip fence, so it is a signalling section.
     *
     * @return false if the thread must stop first
     */
    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private boolean commitTail(AtomicCommit commit, Kthread self) {
        try (Scope section = Signalling.begin()) {
            for (Fence rendering : commit.inFences) {
                if (!Waits.fence(rendering, self)) {
                    return false;
                }
            }
            String tiling = machine.has(Mistake.COMMIT_TAIL_LOCKS_RESERVATION)
                    ? readTilingUnderReservation(commit.fb) : commit.tiling;
            commit.crtc.program(commit.fb, tiling);
            commit.crtc.vblank().arm(commit.flip);
        }
        return true;
    }

    /**
     * DELIBERATE MISTAKE (scenario resv-in-commit-tail): the commit tail locks the framebuffer's
     * reservation to read its tiling flags, inside the signalling section of the flip fence it has
     * published. Reservations are held across allocations and fence waits everywhere (submission,
     * eviction), so whoever holds this one may be waiting, through reclaim, for this very flip.
     * Breaks the rule: no reservation lock on a fence signalling path (read what you need in prepare_fb).
     */
    private static String readTilingUnderReservation(Bo fb) {
        fb.resv().lock();
        try {
            return fb.tiling();
        } finally {
            fb.resv().unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Blocking modeset

    /**
     * Sets every CRTC of {@code state} to its framebuffer and returns once the new frames are on screen.
     * Like any blocking commit, it holds the modeset locks from start to end, also while it waits for the
     * rendering and for the flips.
     */
    public void modeset(Map<Crtc, Bo> state) {
        machine.checkHealthy();
        modeset(state, f -> {
            Waits.fence(f, machine);
            return true;
        });
    }

    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private boolean modeset(Map<Crtc, Bo> state, FenceWaiter waiter) {
        machine.memory().kmalloc(Gfp.KERNEL);
        List<AtomicCommit> commits = new ArrayList<>();
        List<WwMutex> locks = new ArrayList<>();
        for (Crtc crtc : crtcs) {
            Bo fb = state.get(crtc);
            if (fb != null) {
                commits.add(new AtomicCommit(crtc, fb));
                locks.addAll(crtc.modesetLocks());
            }
        }
        try (ModesetContext ctx = new ModesetContext()) {
            ctx.lockAll(locks);
            for (AtomicCommit c : commits) {
                prepareFb(c);
            }
            // drm_atomic_helper_wait_for_fences: the rendering must be done before the new frame is shown.
            for (AtomicCommit c : commits) {
                for (Fence rendering : c.inFences) {
                    if (!waiter.await(rendering)) {
                        return false;
                    }
                }
            }
            for (AtomicCommit c : commits) {
                c.flip = c.crtc.vblank().newFlipFence();
            }
            try (Scope section = Signalling.begin()) {
                for (AtomicCommit c : commits) {
                    c.oldFb = c.crtc.swapCommitted(c.fb);
                    c.crtc.program(c.fb, c.tiling);
                    c.crtc.vblank().arm(c.flip);
                }
            }
            for (AtomicCommit c : commits) {
                if (!waiter.await(c.flip)) {
                    return false;
                }
            }
            for (AtomicCommit c : commits) {
                cleanupFb(c);
            }
            ctx.dropLocks();
        }
        modesets.incrementAndGet();
        return true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Framebuffers

    /** prepare_fb: pins the framebuffer and reads what the commit tail needs, under its reservation. */
    private void prepareFb(AtomicCommit commit) {
        Bo fb = commit.fb;
        fb.resv().lock();
        try {
            gpu.bos().pin(fb);
            commit.tiling = fb.tiling();
            commit.inFences = fb.resv().fences(Reservation.Usage.WRITE);
        } finally {
            fb.resv().unlock();
        }
    }

    /** cleanup_fb: unpins the framebuffer the commit replaced (its flip is done). */
    private void cleanupFb(AtomicCommit commit) {
        Bo old = commit.oldFb;
        if (old == null) {
            return;
        }
        old.resv().lock();
        try {
            gpu.bos().unpin(old);
        } finally {
            old.resv().unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // GPU reset

    /** Inside the GPU reset's signalling section. */
    @Override
    public void duringGpuReset() {
        if (machine.has(Mistake.RESET_TAKES_MODESET_LOCKS)) {
            resetPipesUnderModesetLocks();
        }
    }

    /**
     * DELIBERATE MISTAKE (scenario reset-takes-modeset-locks): the GPU reset turns every pipe off under its
     * modeset lock, inside the reset's signalling section. A blocking commit holds that lock while it waits
     * for rendering fences — fences that only this reset can complete when the GPU hangs.
     * Breaks the rule: no signalling path may take a lock that is held across a fence wait (reset the
     * display after the section, as the fixed driver does).
     */
    private void resetPipesUnderModesetLocks() {
        for (Crtc crtc : crtcs) {
            crtc.lock().lock();
            try {
                crtc.resetHardware();
                resetsUnderLocks.incrementAndGet();
            } finally {
                crtc.lock().unlock();
            }
        }
    }

    /** After the GPU reset's section: restore the display on the worker thread. */
    @Override
    public void afterGpuReset() {
        if (!machine.has(Mistake.RESET_TAKES_MODESET_LOCKS)) {
            queue(this::restore);
        }
    }

    /**
     * Restores every pipe to its committed framebuffer after a GPU reset: a blocking commit on the worker
     * thread, outside any signalling section, so it may hold the modeset locks while it waits.
     */
    private void restore(Kthread self) {
        try (ModesetContext ctx = new ModesetContext()) {
            List<WwMutex> locks = new ArrayList<>();
            for (Crtc crtc : crtcs) {
                locks.addAll(crtc.modesetLocks());
            }
            ctx.lockAll(locks);
            for (Crtc crtc : crtcs) {
                Bo fb = crtc.committed();
                if (fb == null) {
                    crtc.resetHardware();
                    continue;
                }
                AtomicCommit c = new AtomicCommit(crtc, fb);
                fb.resv().lock();
                try {
                    c.tiling = fb.tiling();
                    c.inFences = fb.resv().fences(Reservation.Usage.WRITE);
                } finally {
                    fb.resv().unlock();
                }
                for (Fence rendering : c.inFences) {
                    if (!Waits.fence(rendering, self)) {
                        return;
                    }
                }
                crtc.program(fb, c.tiling);
            }
            ctx.dropLocks();
        }
        recoveries.incrementAndGet();
    }

    /** Pipes turned off under modeset locks by resets (the mistake's path). */
    public long resetsUnderLocks() {
        return resetsUnderLocks.get();
    }

    // ---------------------------------------------------------------------------------------------------
    // Threads

    private void queue(Work w) {
        workLock.lock();
        try {
            work.add(w);
            workQueued.signal();
        } finally {
            workLock.unlock();
        }
    }

    private void commitWorker(Kthread self) throws InterruptedException {
        while (!self.shouldStop()) {
            Work next;
            workLock.lock();
            try {
                while (work.isEmpty() && !self.shouldStop()) {
                    workQueued.awaitNanos(TICK_NANOS);
                }
                next = work.poll();
            } finally {
                workLock.unlock();
            }
            if (next != null && !self.shouldStop()) {
                next.run(self);
            }
        }
    }

    private void wakeWorker() {
        workLock.lock();
        try {
            workQueued.signalAll();
        } finally {
            workLock.unlock();
        }
    }

    private void vblankInterrupts(Kthread self) {
        while (!self.shouldStop()) {
            self.sleepMicros(vblankMicros);
            for (Crtc crtc : crtcs) {
                crtc.vblank().tick();
            }
        }
    }
}
