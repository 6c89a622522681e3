package io.jlockdep.demo.scenario;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.BoUse;
import io.jlockdep.demo.gpu.Client;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import java.util.List;

/**
 * Bug class (c): an allocation that may enter reclaim, inside the scheduler's signalling path. Reclaim
 * may wait for fences (shrinkers, mmu notifiers), so it may wait for the job the scheduler is about to
 * run. Found on its first run through the primed contract.
 */
final class ReclaimInScheduler {
    static final String RULE = "no allocation that may enter reclaim in a fence signalling section (GFP_ATOMIC,"
            + " or allocate before the fence is published)";

    private ReclaimInScheduler() {
    }

    static Scenario mistake() {
        return Scenario.inversion("reclaim-in-scheduler",
                "the scheduler's run_job allocates the job's ring commands with GFP_KERNEL, inside its"
                        + " signalling section",
                RULE, "circular", List.of("fence-signalling", "reclaim"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("reclaim-in-scheduler-fixed",
                "run_job allocates with GFP_ATOMIC: the allocation never enters reclaim",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.RUN_JOB_ALLOCATES_WITH_RECLAIM)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo vertices = gpu.createBo("vertices", 16);
            Bo target = gpu.createBo("render-target", 64);
            for (int frame = 0; frame < 3; frame++) {
                Waits.fence(app.submit(List.of(BoUse.read(vertices), BoUse.write(target))), machine);
            }
            return "3 jobs scheduled and run: " + gpu.stats();
        }
    }
}
