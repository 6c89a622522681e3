package io.jlockdep.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reservation object (the kernel's {@code dma_resv}): the lock of a shared buffer plus the fences of
 * the work that uses it, each with a {@link Usage}.
 *
 * <p><b>Lock.</b> A {@link WwMutex} of the wait-die class {@link #WW_CLASS}, so many reservations can be
 * locked together under one {@link WwAcquireContext} ({@link Reservations#lockAll} does the back-off
 * dance). Fences may only be added by the holder of the lock.
 *
 * <p><b>Fences.</b> Adding needs a slot reserved beforehand, under the same hold of the lock
 * ({@link #reserveFences}): reserving may allocate and so may enter reclaim, which is fine before the new
 * fence is published but not after, inside its signalling section. Each {@link #addFence} uses one slot;
 * unreserved slots are dropped at unlock. A new fence replaces one of the same timeline that it supersedes
 * (no later, with the same or a weaker usage) and any signalled one; otherwise it is appended.
 * Readers ({@link #fences}, {@link #testSignaled}, the waits) need no lock: they see a consistent
 * snapshot. Note that a fence is visible to waiters as soon as it is added, before unlock, so its
 * signalling section starts there.
 *
 * <p>Thread-safe.
 */
public final class Reservation {
    /** The ww class of every reservation lock: wait-die, named {@code reservation_ww_class} as in the kernel. */
    public static final WwClass WW_CLASS = WwClass.waitDie(FenceLockdep.RESERVATION_WW_CLASS);

    /**
     * How a fence uses the buffer, strongest first. A query for usage {@code U} covers every fence whose
     * usage is {@code U} or stronger (declared before it): {@code READ} returns kernel, write and read
     * fences but not bookkeeping ones.
     */
    public enum Usage {
        /** Kernel-internal work (moves, clears) that everything must wait for. */
        KERNEL,
        /** Writers: implicit-sync readers wait for these. */
        WRITE,
        /** Readers: implicit-sync writers wait for these (and for writers). */
        READ,
        /** Bookkeeping only (e.g. preemption fences): no implicit sync waits for these. */
        BOOKKEEP;

        /**
         * The usage to wait for before accessing the buffer: before a write, every reader and writer
         * ({@code READ}); before a read, the writers ({@code WRITE}).
         */
        public static Usage forAccess(boolean write) {
            return write ? READ : WRITE;
        }
    }

    private static final Entry[] NO_FENCES = new Entry[0];

    /** One fence and its usage. Immutable. */
    private static final class Entry {
        final Fence fence;
        final Usage usage;

        Entry(Fence fence, Usage usage) {
            this.fence = fence;
            this.usage = usage;
        }
    }

    private final WwMutex mutex;
    /** Replaced as a whole (copy on write) by the lock holder; read without a lock. */
    private volatile Entry[] entries = NO_FENCES;
    /** Slots reserved under the current hold of the lock. Lock holder only. */
    private int reservedSlots;

    /** An unlocked reservation with no fences. */
    public Reservation() {
        this(null);
    }

    /** An unlocked reservation with no fences, with a name for diagnostics. */
    public Reservation(String name) {
        this.mutex = new WwMutex(WW_CLASS, name, this);
    }

    /** The reservation's lock; unlocking it directly also drops the reserved slots. */
    public WwMutex mutex() {
        return mutex;
    }

    /** The name given at construction, or null. */
    public String name() {
        return mutex.name();
    }

    // ------------------------------------------------------------------------------------------------
    // Locking (see WwMutex for the contracts)

    /** Locks the reservation without a context, waiting as long as it takes; see {@link WwMutex#lock()}. */
    public void lock() {
        mutex.lock();
    }

    /**
     * Locks the reservation under {@code ctx}; see {@link WwMutex#lock(WwAcquireContext)}.
     *
     * @return true if now locked by {@code ctx}; false if {@code ctx} held it already
     * @throws WouldDeadlockException if {@code ctx} must back off
     */
    public boolean lock(WwAcquireContext ctx) throws WouldDeadlockException {
        return mutex.lock(ctx);
    }

    /**
     * Locks the reservation under {@code ctx}, interruptibly; see {@link WwMutex#lockInterruptibly}.
     *
     * @return true if now locked by {@code ctx}; false if {@code ctx} held it already
     * @throws WouldDeadlockException if {@code ctx} must back off
     * @throws InterruptedException if the thread is interrupted; nothing is locked
     */
    public boolean lockInterruptibly(WwAcquireContext ctx) throws WouldDeadlockException, InterruptedException {
        return mutex.lockInterruptibly(ctx);
    }

    /** After a back-off on this reservation: locks it; see {@link WwMutex#lockSlow}. */
    public void lockSlow(WwAcquireContext ctx) {
        mutex.lockSlow(ctx);
    }

    /**
     * After a back-off on this reservation: locks it, interruptibly; see {@link WwMutex#lockSlowInterruptibly}.
     *
     * @throws InterruptedException if the thread is interrupted; nothing is locked
     */
    public void lockSlowInterruptibly(WwAcquireContext ctx) throws InterruptedException {
        mutex.lockSlowInterruptibly(ctx);
    }

    /**
     * Locks the reservation under {@code ctx} (or none) if it is free at once; see {@link WwMutex#tryLock}.
     *
     * @return whether it was locked now
     */
    public boolean tryLock(WwAcquireContext ctx) {
        return mutex.tryLock(ctx);
    }

    /**
     * Unlocks the reservation; unused reserved slots are dropped.
     *
     * @throws IllegalStateException if the calling thread does not hold it
     */
    public void unlock() {
        mutex.unlock();
    }

    /** Whether the calling thread holds the reservation's lock. */
    public boolean isLockedByCurrentThread() {
        return mutex.isHeldByCurrentThread();
    }

    /** Whether anyone holds the reservation's lock. */
    public boolean isLocked() {
        return mutex.isLocked();
    }

    /** Throws {@link IllegalStateException} unless the calling thread holds the reservation's lock. */
    public void assertHeld() {
        checkHeld("assertHeld()");
    }

    private void checkHeld(String what) {
        if (!mutex.isHeldByCurrentThread()) {
            throw new IllegalStateException(what + " on " + this + " without holding its lock");
        }
    }

    /** Called by the mutex, on the holder's thread, just before it is unlocked. */
    void unlocking() {
        reservedSlots = 0;
    }

    // ------------------------------------------------------------------------------------------------
    // Fences

    /**
     * Reserves {@code count} more fence slots for this hold of the lock. May allocate, so it is a
     * reclaim point ({@link Reclaim#mightReclaim()}): reserve before the new fence is published.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    public void reserveFences(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("cannot reserve " + count + " fence slots");
        }
        checkHeld("reserveFences(" + count + ")");
        if (count > 0) {
            Reclaim.mightReclaim();
        }
        reservedSlots += count;
    }

    /** Fence slots reserved and not used yet under the current hold of the lock. */
    public int reservedSlots() {
        checkHeld("reservedSlots()");
        return reservedSlots;
    }

    /**
     * Adds {@code fence} with {@code usage}, using one reserved slot. It replaces a fence it supersedes
     * (same timeline, not later, same or weaker usage) or a signalled one, else it is appended.
     *
     * @throws IllegalArgumentException if {@code fence} or {@code usage} is null
     * @throws IllegalStateException if the calling thread does not hold the lock or no slot is reserved
     */
    public void addFence(Fence fence, Usage usage) {
        if (fence == null || usage == null) {
            throw new IllegalArgumentException("addFence needs a fence and a usage (got " + fence + ", " + usage + ")");
        }
        checkHeld("addFence");
        if (reservedSlots == 0) {
            throw new IllegalStateException("addFence(" + fence + ") on " + this
                    + " without a reserved slot: call reserveFences first");
        }
        reservedSlots--;
        Entry[] current = entries;
        Entry added = new Entry(fence, usage);
        for (int i = 0; i < current.length; i++) {
            Entry old = current[i];
            boolean superseded = old.fence.context() == fence.context() && old.usage.compareTo(usage) >= 0
                    && !old.fence.isLaterThan(fence);
            if (superseded || old.fence.signaledFlag()) {
                Entry[] next = current.clone();
                next[i] = added;
                entries = next;
                return;
            }
        }
        Entry[] next = new Entry[current.length + 1];
        System.arraycopy(current, 0, next, 0, current.length);
        next[current.length] = added;
        entries = next;
    }

    /**
     * The fences whose usage is {@code usage} or stronger, in the order they were added. Needs no lock.
     *
     * @throws IllegalArgumentException if {@code usage} is null
     */
    public List<Fence> fences(Usage usage) {
        checkUsage(usage);
        Entry[] snapshot = entries;
        List<Fence> out = new ArrayList<Fence>(snapshot.length);
        for (Entry e : snapshot) {
            if (e.usage.compareTo(usage) <= 0) {
                out.add(e.fence);
            }
        }
        return out;
    }

    /**
     * The usage recorded for {@code fence}, or null if it is not in the reservation (the strongest if it
     * is there twice).
     */
    public Usage usageOf(Fence fence) {
        Usage found = null;
        for (Entry e : entries) {
            if (e.fence == fence && (found == null || e.usage.compareTo(found) < 0)) {
                found = e.usage;
            }
        }
        return found;
    }

    /**
     * Whether every fence of usage {@code usage} or stronger is signalled (true if there are none).
     *
     * @throws IllegalArgumentException if {@code usage} is null
     */
    public boolean testSignaled(Usage usage) {
        checkUsage(usage);
        for (Entry e : entries) {
            if (e.usage.compareTo(usage) <= 0 && !e.fence.isSignaled()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every fence of usage {@code usage} or stronger (as of the call) is signalled. Counts as a
     * fence wait for lockdep even when there is nothing to wait for.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code usage} is null
     */
    public void await(Usage usage) throws InterruptedException {
        checkUsage(usage);
        Fence.announceWait();
        for (Entry e : entries) {
            if (e.usage.compareTo(usage) <= 0) {
                e.fence.await();
            }
        }
    }

    /**
     * Like {@link #await(Usage)}, ignoring interrupts (the interrupt status is kept for the caller).
     *
     * @throws IllegalArgumentException if {@code usage} is null
     */
    public void awaitUninterruptibly(Usage usage) {
        checkUsage(usage);
        Fence.announceWait();
        for (Entry e : entries) {
            if (e.usage.compareTo(usage) <= 0) {
                e.fence.awaitUninterruptibly();
            }
        }
    }

    /**
     * Waits at most {@code nanosTimeout} nanoseconds for every fence of usage {@code usage} or stronger.
     * A timeout of 0 or less only tests them.
     *
     * @return the time left, at least 1, if they are all signalled; 0 if the time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code usage} is null
     */
    public long awaitNanos(Usage usage, long nanosTimeout) throws InterruptedException {
        checkUsage(usage);
        Fence.announceWait();
        long deadline = System.nanoTime() + nanosTimeout;
        for (Entry e : entries) {
            if (e.usage.compareTo(usage) <= 0) {
                long left = nanosTimeout > 0 ? deadline - System.nanoTime() : 0;
                if (e.fence.awaitNanos(left > 0 ? left : 0) == 0) {
                    return 0;
                }
            }
        }
        if (nanosTimeout <= 0) {
            return 1;
        }
        long left = deadline - System.nanoTime();
        return left > 0 ? left : 1;
    }

    /**
     * Waits at most {@code timeout} for every fence of usage {@code usage} or stronger.
     *
     * @return true if they are all signalled, false if the time ran out first
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code usage} or {@code unit} is null
     */
    public boolean await(Usage usage, long timeout, TimeUnit unit) throws InterruptedException {
        if (unit == null) {
            throw new IllegalArgumentException("null time unit");
        }
        return awaitNanos(usage, unit.toNanos(timeout)) > 0;
    }

    private static void checkUsage(Usage usage) {
        if (usage == null) {
            throw new IllegalArgumentException("null fence usage");
        }
    }

    @Override
    public String toString() {
        String name = mutex.name();
        return "reservation " + (name != null ? name : "@" + Integer.toHexString(System.identityHashCode(this)));
    }
}
