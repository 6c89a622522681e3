package io.jlockdep.demo.display;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.fence.Fence;
import java.util.List;

/** One CRTC's part of an atomic commit: the new framebuffer and what the commit tail needs. */
final class AtomicCommit {
    final Crtc crtc;
    final Bo fb;
    /** Read from the framebuffer in prepare_fb, under its reservation. */
    String tiling;
    /** The rendering the flip waits for (the framebuffer's write fences, implicit sync). */
    List<Fence> inFences = List.of();
    /** Signalled at the vblank that shows the new framebuffer. */
    Fence flip;
    /** The framebuffer it replaces, unpinned once the flip is done. */
    Bo oldFb;

    AtomicCommit(Crtc crtc, Bo fb) {
        this.crtc = crtc;
        this.fb = fb;
    }
}
