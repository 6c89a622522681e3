package io.jlockdep.demo.scenario;

import io.jlockdep.demo.gpu.Bo;
import io.jlockdep.demo.gpu.BoUse;
import io.jlockdep.demo.gpu.Client;
import io.jlockdep.demo.gpu.GpuDevice;
import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Mistake;
import io.jlockdep.demo.sys.Waits;
import java.util.ArrayList;
import java.util.List;

/**
 * Bug class (e): a shrinker taking a driver lock that is held across an allocation. The buffer shrinker
 * unbinds the buffers it evicts from their GPU VMs, under the VM lock; VM bind (the mistake) allocates
 * page tables while holding that lock. If that allocation has to reclaim, reclaim runs the shrinker, which
 * waits for the VM lock.
 */
final class AllocUnderShrinkerLock {
    static final String RULE = "never hold a lock that a shrinker takes across an allocation that may enter"
            + " reclaim (allocate first, or trylock in the shrinker)";

    private AllocUnderShrinkerLock() {
    }

    static Scenario mistake() {
        return Scenario.inversion("alloc-under-shrinker-lock",
                "VM bind allocates page tables while holding the VM lock, which the buffer shrinker takes to"
                        + " unbind what it evicts",
                RULE, "circular", List.of("reclaim", "ReentrantLock io.jlockdep.demo.gpu.GpuVm.lock"), () -> run(true));
    }

    static Scenario fixed() {
        return Scenario.clean("alloc-under-shrinker-lock-fixed",
                "VM bind allocates the page tables first, then inserts the mapping under the VM lock",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        try (Machine machine = Setup.machine(mistake, Mistake.VM_BIND_ALLOCATES_UNDER_VM_LOCK)) {
            GpuDevice gpu = new GpuDevice(machine, "gpu0");
            Client app = gpu.openClient("app", new AddressSpace("app"));
            List<Bo> textures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                textures.add(gpu.createBo("texture" + i, 64));
            }
            // Each texture is uploaded by a job: made resident and bound into the app's VM.
            for (Bo texture : textures) {
                Waits.fence(app.submit(List.of(BoUse.write(texture))), machine);
            }
            // Memory runs short: drop_caches runs the shrinkers in this thread; the buffer shrinker evicts the
            // idle textures and unbinds them from the VM.
            long freed = machine.memory().dropCaches();
            return textures.size() + " textures uploaded and bound, then drop_caches evicted "
                    + gpu.bos().evictions() + " of them (" + freed + " pages)";
        }
    }
}
