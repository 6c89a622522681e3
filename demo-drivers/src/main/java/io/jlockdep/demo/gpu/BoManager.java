package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Gfp;
import io.jlockdep.demo.sys.Memory;
import io.jlockdep.fence.Reservation;
import io.jlockdep.fence.Shrinker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The device's buffer manager (a small TTM): creates buffers, makes them resident on use, pins scanout
 * buffers, keeps resident buffers on an LRU list, and is the shrinker that evicts the least recently used
 * idle ones when memory runs short.
 *
 * <p>Lock order: reservation → LRU lock. The shrinker runs inside reclaim, where a blocking reservation
 * lock is forbidden (reservations are held across allocations), so it only <em>trylocks</em> buffers, and
 * it takes the LRU lock, never held across an allocation, only to pick its victims.
 */
public final class BoManager implements Shrinker {
    private final Memory memory;
    /** Guards the LRU list and each buffer's {@code onLru}. Never held across an allocation or a wait. */
    private final ReentrantLock lruLock = new ReentrantLock();
    private final LinkedHashSet<Bo> lru = new LinkedHashSet<>();
    private volatile long lruPages;

    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong validations = new AtomicLong();

    BoManager(Memory memory) {
        this.memory = memory;
    }

    /** A new buffer of {@code pages} pages in device memory, not resident until first used. */
    public Bo create(String name, long pages) {
        return new Bo(name, pages, null, 0);
    }

    /** A new userptr buffer mapping {@code pages} pages of {@code space} from {@code start}. */
    public Bo createUserptr(String name, long pages, AddressSpace space, long start) {
        if (space == null) {
            throw new IllegalArgumentException("a userptr buffer needs an address space");
        }
        return new Bo(name, pages, space, start);
    }

    /**
     * Makes {@code bo} resident (allocating its memory if it was evicted) and marks it most recently used.
     * The caller holds its reservation; a reclaim point.
     */
    public void validate(Bo bo) {
        bo.resv().assertHeld();
        if (bo.isUserptr()) {
            return;
        }
        if (!bo.isResident()) {
            memory.allocatePages(bo.pages(), Gfp.KERNEL);
            bo.setResident(true);
            validations.incrementAndGet();
        }
        if (bo.pinCount() == 0) {
            touch(bo);
        }
    }

    /** Pins {@code bo} (resident, never evicted) for scanout. The caller holds its reservation. */
    public void pin(Bo bo) {
        validate(bo);
        bo.addPin(1);
        lruLock.lock();
        try {
            removeFromLru(bo);
        } finally {
            lruLock.unlock();
        }
    }

    /** Drops a pin of {@code bo}; unpinned, it is evictable again. The caller holds its reservation. */
    public void unpin(Bo bo) {
        bo.addPin(-1);
        if (bo.pinCount() == 0 && bo.isResident()) {
            touch(bo);
        }
    }

    private void touch(Bo bo) {
        lruLock.lock();
        try {
            removeFromLru(bo);
            lru.add(bo);
            bo.onLru = true;
            lruPages += bo.pages();
        } finally {
            lruLock.unlock();
        }
    }

    private void removeFromLru(Bo bo) {
        if (bo.onLru) {
            lru.remove(bo);
            bo.onLru = false;
            lruPages -= bo.pages();
        }
    }

    /** Buffers evicted so far. */
    public long evictions() {
        return evictions.get();
    }

    /** Evicted buffers made resident again so far (first placements included). */
    public long validations() {
        return validations.get();
    }

    // ---------------------------------------------------------------------------------------------------
    // The shrinker: runs inside reclaim (kswapd, drop_caches).

    @Override
    public long count() {
        return lruPages;
    }

    /**
     * Evicts least recently used idle buffers until {@code toScan} pages are freed. Busy buffers (fences
     * pending) and buffers whose reservation someone holds are skipped: reclaim must not wait for them.
     */
    @Override
    public long scan(long toScan) {
        List<Bo> victims = new ArrayList<>();
        long picked = 0;
        lruLock.lock();
        try {
            for (Iterator<Bo> it = lru.iterator(); it.hasNext() && picked < toScan; ) {
                Bo bo = it.next();
                if (!bo.resv().tryLock(null)) {
                    continue; // in use by a submission: skip it, never wait in reclaim
                }
                if (bo.pinCount() == 0 && bo.resv().testSignaled(Reservation.Usage.BOOKKEEP)) {
                    it.remove();
                    bo.onLru = false;
                    lruPages -= bo.pages();
                    victims.add(bo);
                    picked += bo.pages();
                } else {
                    bo.resv().unlock();
                }
            }
        } finally {
            lruLock.unlock();
        }
        // Evict outside the LRU lock; each victim stays reserved (trylocked) until it is done.
        long freed = 0;
        int next = 0;
        try {
            while (next < victims.size()) {
                freed += evict(victims.get(next++));
            }
        } finally {
            while (next < victims.size()) {
                victims.get(next++).resv().unlock();
            }
        }
        return freed == 0 && lruPages > 0 ? STOP : freed;
    }

    /** Unbinds {@code bo} from every VM and frees its memory; unlocks it. */
    private long evict(Bo bo) {
        try {
            for (GpuVm vm : bo.mappedIn()) {
                vm.unbind(bo);
            }
            bo.setResident(false);
            memory.freePages(bo.pages());
            evictions.incrementAndGet();
            return bo.pages();
        } finally {
            bo.resv().unlock();
        }
    }
}
