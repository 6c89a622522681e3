package io.jlockdep.demo.scenario;

import io.jlockdep.demo.display.Crtc;
import io.jlockdep.demo.display.Display;
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
import java.util.Map;

/**
 * Bug class (d): timeout/reset code taking the modeset locks that commit code holds while it waits for
 * fences. The compositor lights the display with a blocking modeset, which holds the CRTC's modeset locks
 * while it waits for the rendering. Then a job hangs the GPU; the timeout handler resets it inside a
 * signalling section (it completes the hung job's fence) and, in the faulty driver, resets the display
 * under the modeset locks right there — had the modeset been waiting for the hung job, neither could go on.
 */
final class ResetTakesModesetLocks {
    static final String RULE = "no modeset lock on a fence signalling path, GPU reset included: blocking"
            + " commits hold them while they wait for fences (recover the display after the reset)";

    private ResetTakesModesetLocks() {
    }

    static Scenario mistake() {
        return Scenario.inversion("reset-takes-modeset-locks",
                "the GPU timeout handler turns the display pipes off under their modeset locks, inside the"
                        + " reset's signalling section",
                RULE, "circular", List.of("fence-signalling", "crtc_ww_class_mutex"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("reset-takes-modeset-locks-fixed",
                "the reset only resets the GPU; the display is restored afterwards by its own worker, outside"
                        + " the signalling section",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.RESET_TAKES_MODESET_LOCKS)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0", 50);
            Display display = new Display(machine, gpu, "display0", 1, 500);
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo scratch = gpu.createBo("scratch", 16);
            Bo[] framebuffers = {gpu.createBo("fb0", 32), gpu.createBo("fb1", 32)};
            Crtc crtc = display.crtcs().get(0);
            // The compositor renders a frame and sets the mode: a blocking commit, which waits for the
            // rendering while it holds the modeset locks.
            app.submit(List.of(BoUse.write(framebuffers[0])));
            display.modeset(Map.of(crtc, framebuffers[0]));
            // A job locks up the GPU; after 50 ms the timeout handler resets it, failing the job.
            Fence hung = app.submitHanging(List.of(BoUse.write(scratch)));
            Waits.fence(hung, machine);
            Waits.until(() -> gpu.recovery().resets() >= 1, machine, "the GPU reset is over");
            if (!mistake) {
                Waits.until(() -> display.recoveries() >= 1, machine, "the display is restored");
            }
            // Life goes on: the next frame is rendered and flipped.
            app.submit(List.of(BoUse.write(framebuffers[1])));
            Waits.fence(display.pageFlip(crtc, framebuffers[1]), machine);
            return "modeset on " + crtc.name() + ", then a GPU hang: job failed ("
                    + hung.error().getClass().getSimpleName() + "), GPU reset, next frame flipped";
        }
    }
}
