package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.Gfp;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Memory;
import io.jlockdep.demo.sys.Mistake;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's GPU virtual address space: where each of its buffers is mapped, and the page tables that
 * map them. Binding allocates page tables; the shrinker unbinds buffers it evicts, from inside reclaim.
 *
 * <p>Rule: the VM lock is taken by the shrinker (inside reclaim), so it must never be held across an
 * allocation that may enter reclaim. Page tables are allocated before the lock is taken.
 */
public final class GpuVm {
    /** Page-table pages a mapping needs. */
    static final long PAGE_TABLE_PAGES = 1;

    private final Machine machine;
    private final Memory memory;
    private final String name;
    /** Guards the mappings. Taken by the shrinker inside reclaim: never allocate with reclaim under it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Bo, Long> mappings = new HashMap<>();
    private long nextAddress = 0x100000;

    GpuVm(Machine machine, String name) {
        this.machine = machine;
        this.memory = machine.memory();
        this.name = name;
    }

    /**
     * Maps {@code bo} into this VM unless it is mapped already, and returns its GPU address. The caller
     * holds the buffer's reservation.
     */
    public long bind(Bo bo) {
        bo.resv().assertHeld();
        if (machine.has(Mistake.VM_BIND_ALLOCATES_UNDER_VM_LOCK)) {
            return bindAllocatingUnderVmLock(bo);
        }
        Long address = addressOf(bo);
        if (address != null) {
            return address;
        }
        // Allocate the page tables first, while holding no lock the shrinker takes ...
        memory.allocatePages(PAGE_TABLE_PAGES, Gfp.KERNEL);
        // ... then insert the mapping under the VM lock.
        lock.lock();
        try {
            return insert(bo);
        } finally {
            lock.unlock();
        }
    }

    /**
     * DELIBERATE MISTAKE (scenario alloc-under-shrinker-lock): allocates the page tables while holding the VM
     * lock. The allocation may enter reclaim, and reclaim runs the buffer shrinker, which takes the VM lock
     * to unbind what it evicts: reclaim waits for this thread, which waits for reclaim.
     * Breaks the rule: never hold a lock a shrinker takes across an allocation that may reclaim.
     */
    private long bindAllocatingUnderVmLock(Bo bo) {
        lock.lock();
        try {
            Long address = mappings.get(bo);
            if (address != null) {
                return address;
            }
            memory.allocatePages(PAGE_TABLE_PAGES, Gfp.KERNEL);
            return insert(bo);
        } finally {
            lock.unlock();
        }
    }

    private Long addressOf(Bo bo) {
        lock.lock();
        try {
            return mappings.get(bo);
        } finally {
            lock.unlock();
        }
    }

    /** Inserts the mapping (page tables allocated already). Under the VM lock. */
    private long insert(Bo bo) {
        Long existing = mappings.get(bo);
        if (existing != null) {
            // Cannot happen while the caller holds the reservation (nobody else binds it); kept exact anyway.
            memory.freePages(PAGE_TABLE_PAGES);
            return existing;
        }
        long address = nextAddress;
        nextAddress += bo.pages() * 4096;
        mappings.put(bo, address);
        bo.mapped(this, true);
        return address;
    }

    /** Removes the mapping of {@code bo} and frees its page tables. The caller holds its reservation. */
    public void unbind(Bo bo) {
        bo.resv().assertHeld();
        lock.lock();
        try {
            if (mappings.remove(bo) != null) {
                bo.mapped(this, false);
                memory.freePages(PAGE_TABLE_PAGES);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many buffers are mapped. */
    public int mappedCount() {
        lock.lock();
        try {
            return mappings.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "vm " + name;
    }
}
