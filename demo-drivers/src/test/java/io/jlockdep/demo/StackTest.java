package io.jlockdep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.demo.display.Crtc;
import io.jlockdep.demo.display.Display;
import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.BoUse;
import io.jlockdep.demo.gpu.Client;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.gpu.JobTimeoutException;
import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.ThreadDied;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated stack works on its own (no agent): jobs, implicit sync, flips, eviction, reset, userptr, shutdown. */
class StackTest {
    private static final long PAGES = 16_384;

    @Test
    void jobsCompleteInOrderAndReadersWaitForWriters() {
        try (Machine machine = new Machine(PAGES)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo texture = gpu.createBo("texture", 8);
            Bo target = gpu.createBo("target", 8);
            Fence upload = app.submit(List.of(BoUse.write(texture)));
            Fence draw = app.submit(List.of(BoUse.read(texture), BoUse.write(target)));
            List<Fence> more = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                more.add(app.submit(List.of(BoUse.read(texture), BoUse.write(target))));
            }
            for (Fence f : more) {
                Waits.fence(f, machine);
            }
            assertEquals(Fence.Status.SIGNALED, upload.status());
            assertEquals(Fence.Status.SIGNALED, draw.status());
            // The reader ran after the writer it depended on.
            assertTrue(upload.timestamp() <= draw.timestamp());
            assertEquals(102, gpu.scheduler().completed());
            assertEquals(0, gpu.scheduler().failed());
            // The reservations hold the latest fences: the target's last writer, the texture's readers.
            texture.resv().lock();
            try {
                assertTrue(texture.resv().fences(Reservation.Usage.READ).contains(more.get(99)));
            } finally {
                texture.resv().unlock();
            }
            assertTrue(gpu.suspend());
            assertTrue(gpu.pm().isSuspended());
        }
    }

    @Test
    void pageFlipsShowTheNewFramebufferAtAVblank() {
        try (Machine machine = new Machine(PAGES)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Display display = new Display(machine, gpu, "display0", 2, 200);
            Client compositor = gpu.openClient("compositor", new AddressSpace("compositor"));
            Crtc crtc = display.crtcs().get(1);
            Bo front = gpu.createBo("front", 16);
            Bo back = gpu.createBo("back", 16);
            compositor.submit(List.of(BoUse.write(front)));
            display.modeset(Map.of(crtc, front));
            assertSame(front, crtc.scanout());

            Fence rendered = compositor.submit(List.of(BoUse.write(back)));
            Fence flip = display.pageFlip(crtc, back);
            Waits.fence(flip, machine);
            assertSame(back, crtc.scanout());
            assertTrue(rendered.isSignaled(), "the flip waited for the rendering");
            assertTrue(crtc.vblank().count() > 0);
            assertEquals(1, display.flips());
            assertEquals(1, display.modesets());
            assertEquals("linear", crtc.scanoutTiling());
        }
    }

    @Test
    void theShrinkerEvictsIdleUnpinnedBuffersAndUseMakesThemResidentAgain() {
        try (Machine machine = new Machine(PAGES)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Display display = new Display(machine, gpu, "display0", 1, 200);
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo a = gpu.createBo("a", 64);
            Bo b = gpu.createBo("b", 64);
            Bo scanout = gpu.createBo("scanout", 64);
            Waits.fence(app.submit(List.of(BoUse.write(a), BoUse.write(b), BoUse.write(scanout))), machine);
            display.modeset(Map.of(display.crtcs().get(0), scanout)); // pins it
            long used = machine.memory().usedPages();

            long freed = machine.memory().dropCaches();

            assertEquals(128, freed);
            assertEquals(2, gpu.bos().evictions());
            assertEquals(used - 128 - 2, machine.memory().usedPages(), "the buffers and their page tables are freed");
            assertFalse(resident(a));
            assertTrue(resident(scanout), "a pinned buffer is never evicted");
            assertEquals(1, app.vm().mappedCount(), "only the pinned buffer is still mapped");

            long validations = gpu.bos().validations();
            Waits.fence(app.submit(List.of(BoUse.read(a))), machine);
            assertTrue(resident(a));
            assertEquals(validations + 1, gpu.bos().validations());
        }
    }

    @Test
    void kswapdEvictsUnderMemoryPressure() {
        try (Machine machine = new Machine(512)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client app = gpu.openClient("app", new AddressSpace("app"));
            for (int i = 0; i < 32; i++) {
                Waits.fence(app.submit(List.of(BoUse.write(gpu.createBo("bo" + i, 64)))), machine);
            }
            Waits.until(() -> gpu.bos().evictions() > 0, machine, "kswapd evicted something");
            assertTrue(machine.memory().kswapdScans() > 0);
        }
    }

    @Test
    void aHungJobIsResetAndTheGpuRecovers() {
        try (Machine machine = new Machine(PAGES)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0", 50);
            Display display = new Display(machine, gpu, "display0", 1, 200);
            Client app = gpu.openClient("app", new AddressSpace("app"));
            Bo fb = gpu.createBo("fb", 16);
            Bo scratch = gpu.createBo("scratch", 16);
            compositorShows(machine, gpu, display, fb);

            Fence hung = app.submitHanging(List.of(BoUse.write(scratch)));
            Fence behind = app.submit(List.of(BoUse.write(fb)));
            Waits.fence(behind, machine);

            assertEquals(Fence.Status.FAILED, hung.status());
            assertInstanceOf(JobTimeoutException.class, hung.error());
            assertEquals(Fence.Status.SIGNALED, behind.status(), "the job queued behind the hang ran after the reset");
            Waits.until(() -> gpu.recovery().resets() == 1, machine, "the reset is over");
            assertEquals(1, gpu.ring().resets());
            assertEquals(1, gpu.ring().hangs());
            Waits.until(() -> display.recoveries() == 1, machine, "the display is restored");
            assertSame(fb, display.crtcs().get(0).scanout());
            Fence after = app.submit(List.of(BoUse.write(scratch)));
            Waits.fence(after, machine);
            assertEquals(Fence.Status.SIGNALED, after.status());
        }
    }

    private static void compositorShows(Machine machine, GpuDevice gpu, Display display, Bo fb) {
        Client compositor = gpu.openClient("compositor", new AddressSpace("compositor"));
        compositor.submit(List.of(BoUse.write(fb)));
        display.modeset(Map.of(display.crtcs().get(0), fb));
    }

    @Test
    void anInvalidatedUserptrIsWaitedForAndReadAgain() {
        try (Machine machine = new Machine(PAGES)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            AddressSpace space = new AddressSpace("app");
            Client app = gpu.openClient("app", space);
            Bo userptr = gpu.createUserptrBo("userptr", 4, space, 0x10000);
            Bo target = gpu.createBo("target", 8);
            Fence first = app.submit(List.of(BoUse.read(userptr), BoUse.write(target)));

            space.invalidate(0x10000, 0x11000);
            assertTrue(first.isSignaled(), "the invalidation waited for the GPU to stop using the pages");
            space.invalidate(0x90000, 0x91000); // another range: not ours

            Waits.fence(app.submit(List.of(BoUse.read(userptr), BoUse.write(target))), machine);
            assertEquals(1, gpu.userptrs().invalidations());
            assertEquals(2, space.invalidations());
        }
    }

    @Test
    void closingTheMachineStopsEveryDriverThread() {
        Machine machine = new Machine(PAGES);
        GpuDevice gpu = new GpuDevice(machine, "gpu0");
        new Display(machine, gpu, "display0", 2, 200);
        assertEquals(List.of("kswapd0", "gpu0-engine", "gpu0-irq", "gpu0-sched", "gpu0-tdr", "display0-vblank",
                "display0-commit"), machine.liveThreads());
        machine.close();
        assertEquals(List.of(), machine.liveThreads());
        assertThrows(IllegalStateException.class, () -> machine.spawn("late", self -> { }, null));
    }

    @Test
    void aDriverThreadThatDiesIsReportedToWaitersOnce() {
        Machine machine = new Machine(PAGES);
        IllegalStateException boom = new IllegalStateException("boom");
        machine.spawn("crasher", self -> {
            throw boom;
        }, null);
        Fence never = new Fence(io.jlockdep.fence.Timeline.allocateContexts(1), 1, null);
        ThreadDied died = assertThrows(ThreadDied.class, () -> Waits.fence(never, machine));
        assertEquals("crasher", died.threadName());
        assertSame(boom, died.getCause());
        machine.close(); // reported already: close does not throw it again
    }

    @Test
    void aDriverThreadDeathNobodyWaitedForIsThrownByClose() {
        Machine machine = new Machine(PAGES);
        machine.spawn("crasher", self -> {
            throw new IllegalStateException("boom");
        }, null);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!machine.failed() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        ThreadDied died = assertThrows(ThreadDied.class, machine::close);
        assertNotNull(died.getCause());
    }

    private static boolean resident(Bo bo) {
        bo.resv().lock();
        try {
            return bo.isResident();
        } finally {
            bo.resv().unlock();
        }
    }
}
