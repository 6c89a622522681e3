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

/**
 * Bug class (b): a reservation lock taken inside a signalling section. The display's commit tail (the
 * mistake) locks the framebuffer's reservation to read its tiling flags after the flip fence is published.
 * Found on its first run, through the primed cross-driver contract (reservation → reclaim → invalidation
 * → fence wait).
 */
final class ResvInCommitTail {
    static final String RULE = "no reservation lock in a fence signalling section (a commit tail reads what it"
            + " needs in prepare_fb, before the flip fence is published)";

    private ResvInCommitTail() {
    }

    static Scenario mistake() {
        return Scenario.inversion("resv-in-commit-tail",
                "the display commit tail locks the framebuffer's reservation to read its tiling flags, after the"
                        + " flip fence was published",
                RULE, "circular", List.of("fence-signalling", "reservation_ww_class_mutex"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("resv-in-commit-tail-fixed",
                "prepare_fb reads the tiling flags under the reservation; the commit tail only uses them",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.COMMIT_TAIL_LOCKS_RESERVATION)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Display display = new Display(machine, gpu, "display0", 1, 500);
            Client compositor = gpu.openClient("compositor", new AddressSpace("compositor"));
            Bo[] framebuffers = {gpu.createBo("fb0", 32), gpu.createBo("fb1", 32)};
            Crtc crtc = display.crtcs().get(0);
            // Double buffering: render into the back buffer, flip (nonblocking), wait for the flip before
            // rendering into the buffer it replaced.
            Fence shown = null;
            for (int frame = 0; frame < 4; frame++) {
                if (shown != null) {
                    Waits.fence(shown, machine);
                }
                Bo fb = framebuffers[frame % 2];
                compositor.submit(List.of(BoUse.write(fb)));
                shown = display.pageFlip(crtc, fb);
            }
            Waits.fence(shown, machine);
            return "4 frames rendered and page-flipped on " + crtc.name() + " (" + display.flips() + " flips)";
        }
    }
}
