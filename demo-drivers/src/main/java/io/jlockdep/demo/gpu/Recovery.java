package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.Kthread;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job-timeout recovery (the kernel's TDR): a watchdog thread that notices a job running on the hardware
 * for longer than the timeout, and resets the GPU: the hung job's fences are signalled with a
 * {@link JobTimeoutException}, the ring goes on with the next job, and the other drivers are told.
 *
 * <p>The reset is a signalling path — it is what completes the fence of a hung job, which others may be
 * waiting for — so it runs inside a signalling section.
 */
public final class Recovery {
    private final HardwareRing ring;
    private final long timeoutMillis;
    private final long timeoutNanos;
    private final List<ResetHook> hooks = new CopyOnWriteArrayList<>();
    private final AtomicLong resets = new AtomicLong();

    Recovery(Machine machine, String name, HardwareRing ring, long timeoutMillis) {
        this.ring = ring;
        this.timeoutMillis = timeoutMillis;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        machine.spawn(name + "-tdr", this::watchdog, null);
    }

    void addHook(ResetHook hook) {
        hooks.add(hook);
    }

    /** GPU resets so far. */
    public long resets() {
        return resets.get();
    }

    private void watchdog(Kthread self) {
        long periodMicros = Math.max(200, TimeUnit.MILLISECONDS.toMicros(timeoutMillis) / 4);
        while (!self.shouldStop()) {
            self.sleepMicros(periodMicros);
            HardwareRing.Entry stuck = ring.stuckLongerThan(timeoutNanos);
            if (stuck != null && !self.shouldStop()) {
                recover(stuck);
            }
        }
    }

    @SuppressWarnings("try") // the section is a scope: try-with-resources brackets it
    private void recover(HardwareRing.Entry guilty) {
        JobTimeoutException error = new JobTimeoutException(guilty.job, timeoutMillis);
        try (Scope section = Signalling.begin()) {
            ring.reset(guilty, error);
            for (ResetHook hook : hooks) {
                hook.duringGpuReset();
            }
        }
        resets.incrementAndGet();
        for (ResetHook hook : hooks) {
            hook.afterGpuReset();
        }
    }
}
