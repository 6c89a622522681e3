package io.jlockdep.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import jdk.internal.vm.annotation.DontInline;

/**
 * One thread's held-lock stack with its rolling chain keys. Reached through a {@link ThreadLocal} (the
 * engine's registry holds it only weakly), so it dies with its thread; entries are reused, so steady-state
 * acquisitions allocate nothing.
 *
 * <p>Only this class writes its fields and its entries' fields; the engine reads them freely but changes
 * them through the methods below, which keep the invariants: an entry's holds and read mode, each
 * entry's chain key and the key and class filter before it, the top key and filter, the depth. The
 * methods are small so that the compiler inlines them into the engine's fast paths.
 *
 * <p>The stack is confined to its thread. Other threads only read it racily ({@link #foreignHolds}) and
 * post releases of its holds to its {@link #hasHandoffs hand-off queue}, which the thread itself drains.
 */
final class ThreadState {
    static final long INITIAL_CHAIN_KEY = 0x6a09e667f3bcc909L;

    /** One held lock (or, under a nest lock, several merged instances of one class); written only by this file. */
    static final class Entry {
        Object lock;
        LockClass cls;
        /** {@code 1L << cls.id()}, this entry's bit in the class filter (one load less on the fast push). */
        long classBit;
        /** Shared mode of the read holds (meaningful while readHolds > 0). */
        Mode readMode = Mode.SHARED;
        int writeHolds;
        int readHolds;
        boolean trylock;
        Object nest;
        /** Further instances merged into this entry under its nest lock. */
        Object[] merged;
        int mergedCount;
        /** Key of the chain ending with this entry. */
        long chainKey;
        /** The thread's chain key and class filter before this entry was pushed, restored on pop. */
        long keyBefore;
        long filterBefore;
        /**
         * The last event class this thread waited for during this hold: its own signal of that event under
         * the same hold is not a dependency (it cannot be what its wait waited for).
         */
        LockClass waitedFor;
        /**
         * Set by {@link #remember}: this entry's pop keeps its {@link #lock} (strongly: at most one lock per
         * slot, until the slot is reused) and {@code memoMode}, the mode it was taken in. While the slot's
         * {@link #keyBefore} is the thread's key again, taking the same lock in the same mode is the same
         * validated chain: {@link #pushRemembered} pushes it with no class lookup, no chain lookup and no
         * reference store. A popped slot has no holds, so it never counts as held ({@link #foreignHolds}).
         */
        boolean remembered;
        Mode memoMode;

        /** One hold in {@code mode}, nothing waited for yet: a fresh push. Writes only what changed. */
        void holdOnce(Mode mode) {
            if (mode == Mode.EXCLUSIVE) {
                writeHolds = 1;
                readHolds = 0;
            } else {
                writeHolds = 0;
                readHolds = 1;
                if (readMode != mode) {
                    readMode = mode;
                }
            }
            if (waitedFor != null) {
                waitedFor = null;
            }
        }

        Mode mode() {
            return writeHolds > 0 ? Mode.EXCLUSIVE : readMode;
        }

        int holds() {
            return writeHolds + readHolds + mergedCount;
        }

        boolean holdsInstance(Object o) {
            if (lock == o) {
                return true;
            }
            for (int i = 0; i < mergedCount; i++) {
                if (merged[i] == o) {
                    return true;
                }
            }
            return false;
        }

        /** Adds {@code lock}, another instance of this entry's class, under its nest lock. */
        void merge(Object lock) {
            if (merged == null) {
                merged = new Object[4];
            } else if (mergedCount == merged.length) {
                merged = Arrays.copyOf(merged, mergedCount * 2);
            }
            merged[mergedCount++] = lock;
        }

        /**
         * Drops one merged occurrence of {@code lock} (a merged instance takes the place of the entry's own
         * lock when that goes); false, changing nothing, if the entry has no merged instances or not this one.
         */
        boolean unmerge(Object lock) {
            if (mergedCount == 0) {
                return false;
            }
            if (this.lock == lock) {
                this.lock = merged[--mergedCount];
                merged[mergedCount] = null;
                return true;
            }
            for (int i = 0; i < mergedCount; i++) {
                if (merged[i] == lock) {
                    merged[i] = merged[--mergedCount];
                    merged[mergedCount] = null;
                    return true;
                }
            }
            return false;
        }

        private void clear() {
            lock = null;
            cls = null;
            nest = null;
            remembered = false;
            if (mergedCount > 0) {
                Arrays.fill(merged, 0, mergedCount, null);
                mergedCount = 0;
            }
        }
    }

    /** The held entries, bottom first, {@code [0, depth)}; the engine reads them, only this class writes. */
    Entry[] entries = new Entry[8];
    int depth;
    /**
     * The signal whose last check was left uncached only because it was the waiter's own (docs/engine.md): its
     * chain key and which held entries had waited for it ({@link #waitedMask}). The same signal with the same
     * marks adds nothing new, so it is not checked again; a new hold (marks reset) or another wait changes the
     * mask. Read and written on the signal path only, never by the lock operations.
     */
    long ownSignalKey;
    long ownSignalMask;
    /**
     * The acquisition this thread last remembered ({@link #remember}), flattened here so that its repeat reads
     * nothing but this object: the lock, its class, the mode, and the chain key before it. While the
     * thread's key is {@code lastKeyBefore} again, taking {@code lastLock} in {@code lastMode} is that validated
     * chain again. Keeps one more released lock reachable per thread, until the thread remembers another.
     */
    private Object lastLock;
    private LockClass lastCls;
    private Mode lastMode;
    private long lastKeyBefore;
    /** Key of the chain of all held entries (of the top entry; the initial key when none). */
    private long topKey = INITIAL_CHAIN_KEY;
    /** Bit (class id mod 64) set while some held entry has such a class: a cheap "maybe held" test. */
    private long classFilter;
    /**
     * Why this thread's lock operations are not tracked now — {@link #ENGINE} while the engine runs on it,
     * {@link #IGNORED} for good, and the depth of nested own-work sections in units of {@link #OWN_WORK} —
     * and {@link #PENDING}, in one field so that each fast path tests everything with one read. Zero: tracked,
     * nothing pending.
     */
    private int busy;
    private static final int ENGINE = 1;
    private static final int IGNORED = 2;
    /**
     * {@code lastLock} is held once on top of the stack without being in it ({@link #holdLast}): the repeat of
     * the last remembered acquisition costs one store, and so does its release ({@link #releaseLast}). Every
     * other operation of this thread first pushes it ({@link #pushPending}); other threads' scans count it.
     * Not a reason for not tracking: {@link #isBusy} leaves it out.
     */
    private static final int PENDING = 4;
    private static final int OWN_WORK = 8;
    /**
     * Locks acquired inside an own-work section and not released yet, one slot per hold: their release,
     * inside or after the section, is matched here instead of being {@code unbalanced}. Bounded: a lock the
     * tool's work never releases must not pin memory, so the oldest slot goes first.
     */
    private Object[] ownHeld;
    private int ownHeldCount;
    static final int OWN_HELD_MAX = 64;
    /** Acquisitions beyond the depth limit whose releases must be matched silently. */
    private int untracked;
    /** This thread's counters, registered with the engine's {@link Counters}. */
    final Counters.Cell counts;
    /** The thread this state belongs to (created on it); only weak references lead here from outside that thread. */
    final Thread thread = Thread.currentThread();

    /**
     * One release of this thread's hold made by another thread (a {@code StampedLock} unlocked with a
     * stamp handed over): a node of an immutable list, newest first.
     */
    static final class Handoff {
        final Object lock;
        /** The side released, or null: the write side while there is one. */
        final Mode mode;
        /** How often it was passed on because the thread it was posted to did not hold it (bounded). */
        final int hops;
        Handoff next;

        Handoff(Object lock, Mode mode, int hops) {
            this.lock = lock;
            this.mode = mode;
            this.hops = hops;
        }
    }

    /** Releases posted by other threads and not drained yet; only the owning thread takes them. */
    private volatile Handoff handoffs;
    private static final AtomicReferenceFieldUpdater<ThreadState, Handoff> HANDOFFS =
            AtomicReferenceFieldUpdater.newUpdater(ThreadState.class, Handoff.class, "handoffs");

    static {
        // Loaded now, with the engine: a bootstrap class first loaded inside a lock hook can fail for good.
        new Handoff(null, null, 0).next = null;
    }

    ThreadState(Counters.Cell counts) {
        this.counts = counts;
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new Entry();
        }
    }

    long topKey() {
        return topKey;
    }

    /** Whether lock operations of this thread are not tracked now (inside the engine, ignored, or own work). */
    boolean isBusy() {
        return (busy & ~PENDING) != 0;
    }

    /** Whether the only reason for {@link #isBusy} is an own-work section: its releases still need matching. */
    boolean inOwnWorkOnly() {
        return busy >= OWN_WORK && (busy & (ENGINE | IGNORED)) == 0;
    }

    /** Whether acquisitions beyond the depth limit are held (their releases are matched silently). */
    boolean hasUntracked() {
        return untracked > 0;
    }

    /** Whether other threads released holds of this one that it has not dropped yet (one volatile read). */
    boolean hasHandoffs() {
        return handoffs != null;
    }

    /** Whether the engine runs on this thread now (its stack may be mid-change: hand-offs must wait). */
    boolean inEngine() {
        return (busy & ENGINE) != 0;
    }

    /** Whether this thread is ignored for good. */
    boolean ignored() {
        return (busy & IGNORED) != 0;
    }

    /** Posts a release of one of this thread's holds; called by another thread. Lock-free. */
    void post(Handoff h) {
        Handoff head;
        do {
            head = handoffs;
            h.next = head;
        } while (!HANDOFFS.compareAndSet(this, head, h));
    }

    /** Takes every posted release, oldest first; called by this thread only. */
    Handoff takeHandoffs() {
        Handoff h = HANDOFFS.getAndSet(this, null);
        Handoff oldestFirst = null;
        while (h != null) {
            Handoff next = h.next;
            h.next = oldestFirst;
            oldestFirst = h;
            h = next;
        }
        return oldestFirst;
    }

    /**
     * Read by another thread, racily: the holds of {@code lock} in {@code mode} (null: any) on this stack,
     * minus the releases of it already posted here and not drained. Positive: this thread likely holds it.
     * Scans the whole array top down, ignoring the depth: a slot above the depth has no lock or no holds, and
     * {@link #remove} shifts entries down in ascending order, so a top-down reader sees every entry that
     * stays (at its old slot or already at its new one) as far as the stores are seen in order. It is a
     * hint: the thread checks each posted release against its own stack when it drains it.
     */
    int foreignHolds(Object lock, Mode mode) {
        int holds = 0;
        Entry[] es = entries;
        for (int i = es.length - 1; i >= 0; i--) {
            Entry e = es[i];
            if (e != null && e.lock == lock) {
                holds += mode == null ? e.writeHolds + e.readHolds
                        : mode == Mode.EXCLUSIVE ? e.writeHolds : e.readHolds;
            }
        }
        if ((busy & PENDING) != 0 && lastLock == lock
                && (mode == null || (mode == Mode.EXCLUSIVE) == (lastMode == Mode.EXCLUSIVE))) {
            holds++;
        }
        for (Handoff h = handoffs; h != null; h = h.next) {
            if (h.lock == lock && h.mode == mode) {
                holds--;
            }
        }
        return holds;
    }

    /** Index of the topmost entry holding this instance with a hold in {@code mode} (null: any), or -1. */
    int indexOfHold(Object lock, Mode mode) {
        for (int i = depth - 1; i >= 0; i--) {
            Entry e = entries[i];
            if (e.holdsInstance(lock) && (mode == null || e.mergedCount > 0
                    || (mode == Mode.EXCLUSIVE ? e.writeHolds > 0 : e.readHolds > 0))) {
                return i;
            }
        }
        return -1;
    }

    Entry top() {
        return depth == 0 ? null : entries[depth - 1];
    }

    boolean maybeHolds(LockClass cls) {
        return (classFilter & (1L << cls.id())) != 0;
    }

    /** Index of the topmost entry holding this instance, or -1. */
    int indexOf(Object lock) {
        for (int i = depth - 1; i >= 0; i--) {
            if (entries[i].holdsInstance(lock)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether some held entry is a lock, not an event context (a task's body, a thread's run()). */
    boolean holdsALock() {
        for (int i = 0; i < depth; i++) {
            if (!entries[i].cls.isEvent()) {
                return true;
            }
        }
        return false;
    }

    /** Which held entries waited for {@code event} during their current hold; 0 when more than 64 are held. */
    long waitedMask(LockClass event) {
        if (depth > 64) {
            return 0; // not remembered that deep: such a signal is checked every time
        }
        long mask = 0;
        for (int i = 0; i < depth; i++) {
            if (entries[i].waitedFor == event) {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    Entry push(Object lock, LockClass cls, Mode mode, boolean trylock, Object nest) {
        return push(lock, cls, mode, trylock, nest, chainKey(topKey(), cls, mode, trylock));
    }

    /** Pushes a new entry whose chain key the caller already computed. */
    Entry push(Object lock, LockClass cls, Mode mode, boolean trylock, Object nest, long key) {
        if (depth == entries.length) {
            grow();
        }
        Entry e = entries[depth];
        // Reference stores into these long-lived entries pay GC write barriers: store only what changed.
        // The class stays in a popped slot (classes live as long as the engine); the lock never does.
        e.lock = lock;
        if (e.remembered) {
            e.remembered = false;
        }
        if (e.cls != cls) {
            e.cls = cls;
            e.classBit = 1L << cls.id();
        }
        e.trylock = trylock;
        if (nest != null || e.nest != null) {
            e.nest = nest;
        }
        e.holdOnce(mode);
        e.chainKey = key;
        e.keyBefore = topKey;
        e.filterBefore = classFilter;
        classFilter |= 1L << cls.id();
        topKey = key;
        depth++;
        return e;
    }

    /**
     * Pushes {@code lock} again from the next slot ({@link Entry#remembered}): when it was the last lock
     * remembered there, taken in {@code mode} on top of the same chain, the entry's class, chain key and filter
     * are still right, and the chain was validated (not same-class) when it was remembered. False, changing
     * nothing, otherwise. Only what a pop changed is written. Out of line (see {@link #popTop}).
     */
    @DontInline
    boolean pushRemembered(Object lock, Mode mode) {
        if (busy != 0) {
            return false; // not tracked now, or the stack is not whole
        }
        Entry[] es = entries;
        int d = depth;
        if (d >= es.length) {
            return false;
        }
        Entry e = es[d];
        // Only a remembered entry keeps its lock once popped (any other popped slot has a null lock).
        if (!e.remembered || e.lock != lock || e.memoMode != mode || e.keyBefore != topKey) {
            return false;
        }
        e.holdOnce(mode);
        classFilter |= e.classBit;
        topKey = e.chainKey;
        depth = d + 1;
        return true;
    }

    /**
     * Remembers the just pushed top entry for {@link #pushRemembered}: its lock's class is the lock's for good
     * and its chain (not a trylock, no nest lock, not same-class) is validated.
     */
    void remember(Entry e, Mode mode) {
        e.remembered = true;
        if (e.memoMode != mode) {
            e.memoMode = mode;
        }
        lastLock = e.lock;
        lastCls = e.cls;
        lastMode = mode;
        lastKeyBefore = e.keyBefore;
    }

    /**
     * Holds {@code lock} as the pending top when it repeats the last remembered acquisition (same lock, same
     * mode, on top of the same chain); false, changing nothing, otherwise, when one is pending already or when
     * the thread is not tracked now.
     */
    boolean holdLast(Object lock, Mode mode) {
        if (busy != 0 || lastLock != lock || lastMode != mode || lastKeyBefore != topKey) {
            return false;
        }
        busy = PENDING;
        return true;
    }

    /**
     * Releases the pending top when it is {@code lock} ({@code mode} null, or of the same side: exclusive or
     * shared) and the thread is tracked now; false, changing nothing, otherwise.
     */
    boolean releaseLast(Object lock, Mode mode) {
        if (busy != PENDING || lastLock != lock
                || mode != null && (mode == Mode.EXCLUSIVE) != (lastMode == Mode.EXCLUSIVE)) {
            return false;
        }
        busy = 0;
        return true;
    }

    /** Whether a pending top is held ({@link #pushPending} makes the stack whole). */
    boolean hasPending() {
        return (busy & PENDING) != 0;
    }

    /**
     * Pushes the pending top as the remembered entry it stands for, so that the stack is whole. Pushed before
     * the flag is cleared: a racing {@link #foreignHolds} may count it twice, never not at all.
     */
    void pushPending() {
        // The thread's key is still lastKeyBefore (any other operation pushes the pending top first).
        Entry e = push(lastLock, lastCls, lastMode, false, null);
        remember(e, lastMode);
        busy &= ~PENDING;
    }

    /**
     * Pops the top entry when it is {@code lock} held once, with no merged instances ({@code mode} null, or the
     * side of that hold); false, changing nothing, otherwise or while a pending top is held.
     *
     * <p>Out of line, like {@link #pushRemembered}: the hooks inline {@link #holdLast} and {@link #releaseLast}
     * into every {@code synchronized} block and lock call of the program, and the outer locks of a nest (this
     * tier) are rarer than a lock taken alone; inlined too, they doubled the hook code C2 compiles at each site.
     */
    @DontInline
    boolean popTop(Object lock, Mode mode) {
        int d = depth;
        if (d == 0 || (busy & PENDING) != 0) {
            return false;
        }
        Entry top = entries[d - 1];
        if (top.lock != lock || top.writeHolds + top.readHolds != 1 || top.mergedCount != 0
                || mode != null && (mode == Mode.EXCLUSIVE) != (top.writeHolds == 1)) {
            return false;
        }
        pop();
        return true;
    }

    /**
     * One more hold of the held entry at {@code index} in {@code mode} (a re-acquisition, or an upgrade
     * from shared to exclusive), rekeying from it if its mode changed.
     */
    void addHold(int index, Mode mode) {
        Entry e = entries[index];
        Mode before = e.mode();
        if (mode == Mode.EXCLUSIVE) {
            e.writeHolds++;
        } else {
            if (e.readHolds == 0) {
                e.readMode = mode;
            }
            e.readHolds++;
        }
        if (e.mode() != before) {
            rekeyFrom(index);
        }
    }

    /**
     * Releases one hold of the entry at {@code index}: in {@code mode}, or when null its write side while
     * it has one. The entry goes with its last hold; its successors are rekeyed if its mode changed.
     *
     * @return false, changing nothing, if the entry has no hold in {@code mode}
     */
    boolean dropHold(int index, Mode mode) {
        Entry e = entries[index];
        Mode before = e.mode();
        if (mode == null) {
            if (e.writeHolds > 0) {
                e.writeHolds--;
            } else {
                e.readHolds--;
            }
        } else if (mode == Mode.EXCLUSIVE) {
            if (e.writeHolds == 0) {
                return false;
            }
            e.writeHolds--;
        } else {
            if (e.readHolds == 0) {
                return false;
            }
            e.readHolds--;
        }
        if (e.writeHolds + e.readHolds == 0) {
            remove(index);
        } else if (e.mode() != before) {
            rekeyFrom(index);
        }
        return true;
    }

    /**
     * Drops every write hold of the entry at {@code index}, as a wait releases its monitor fully: the entry
     * goes if nothing else holds it, else it is rekeyed. Returns the write holds dropped, for
     * {@link #restoreWriteHolds}.
     */
    int dropWriteHolds(int index) {
        Entry e = entries[index];
        int saved = e.writeHolds;
        if (saved == 0) {
            return 0;
        }
        e.writeHolds = 0;
        if (e.holds() == 0) {
            remove(index);
        } else {
            rekeyFrom(index);
        }
        return saved;
    }

    /** Adds {@code holds} write holds to the entry at {@code index} (a wait's re-acquisition restoring its count). */
    void restoreWriteHolds(int index, int holds) {
        entries[index].writeHolds += holds;
    }

    /** Counts {@code n} acquisitions made beyond the depth limit, whose releases are to be matched silently. */
    void addUntracked(int n) {
        untracked += n;
    }

    /** Matches a release to an untracked acquisition; false if there is none left. */
    boolean dropUntracked() {
        if (untracked > 0) {
            untracked--;
            return true;
        }
        return false;
    }

    /**
     * Marks the engine as running on this thread: locks taken meanwhile are not tracked. Returns whether it
     * already was; a caller that gets true must not call {@link #leaveBusy}.
     */
    boolean enterBusy() {
        boolean was = (busy & ENGINE) != 0;
        busy |= ENGINE;
        return was;
    }

    /** Ends {@link #enterBusy}. */
    void leaveBusy() {
        busy &= ~ENGINE;
    }

    /** Stops tracking this thread for good. */
    void ignore() {
        busy |= IGNORED;
    }

    /** Enters an own-work section (nested ones count). */
    void enterOwnWork() {
        busy += OWN_WORK;
    }

    /** Leaves an own-work section; false, changing nothing, when there is none to leave. */
    boolean leaveOwnWork() {
        if (busy < OWN_WORK) {
            return false;
        }
        busy -= OWN_WORK;
        return true;
    }

    /** The depth of nested own-work sections. */
    int ownWorkDepth() {
        return busy / OWN_WORK;
    }

    /** Remembers one hold of {@code lock} taken inside an own-work section (not recorded as held). */
    void addOwnHeld(Object lock) {
        if (ownHeld == null) {
            ownHeld = new Object[8];
        } else if (ownHeldCount == ownHeld.length) {
            if (ownHeldCount == OWN_HELD_MAX) {
                System.arraycopy(ownHeld, 1, ownHeld, 0, --ownHeldCount);
            } else {
                ownHeld = Arrays.copyOf(ownHeld, Math.min(OWN_HELD_MAX, ownHeldCount * 2));
            }
        }
        ownHeld[ownHeldCount++] = lock;
    }

    /** Forgets the most recent own-work hold of {@code lock}; false if there is none. */
    boolean removeOwnHeld(Object lock) {
        for (int i = ownHeldCount - 1; i >= 0; i--) {
            if (ownHeld[i] == lock) {
                System.arraycopy(ownHeld, i + 1, ownHeld, i, ownHeldCount - i - 1);
                ownHeld[--ownHeldCount] = null;
                return true;
            }
        }
        return false;
    }

    /** Holds taken inside own-work sections and not released yet. */
    int ownHeldCount() {
        return ownHeldCount;
    }

    private void grow() {
        Entry[] bigger = Arrays.copyOf(entries, depth * 2);
        for (int i = depth; i < bigger.length; i++) {
            bigger[i] = new Entry();
        }
        entries = bigger;
    }

    /** Removes the top entry. */
    void pop() {
        Entry gone = entries[--depth];
        classFilter = gone.filterBefore;
        topKey = gone.keyBefore;
        if (gone.remembered) {
            // Kept for pushRemembered; no holds, so not held for other threads' scans.
            gone.writeHolds = 0;
            gone.readHolds = 0;
        } else {
            gone.lock = null;
        }
        if (gone.nest != null) {
            gone.nest = null;
        }
    }

    /** Removes the entry at {@code index}, shifting the ones above down and rewriting their keys. */
    private void remove(int index) {
        Entry gone = entries[index];
        gone.clear();
        // Ascending, one slot at a time (not arraycopy, whose order is unspecified): see foreignHolds.
        for (int i = index; i < depth - 1; i++) {
            entries[i] = entries[i + 1];
        }
        entries[depth - 1] = gone;
        depth--;
        rekeyFrom(index);
    }

    /** Recomputes the chain keys and filters from {@code index} up, after an entry changed or moved. */
    private void rekeyFrom(int index) {
        long key = index == 0 ? INITIAL_CHAIN_KEY : entries[index - 1].chainKey;
        long filter = index == 0 ? 0 : entries[index - 1].filterBefore | (1L << entries[index - 1].cls.id());
        for (int i = index; i < depth; i++) {
            Entry e = entries[i];
            // A rekeyed chain is not known to be validated: no pushRemembered from this entry's slot.
            if (e.remembered) {
                e.remembered = false;
            }
            e.keyBefore = key;
            e.filterBefore = filter;
            key = chainKey(key, e.cls, e.mode(), e.trylock);
            e.chainKey = key;
            filter |= 1L << e.cls.id();
        }
        topKey = key;
        classFilter = filter;
    }

    void reclass(int index, LockClass cls) {
        entries[index].cls = cls;
        entries[index].classBit = 1L << cls.id();
        rekeyFrom(index);
    }

    /**
     * The key of the chain {@code prev} extended by one (class, mode, trylock) element. Order-sensitive,
     * and for a fixed element a bijection of {@code prev} (rotate, xor, multiply by an odd constant), so
     * two chains that differ in one element never collide; one multiply keeps it cheap on the fast path.
     */
    static long chainKey(long prev, LockClass cls, Mode mode, boolean trylock) {
        long element = ((long) cls.id() << 3) | ((long) mode.ordinal() << 1) | (trylock ? 1L : 0L);
        return (Long.rotateLeft(prev, 29) ^ (element + 1)) * 0x9E3779B97F4A7C15L;
    }
}
