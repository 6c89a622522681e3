package io.jlockdep.demo.scenario;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.BoUse;
import io.jlockdep.demo.gpu.Client;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import java.util.List;

/**
 * Bug class (g): a fence callback, which runs under the fence's lock, taking a driver lock that is held
 * around {@code addCallback}. The faulty scheduler arms each job's completion callback while holding its
 * job-list lock, and the callback takes that lock to unlist the job.
 */
final class FenceCallbackLock {
    static final String RULE = "a fence callback runs under the fence's lock: it must not take a lock that is held"
            + " around signal() or addCallback() (defer the work to a thread)";

    private FenceCallbackLock() {
    }

    static Scenario mistake() {
        return Scenario.inversion("fence-callback-lock",
                "the job-completion callback takes the scheduler's job-list lock, which run_job holds while it"
                        + " arms that callback",
                RULE, "circular", List.of("ReentrantLock io.jlockdep.demo.gpu.HardwareRing.fenceLock",
                        "ReentrantLock io.jlockdep.demo.gpu.Scheduler.jobListLock"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("fence-callback-lock-fixed",
                "the callback only signals the job's finished fence; the scheduler thread unlists finished jobs",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.JOB_CALLBACK_TAKES_JOB_LIST_LOCK)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo target = gpu.createBo("render-target", 64);
            for (int i = 1; i <= 3; i++) {
                // The engine is busy with other work (paused here) while the scheduler runs the job, so the
                // completion callback is armed before the job completes — the common case on a busy GPU.
                gpu.ring().pause();
                Fence done = app.submit(List.of(BoUse.write(target)));
                long armed = i;
                Waits.until(() -> gpu.scheduler().callbacksArmed() >= armed, machine, "the scheduler ran the job");
                gpu.ring().resume();
                Waits.fence(done, machine);
            }
            return "3 jobs completed through their fence callbacks: " + gpu.stats();
        }
    }
}
