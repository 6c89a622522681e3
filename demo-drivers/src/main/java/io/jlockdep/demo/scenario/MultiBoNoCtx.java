package io.jlockdep.demo.scenario;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.Client;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import java.util.List;

/**
 * Bug class (f): several buffers locked in opposite orders without an acquire context. Two copies run one
 * after the other — A to B on one thread, B to A on another; the faulty copy ioctl locks source then
 * destination with plain reservation locks. The fixed one locks both under one acquire context, whose
 * wait-die back-off makes any order safe.
 */
final class MultiBoNoCtx {
    static final String RULE = "lock several reservations only under one acquire context (ww_acquire_ctx), which"
            + " backs off instead of deadlocking";

    private MultiBoNoCtx() {
    }

    static Scenario mistake() {
        return Scenario.inversion("multi-bo-no-ctx",
                "the copy ioctl locks its source then its destination buffer without an acquire context; two"
                        + " copies run A to B and B to A",
                RULE, "instance-inversion", List.of("reservation_ww_class_mutex"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("multi-bo-no-ctx-fixed",
                "the copy ioctl locks both buffers under one acquire context (Reservations.lockAll)",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.COPY_LOCKS_BUFFERS_WITHOUT_CONTEXT)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client video = gpu.openClient("video", new AddressSpace("video"));
            Client compositor = gpu.openClient("compositor", new AddressSpace("compositor"));
            Bo a = gpu.createBo("frame-a", 32);
            Bo b = gpu.createBo("frame-b", 32);
            Threads.run("blit-1", () -> Waits.fence(video.copy(a, b), machine));
            Threads.run("blit-2", () -> Waits.fence(compositor.copy(b, a), machine));
            return "copied " + a.name() + " to " + b.name() + " and back: " + gpu.stats();
        }
    }
}
