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
 * Bug class (a): a fence waited for while holding a lock the signaller needs. The interrupt handler drops
 * runtime-PM references under the power lock, inside its signalling section; runtime suspend (the mistake)
 * waits for the GPU to go idle while holding that lock.
 */
final class WaitUnderLock {
    static final String RULE = "never wait for a fence while holding a lock that a fence signalling path takes";

    private WaitUnderLock() {
    }

    static Scenario mistake() {
        return Scenario.inversion("wait-under-lock",
                "runtime suspend waits for the GPU to go idle while holding the power lock, which the interrupt"
                        + " handler takes to drop its runtime-PM references",
                RULE, "circular", List.of("fence-signalling", "PowerManager io.jlockdep.demo.gpu.GpuDevice.pm"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("wait-under-lock-fixed",
                "runtime suspend waits for the GPU to go idle first, then takes the power lock and checks that"
                        + " nothing new came in",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.SUSPEND_WAITS_UNDER_PM_LOCK)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo target = gpu.createBo("render-target", 64);
            // The app renders three frames; the interrupt handler retires each job and drops its runtime-PM
            // reference, taking the power lock inside its signalling section.
            for (int frame = 0; frame < 3; frame++) {
                Waits.fence(app.submit(List.of(BoUse.write(target))), machine);
            }
            // Autosuspend: once the last reference is gone, the idle GPU is suspended.
            Waits.until(gpu.pm()::isIdle, machine, "the GPU is idle");
            boolean suspended = gpu.suspend();
            return "3 frames rendered, then runtime suspend: GPU " + (suspended ? "suspended" : "still busy");
        }
    }
}
