package io.jlockdep.demo.scenario;

import io.jlockdep.demo.display.Crtc;
import io.jlockdep.demo.display.Display;
import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.BoUse;
import io.jlockdep.demo.gpu.Client;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The busy, correct workload: three render clients submitting thousands of jobs over a pool of shared
 * textures (with implicit synchronisation, wait-die back-offs, userptr buffers), a compositor
 * page-flipping two CRTCs, a process invalidating the clients' userptr ranges, memory pressure that keeps
 * the shrinker evicting, and one job that hangs the GPU and is reset. Every rule is followed: jlockdep must
 * find nothing.
 */
final class FullStack {
    /** Jobs per render client. */
    static final int JOBS_PER_CLIENT = 1_000;
    /** Page flips the compositor does. */
    static final int FLIPS = 120;
    private static final int CLIENTS = 3;
    private static final int TEXTURES = 40;
    /** Memory pages: less than the textures need, so the shrinker is busy. */
    private static final long MEMORY_PAGES = 2_048;
    private static final long USERPTR_START = 0x10000;
    private static final long USERPTR_PAGES = 16;
    private static final int HANG_AT = 300;

    private FullStack() {
    }

    static Scenario scenario() {
        return Scenario.clean("full-stack",
                CLIENTS + " render clients (" + CLIENTS * JOBS_PER_CLIENT + " jobs over " + TEXTURES + " shared"
                        + " textures), a compositor page-flipping 2 CRTCs, userptr invalidations, memory pressure,"
                        + " and a GPU hang with its reset",
                "all the rules at once, on a busy stack", FullStack::run);
    }

    private static String run() {
        try (Machine machine = new Machine(MEMORY_PAGES)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0", 50);
            Display display = new Display(machine, gpu, "display0", 2, 300);
            SplittableRandom seeds = new SplittableRandom(42);

            List<Bo> textures = new ArrayList<>();
            for (int i = 0; i < TEXTURES; i++) {
                textures.add(gpu.createBo("texture" + i, 16 + seeds.nextInt(81)));
            }
            // The compositor: three framebuffers per CRTC, and a blocking modeset to light both pipes.
            Client compositor = gpu.openClient("compositor", new AddressSpace("compositor"));
            List<Crtc> crtcs = display.crtcs();
            Bo[][] framebuffers = new Bo[crtcs.size()][3];
            Map<Crtc, Bo> initial = new LinkedHashMap<>();
            for (Crtc crtc : crtcs) {
                for (int i = 0; i < 3; i++) {
                    framebuffers[crtc.index()][i] = gpu.createBo(crtc.name() + "-fb" + i, 32);
                }
                Bo first = framebuffers[crtc.index()][0];
                compositor.submit(List.of(BoUse.write(first)));
                initial.put(crtc, first);
            }
            display.modeset(initial);

            AtomicBoolean rendering = new AtomicBoolean(true);
            AtomicLong submitted = new AtomicLong();
            List<AddressSpace> spaces = new ArrayList<>();
            Map<String, Threads.Body> threads = new LinkedHashMap<>();
            for (int c = 1; c <= CLIENTS; c++) {
                String name = "client-" + c;
                AddressSpace space = new AddressSpace(name);
                spaces.add(space);
                Client client = gpu.openClient(name, space);
                Bo target = gpu.createBo(name + "-target", 32);
                Bo userptr = gpu.createUserptrBo(name + "-userptr", USERPTR_PAGES, space, USERPTR_START);
                boolean hangs = c == 1;
                long seed = seeds.nextLong();
                threads.put(name, () -> render(machine, client, textures, target, userptr, hangs, seed, submitted));
            }
            long compositorSeed = seeds.nextLong();
            threads.put("compositor", () -> composite(machine, display, compositor, framebuffers, textures,
                    compositorSeed, submitted));
            Threads.runAll(withStop(threads, () -> invalidate(spaces, rendering), rendering));

            boolean suspended = gpu.suspend();
            check(gpu.scheduler().completed() >= submitted.get(), "every job finished");
            check(gpu.recovery().resets() >= 1 && gpu.scheduler().failed() >= 1, "the hung job was reset");
            check(display.flips() == FLIPS, "every flip was committed");
            return gpu.stats() + "; " + display.flips() + " page flips, " + display.modesets() + " modeset(s), "
                    + display.recoveries() + " display recovery; GPU " + (suspended ? "suspended" : "busy")
                    + " at the end";
        }
    }

    /** The renderers and the compositor, plus the process thread "mm", which ends once they all have. */
    private static Map<String, Threads.Body> withStop(Map<String, Threads.Body> workers, Threads.Body mm,
                                                      AtomicBoolean rendering) {
        AtomicLong running = new AtomicLong(workers.size());
        Map<String, Threads.Body> out = new LinkedHashMap<>();
        workers.forEach((name, body) -> out.put(name, () -> {
            try {
                body.run();
            } finally {
                if (running.decrementAndGet() == 0) {
                    rendering.set(false);
                }
            }
        }));
        out.put("mm", mm);
        return out;
    }

    private static void render(Machine machine, Client client, List<Bo> textures, Bo target, Bo userptr,
                               boolean hangs, long seed, AtomicLong submitted) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fence last = null;
        for (int j = 0; j < JOBS_PER_CLIENT; j++) {
            List<BoUse> uses = new ArrayList<>();
            int n = 2 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                Bo texture = textures.get(rnd.nextInt(textures.size()));
                uses.add(rnd.nextInt(8) == 0 ? BoUse.write(texture) : BoUse.read(texture));
            }
            uses.add(BoUse.write(target));
            if (j % 8 == 0) {
                uses.add(BoUse.read(userptr));
            }
            last = hangs && j == HANG_AT ? client.submitHanging(uses) : client.submit(uses);
            submitted.incrementAndGet();
        }
        Waits.fence(last, machine);
    }

    private static void composite(Machine machine, Display display, Client compositor, Bo[][] framebuffers,
                                  List<Bo> textures, long seed, AtomicLong submitted) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Crtc> crtcs = display.crtcs();
        Fence[] shown = new Fence[crtcs.size()];
        int[] back = new int[crtcs.size()];
        for (int frame = 0; frame < FLIPS; frame++) {
            Crtc crtc = crtcs.get(frame % crtcs.size());
            int c = crtc.index();
            if (shown[c] != null) {
                Waits.fence(shown[c], machine); // the previous flip is on screen: its old buffer is free
            }
            back[c] = (back[c] + 1) % framebuffers[c].length;
            Bo fb = framebuffers[c][back[c]];
            compositor.submit(List.of(BoUse.read(textures.get(rnd.nextInt(textures.size()))), BoUse.write(fb)));
            submitted.incrementAndGet();
            shown[c] = display.pageFlip(crtc, fb);
        }
        for (Fence f : shown) {
            if (f != null) {
                Waits.fence(f, machine);
            }
        }
    }

    /** The clients' processes keep remapping their userptr ranges (munmap, page migration). */
    private static void invalidate(List<AddressSpace> spaces, AtomicBoolean rendering) {
        while (rendering.get()) {
            for (AddressSpace space : spaces) {
                space.invalidate(USERPTR_START, USERPTR_START + USERPTR_PAGES * 4096);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("full-stack: expected that " + what);
        }
    }
}
