package io.jlockdep.demo.sys;

import io.jlockdep.fence.Reclaim;
import io.jlockdep.fence.ShrinkerRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machine's memory, counted in pages, and its reclaim: the shrinkers of the drivers
 * ({@link #shrinkers()}) run inside the reclaim context, either on the {@code kswapd0} thread when usage
 * rises above the high watermark, or in the caller's thread on {@link #dropCaches()}.
 *
 * <p>Allocating never fails and never blocks (usage may exceed the total for a moment, until kswapd has
 * evicted something); what matters for lockdep is that an allocation with {@link Gfp#KERNEL} <em>may</em>
 * enter reclaim, so it calls {@link Reclaim#mightReclaim()} first, exactly where a real kernel allocation
 * could block on the shrinkers.
 */
public final class Memory {
    /** How long kswapd sleeps between looks at the watermarks. */
    private static final long KSWAPD_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Machine machine;
    private final long totalPages;
    private final long highWatermark;
    private final long lowWatermark;
    private final ShrinkerRegistry shrinkers = new ShrinkerRegistry();

    /** Guards the page count; a leaf lock (nothing is taken or waited for under it). */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pressure = lock.newCondition();
    private long usedPages;

    private final AtomicLong smallAllocations = new AtomicLong();
    private final AtomicLong reclaimedPages = new AtomicLong();
    private final AtomicLong kswapdScans = new AtomicLong();

    Memory(Machine machine, long totalPages) {
        if (totalPages < 16) {
            throw new IllegalArgumentException("a machine needs at least 16 pages of memory, not " + totalPages);
        }
        this.machine = machine;
        this.totalPages = totalPages;
        this.highWatermark = totalPages * 7 / 8;
        this.lowWatermark = totalPages * 5 / 8;
    }

    void start() {
        machine.spawn("kswapd0", this::kswapd, this::wakeKswapd);
    }

    /** The shrinkers reclaim runs; drivers register theirs here. */
    public ShrinkerRegistry shrinkers() {
        return shrinkers;
    }

    /**
     * Allocates {@code pages} pages. With {@link Gfp#KERNEL} this is a reclaim point: under the agent, a
     * lock held here must never be taken by a shrinker, and this must never run in a fence signalling
     * section.
     *
     * @throws IllegalArgumentException if {@code pages} is negative
     */
    public void allocatePages(long pages, Gfp gfp) {
        if (pages < 0) {
            throw new IllegalArgumentException("cannot allocate " + pages + " pages");
        }
        if (gfp.mayReclaim()) {
            Reclaim.mightReclaim();
        }
        lock.lock();
        try {
            usedPages += pages;
            if (usedPages > highWatermark) {
                pressure.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frees {@code pages} pages. */
    public void freePages(long pages) {
        lock.lock();
        try {
            usedPages -= pages;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A small allocation (a job, a commit state): never worth counting in pages, but a reclaim point all
     * the same with {@link Gfp#KERNEL}.
     */
    public void kmalloc(Gfp gfp) {
        if (gfp.mayReclaim()) {
            Reclaim.mightReclaim();
        }
        smallAllocations.incrementAndGet();
    }

    /**
     * Runs every shrinker until nothing more can be freed, in the calling thread (the kernel's
     * {@code echo 2 > /proc/sys/vm/drop_caches}).
     *
     * @return the pages freed
     */
    public long dropCaches() {
        long freed = shrinkers.scan(Long.MAX_VALUE);
        reclaimedPages.addAndGet(freed);
        return freed;
    }

    /** Pages in use now. */
    public long usedPages() {
        lock.lock();
        try {
            return usedPages;
        } finally {
            lock.unlock();
        }
    }

    /** The machine's memory size in pages. */
    public long totalPages() {
        return totalPages;
    }

    /** Pages freed by reclaim so far (kswapd and drop_caches). */
    public long reclaimedPages() {
        return reclaimedPages.get();
    }

    /** How many times kswapd ran the shrinkers. */
    public long kswapdScans() {
        return kswapdScans.get();
    }

    /** Small allocations so far. */
    public long smallAllocations() {
        return smallAllocations.get();
    }

    private void kswapd(Kthread self) throws InterruptedException {
        while (!self.shouldStop()) {
            long excess;
            lock.lock();
            try {
                while (usedPages <= highWatermark && !self.shouldStop()) {
                    pressure.awaitNanos(KSWAPD_TICK_NANOS);
                }
                excess = usedPages - lowWatermark;
            } finally {
                lock.unlock();
            }
            if (self.shouldStop()) {
                return;
            }
            kswapdScans.incrementAndGet();
            long freed = shrinkers.scan(excess);
            reclaimedPages.addAndGet(freed);
            if (freed == 0) {
                // Everything evictable is busy: let the GPU make progress before looking again.
                self.sleepMicros(500);
            }
        }
    }

    private void wakeKswapd() {
        lock.lock();
        try {
            pressure.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
