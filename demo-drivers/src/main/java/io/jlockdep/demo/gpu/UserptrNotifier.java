package io.jlockdep.demo.gpu;

import io.jlockdep.demo.sys.AddressSpace;
import io.jlockdep.demo.sys.Machine;
import io.jlockdep.demo.sys.Waits;
import io.jlockdep.fence.Reservation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The device's mmu notifier for userptr buffers (as amdgpu's): when a process's memory is invalidated,
 * marks the affected buffers' pages stale and waits for the GPU to stop using them. A submission reads
 * the pages without locks between {@code readBegin} and the notifier lock, and retries if an invalidation
 * raced with it.
 *
 * <p>Order: invalidation context → notifier lock; notifier lock → fence signalling (a submission holds it
 * while it publishes its fence). The callback waits for fences only after dropping the notifier lock.
 */
public final class UserptrNotifier {
    private final Machine machine;
    /** Guards the buffer list and their page validity. */
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Bo> buffers = new ArrayList<>();
    private final Set<AddressSpace> watched = new HashSet<>();

    private final AtomicLong invalidations = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    UserptrNotifier(Machine machine) {
        this.machine = machine;
    }

    /** Starts watching the user range of {@code bo}. */
    void add(Bo bo) {
        lock.lock();
        try {
            buffers.add(bo);
            AddressSpace space = bo.userptrSpace();
            if (watched.add(space)) {
                space.notifiers().register((start, end) -> invalidate(space, start, end));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a submission that read user pages of {@code space} since {@code readBegin} returned {@code seq}:
     * takes the notifier lock and marks the pages of the userptr buffers among {@code bos} current, unless
     * an invalidation ran meanwhile (then returns false, holding nothing: read again).
     */
    boolean lockIfCurrent(AddressSpace space, long seq, Collection<Bo> bos) {
        lock.lock();
        if (space.notifiers().readRetry(seq)) {
            lock.unlock();
            retries.incrementAndGet();
            return false;
        }
        for (Bo bo : bos) {
            if (bo.isUserptr()) {
                bo.userPagesValid = true;
            }
        }
        return true;
    }

    /** Releases the notifier lock taken by {@link #lockIfCurrent}. */
    void unlock() {
        lock.unlock();
    }

    /** Invalidations that hit a userptr buffer. */
    public long invalidations() {
        return invalidations.get();
    }

    /** Submissions that had to read the user pages again. */
    public long retries() {
        return retries.get();
    }

    /** The invalidation callback: runs inside the invalidation context. */
    private void invalidate(AddressSpace space, long start, long end) {
        List<Bo> hit = new ArrayList<>();
        lock.lock();
        try {
            for (Bo bo : buffers) {
                if (bo.userptrSpace() == space && bo.overlaps(start, end) && bo.userPagesValid) {
                    bo.userPagesValid = false;
                    hit.add(bo);
                }
            }
        } finally {
            lock.unlock();
        }
        // The GPU may still be using the old pages: wait for it (allowed in an invalidation callback, and
        // done without the notifier lock, which submissions hold while they publish fences).
        for (Bo bo : hit) {
            awaitIdle(bo);
        }
        if (!hit.isEmpty()) {
            invalidations.incrementAndGet();
        }
    }

    private void awaitIdle(Bo bo) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Waits.USER_TIMEOUT_MILLIS);
        try {
            while (!bo.resv().await(Reservation.Usage.BOOKKEEP, 5, TimeUnit.MILLISECONDS)) {
                machine.checkHealthy();
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("gave up waiting for the GPU to stop using " + bo);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
