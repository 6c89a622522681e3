package io.jlockdep.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.internal.vm.annotation.DontInline;

/**
 * The lock dependency validator: learns which lock classes are held while others are acquired and
 * reports every strong cycle in that graph as a potential deadlock, the first time both halves of it
 * have run, on any threads, in any order. The rules are written down in {@code docs/engine.md}.
 *
 * <p>Callers (the agent's hooks, the fence core, tests) report lock operations of the calling thread:
 * {@link #acquire} <em>before</em> a blocking acquisition, {@link #tryAcquired} after a successful
 * trylock, {@link #release} after a release. The engine never throws into its caller and never calls
 * user code except an ordering rule declared with {@link LockClass#orderBy}. Locks the engine or its
 * listener take while it runs on a thread are not tracked.
 *
 * <p>Cost: an acquisition whose chain of held classes was validated before takes no global lock and
 * allocates nothing; only a new chain takes the graph lock, records edges and searches for cycles.
 *
 * <p>Thread-safe. Each instance is an independent graph; the agent uses one per JVM.
 */
public final class Lockdep {
    private static final int OP_ACQUIRE = 0;
    private static final int OP_TRY = 1;
    private static final int OP_PROBE = 2;
    /** A wait for an event: a probe that is no self-recursion inside the event's own context. */
    private static final int OP_WAIT = 3;
    /** The same with a timeout: the finding says the threads stall rather than hang. */
    private static final int OP_TIMED_WAIT = 4;
    private static final String TIMED_NOTE = "the wait has a timeout: the threads stall until it expires"
            + " rather than hang for good";
    private static final String OBSERVED = "observed";

    private final LockdepConfig config;
    /** A copy of {@code config.maxDepth} for the fast path. */
    private final int maxDepth;
    private final ThreadLocal<ThreadState> state = new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
            ThreadState ts = new ThreadState(counters.register());
            stacks.register(ts);
            claimSlot(ts);
            return ts;
        }
    };
    /**
     * The lock paths' way to the calling thread's state, cheaper than the thread-local (whose lookup was a third
     * of a known acquisition's cost): a slot per thread id, claimed by the thread's first operation when free
     * or left by a dead thread, and checked against the calling thread on every read. A thread whose slot another
     * live thread holds uses the thread-local. Weak, so that a dead thread's state (and the locks it died
     * holding) is not kept reachable.
     */
    @SuppressWarnings("unchecked")
    private final WeakReference<ThreadState>[] slots = new WeakReference[SLOTS];
    /**
     * Large (32 KB) because thread ids only grow: with 256 slots, one new thread in 256 per long-lived thread found
     * its slot taken, and its operations hit a branch C2 had pruned in every hot method the hooks were inlined
     * into, each a deoptimization and a recompilation (Commons DBCP's suite: 37; C2 time 27 s against 22 s).
     */
    static final int SLOTS = 8192;
    /** Every thread's held stack, weakly: where a release by a non-holder finds the holder. */
    private final StackRegistry stacks = new StackRegistry();
    /** How often a posted release may be passed on to yet another thread before it is dropped. */
    private static final int MAX_HOPS = 2;

    /** Guards the class list, the class graph, the instance graphs and the chain cache's writers. */
    private final Object graphLock = new Object();
    private final ConcurrentHashMap<String, LockClass> classesByName = new ConcurrentHashMap<>();
    private final ArrayList<LockClass> classes = new ArrayList<>();
    private final DependencyGraph graph = new DependencyGraph(false);
    private final ChainCache chains;
    private final HashMap<Integer, InstanceOrder> instanceOrders = new HashMap<>();
    private int instanceEdges;
    private long storedFrames;
    /** Stacks just stored on edges, shared by new edges with the same stack; guarded by the graph lock. */
    private final StackCapture.Recent recentStacks = new StackCapture.Recent();

    /** Classes given to instances by {@link #setClass}; read without a lock. */
    private final WeakIdentityMap<LockClass> explicitClasses = new WeakIdentityMap<>(64);
    /** Names given to instances for instance-inversion reports; written under graphLock. */
    private final WeakIdentityMap<String> instanceNames = new WeakIdentityMap<>(64);

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final List<Finding> findings = new ArrayList<>();
    /** Distinct findings the filter suppressed, in the order found (one per cycle id, like {@link #findings}). */
    private final List<Finding> suppressedFindings = new ArrayList<>();
    private final AtomicLong suppressed = new AtomicLong();
    /** Gated findings held back (not reported), watched for the loss of their gate; guarded by graphLock. */
    private final List<Parked> parked = new ArrayList<>();
    /** Label stored with each new edge (see {@link #setContext}); read only where edges are created. */
    private volatile String context;
    private final AtomicLongArray detections = new AtomicLongArray(FindingKind.values().length);
    private final AtomicLongArray limitHits = new AtomicLongArray(Limit.values().length);
    private final AtomicIntegerArray limitTold = new AtomicIntegerArray(Limit.values().length);
    /** Limit messages waiting to be told once the graph lock is released. */
    private final AtomicReferenceArray<String> limitNotices = new AtomicReferenceArray<>(Limit.values().length);
    private volatile boolean limitNoticesPending;
    /** New edges waiting to be told (reportEdges only); guarded by graphLock. */
    private final List<CycleEdge> pendingEdges = new ArrayList<>();
    /**
     * Barrier arrivals held back, by (event class, held class): the id of the first thread that arrived holding
     * that class. Its own wait does not wait for its own arrival; another thread's arrival under the class does.
     * Guarded by the graph lock.
     */
    private final HashMap<Long, Long> arrivals = new HashMap<>();
    private volatile boolean edgesPending;
    private final Counters counters = new Counters();
    private final AtomicLong chainMisses = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private volatile Throwable firstInternalError;

    /** An engine with the default configuration. */
    public Lockdep() {
        this(LockdepConfig.defaults());
    }

    /** An engine with the given configuration. */
    public Lockdep(LockdepConfig config) {
        this.config = config;
        this.maxDepth = config.maxDepth;
        this.chains = new ChainCache(config.maxChains);
    }

    /** This engine's configuration. */
    public LockdepConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------------------------
    // Classes

    /** The reentrant lock class of this name, created on first use. */
    public LockClass lockClass(String name) {
        LockClass c = classesByName.get(name);
        return c != null ? c : createClass(name, true);
    }

    /** The non-reentrant (pseudo-lock, StampedLock) class of this name, created or marked on first use. */
    public LockClass pseudoClass(String name) {
        LockClass c = classesByName.get(name);
        if (c == null) {
            c = createClass(name, false);
        }
        if (c.isReentrant()) {
            c.markNonReentrant();
        }
        return c;
    }

    /** A new pseudo-lock instance whose class is the pseudo class of this name. */
    public PseudoLock pseudoLock(String name) {
        return new PseudoLock(this, pseudoClass(name));
    }

    private LockClass createClass(String name, boolean reentrant) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("lock class name must not be empty");
        }
        LockClass c;
        // Busy for the whole creation: the class map's own locks may be instrumented, and their hooks
        // must not come back here.
        ThreadState own = state.get();
        boolean ownWasBusy = own.enterBusy();
        try {
            c = createUnderLock(name, reentrant);
        } finally {
            if (!ownWasBusy) {
                own.leaveBusy();
            }
        }
        if (!c.tracked) {
            ThreadState ts = state.get();
            boolean wasBusy = ts.enterBusy();
            try {
                tellLimits();
            } finally {
                if (!wasBusy) {
                    ts.leaveBusy();
                }
            }
        }
        return c;
    }

    /**
     * Names or re-classes one lock instance ({@code lockdep_set_class}); {@link #classOf} returns it from
     * now on. If the calling thread holds the instance, its held entry takes the new class at once.
     */
    public void setClass(Object lock, LockClass cls) {
        explicitClasses.expunge(null);
        explicitClasses.put(lock, cls);
        ThreadState ts = current();
        int idx = ts.indexOf(lock);
        if (idx >= 0 && ts.entries[idx].cls != cls) {
            ts.reclass(idx, cls);
        }
    }

    /**
     * Names one lock instance for the reports of instance inversions, which otherwise number the
     * instances of a class: {@code Account (instance #2 "alice")} rather than {@code Account (instance #2)}.
     * Control characters are dropped and long names cut; null or empty removes the name. The name does not
     * keep the instance alive and takes part in no cycle id.
     */
    public void setInstanceName(Object lock, String name) {
        if (lock == null) {
            return;
        }
        String clean = InstanceOrder.cleanName(name);
        synchronized (graphLock) {
            instanceNames.expunge(null);
            instanceNames.put(lock, clean);
            for (InstanceOrder order : instanceOrders.values()) {
                order.rename(lock, clean);
            }
        }
    }

    private LockClass createUnderLock(String name, boolean reentrant) {
        LockClass c;
        synchronized (graphLock) {
            c = classesByName.get(name);
            if (c != null) {
                return c;
            }
            int id = classes.size();
            boolean tracked = id < config.maxClasses;
            c = new LockClass(this, name, id, tracked, reentrant);
            classes.add(c);
            classesByName.put(name, c);
            if (!tracked) {
                limitHit(Limit.CLASSES, "more than " + config.maxClasses
                        + " lock classes: further classes are held but not ordered");
            }
        }
        return c;
    }

    /**
     * Whether the calling thread is inside the engine, ignored, or in an own-work section: its lock
     * operations are not tracked now.
     */
    public boolean isCurrentThreadBusy() {
        return state.get().isBusy();
    }

    /**
     * Stops tracking the calling thread for good: its lock operations are ignored from now on. For a
     * tool's own threads (a reporter that logs findings), whose locks are not the program's.
     */
    public void ignoreCurrentThread() {
        state.get().ignore();
    }

    /**
     * Starts a section of the tool's own work on the calling thread — a class-file transformer, a reporter
     * step — that may run on any of the program's threads, inside its lock operations or while it holds
     * locks. Until the matching {@link #leaveOwnWork}, nothing the thread does is recorded: no acquisition,
     * edge or finding. Sections nest. A lock taken inside one is remembered, so its release, inside or after
     * the section, is matched silently (never {@code unbalanced}); a release inside one of a lock taken
     * before still drops that hold (no stale held entry). Call {@code leaveOwnWork} in a {@code finally}.
     */
    public void enterOwnWork() {
        state.get().enterOwnWork();
    }

    /** Ends the innermost {@link #enterOwnWork} section of the calling thread; does nothing outside one. */
    public void leaveOwnWork() {
        state.get().leaveOwnWork();
    }

    /** Whether the calling thread is inside an {@link #enterOwnWork} section. */
    public boolean isInOwnWork() {
        return state.get().ownWorkDepth() > 0;
    }

    /**
     * Labels what the program is doing from now on — a test framework sets the running test — so that
     * every dependency edge first seen from now on, and every finding, can say during what it was
     * created. One label for all threads (work a test hands to other threads counts as that test's);
     * null clears it. Costs nothing on the known-chain fast path: it is read only when an edge is new.
     */
    public void setContext(String context) {
        this.context = context;
    }

    /** The label set by {@link #setContext}, or null. */
    public String context() {
        return context;
    }

    /** The class given to this instance by {@link #setClass}, or null. */
    public LockClass classOf(Object lock) {
        return explicitClasses.get(lock);
    }

    // ------------------------------------------------------------------------------------------------
    // Lock operations

    /**
     * A blocking acquisition the calling thread is about to make. Validates it (before the thread can
     * block) and records it as held.
     *
     * @return the first new finding this acquisition produced, or null
     */
    public Finding acquire(Object lock, LockClass cls, Mode mode) {
        return acquire(lock, cls, mode, false);
    }

    /**
     * For instrumentation hooks, before they look up the lock's class: the blocking acquisition of
     * {@code lock} in {@code mode} when it repeats one this thread made through {@link #acquireRemembered}
     * (same lock, same mode, on top of the same chain). Then it is recorded as held — the validated chain
     * again, no finding possible — and the result is true; else nothing happens and the caller goes on with
     * {@link #acquireRemembered} or {@link #acquire}. The thread's last remembered acquisition is held as a
     * pending top (one store, pushed by the thread's next other operation); the one its next stack slot
     * remembers is pushed from that slot. Small enough to inline into the hook: no class lookup, no chain
     * lookup, no call.
     */
    public boolean acquireKnown(Object lock, Mode mode) {
        ThreadState ts = mine();
        if (ts.hasHandoffs() || !ts.holdLast(lock, mode) && !ts.pushRemembered(lock, mode)) {
            return false;
        }
        ts.counts.fastHits++;
        return true;
    }

    /**
     * {@link #acquire}, for a caller whose {@code cls} is the class of {@code lock} for good (as the hooks'
     * names are): when the chain is a known one, the thread remembers the acquisition, so that the next
     * identical one at the same point of its stack is answered by {@link #acquireKnown}.
     */
    public Finding acquireRemembered(Object lock, LockClass cls, Mode mode) {
        return acquire(lock, cls, mode, true);
    }

    /**
     * The fast path of both, kept small enough to inline into callers: a class this thread does not hold,
     * room on the stack, and a chain validated before. Everything else takes the general path.
     */
    private Finding acquire(Object lock, LockClass cls, Mode mode, boolean remember) {
        ThreadState ts = current();
        if (!ts.isBusy() && lock != null && mode != null && cls != null && cls.tracked
                && !ts.maybeHolds(cls) && ts.depth < maxDepth) {
            long key = ThreadState.chainKey(ts.topKey(), cls, mode, false);
            if (chains.lookup(key) == ChainCache.HIT) {
                ts.counts.fastHits++;
                ThreadState.Entry e = ts.push(lock, cls, mode, false, null, key);
                if (remember) {
                    ts.remember(e, mode);
                }
                return null;
            }
        }
        return enter(lock, cls, mode, null, OP_ACQUIRE);
    }

    /**
     * For instrumentation hooks: releases {@code lock} when it is the calling thread's pending top or top
     * entry, held once ({@code mode} null, or the side of that hold), and returns true; else changes nothing
     * and returns false, and the caller goes on with {@link #release(Object)} or {@link #release(Object, Mode)}.
     * Small enough to inline into the hook.
     */
    public boolean releaseTop(Object lock, Mode mode) {
        ThreadState ts = mine();
        return !ts.hasHandoffs() && (ts.releaseLast(lock, mode) || !ts.isBusy() && ts.popTop(lock, mode));
    }

    /**
     * A blocking acquisition nested under {@code nestLock} (an acquire context): any number of instances
     * of one class may be held under a held nest lock without a same-class finding, and consecutive ones
     * share one held entry. A nest lock that is not held is a {@code nest-lock-not-held} finding.
     */
    public Finding acquireNested(Object lock, LockClass cls, Mode mode, Object nestLock) {
        return enter(lock, cls, mode, nestLock, OP_ACQUIRE);
    }

    /**
     * A successful trylock: the lock is held and orders later acquisitions, but since a trylock cannot
     * block, no edge points to it and no check runs.
     */
    public void tryAcquired(Object lock, LockClass cls, Mode mode) {
        enter(lock, cls, mode, null, OP_TRY);
    }

    /**
     * "This path might take (or wait for) the lock": validates an acquisition in {@code mode} against
     * what the thread holds, as if it were taken and released at once. Records nothing as held.
     */
    public Finding probe(Object lock, LockClass cls, Mode mode) {
        return enter(lock, cls, mode, null, OP_PROBE);
    }

    /**
     * Releases one hold of the instance (the write side while it has one). Releasing a lock the thread
     * does not hold is an {@code unbalanced} finding, never an exception.
     *
     * @return false if the thread did not hold it
     */
    public boolean release(Object lock) {
        ThreadState ts = current();
        int d = ts.depth;
        if (d > 0 && !ts.isBusy()) {
            ThreadState.Entry top = ts.entries[d - 1];
            // The fast path: the top entry, held once.
            if (top.lock == lock && top.writeHolds + top.readHolds == 1 && top.mergedCount == 0) {
                ts.pop();
                return true;
            }
        }
        return exit(lock, null, false);
    }

    /** Releases one write hold ({@link Mode#EXCLUSIVE}) or one read hold (a shared mode). */
    public boolean release(Object lock, Mode mode) {
        return exit(lock, mode, false);
    }

    /**
     * Releases one hold of a lock no thread owns — a {@code StampedLock}, which any thread may unlock with a
     * stamp it was handed — in {@code mode} (null: the write side while there is one). If the calling thread
     * holds it in that mode this is {@link #release(Object, Mode)}. Otherwise the hold is dropped from a
     * thread that holds it: posted to that thread, which drops it before its next operation (a thread's
     * stack is its own). {@code unbalanced} only when no thread holds it.
     *
     * @return false if no thread held it
     */
    public boolean releaseUnowned(Object lock, Mode mode) {
        return exit(lock, mode, true);
    }

    /**
     * The thread starts waiting ({@code Object.wait}, {@code Condition.await}), which releases the lock
     * fully. Returns the write holds dropped (0 if the lock was not held) for {@link #waitReacquire}.
     */
    public int waitRelease(Object lock) {
        if (lock == null) {
            return 0;
        }
        ThreadState ts = current();
        if (ts.isBusy()) {
            return 0;
        }
        ts.enterBusy();
        try {
            int idx = ts.indexOf(lock);
            return idx < 0 ? 0 : ts.dropWriteHolds(idx);
        } catch (Throwable t) {
            internalError(t);
            return 0;
        } finally {
            ts.leaveBusy();
        }
    }

    /**
     * The wait is over and the thread re-acquires the lock: validated as a blocking exclusive acquisition
     * against what it still holds, then the saved hold count is restored.
     */
    public Finding waitReacquire(Object lock, LockClass cls, int savedHolds) {
        if (savedHolds <= 0) {
            return null;
        }
        Finding f = acquire(lock, cls, Mode.EXCLUSIVE);
        ThreadState ts = current();
        int idx = ts.indexOf(lock);
        if (idx >= 0) {
            ts.restoreWriteHolds(idx, savedHolds - 1);
        } else if (ts.hasUntracked()) {
            ts.addUntracked(savedHolds - 1);
        }
        return f;
    }

    // ------------------------------------------------------------------------------------------------
    // Waits and events (DEPT's model on lockdep's graph: an event class is a pseudo lock)

    /**
     * The event class {@code "event " + what}, e.g. {@code event countDown of CountDownLatch com.acme.Foo.ready}:
     * the pseudo lock standing for "the event that ends a wait". Not reentrant; named by role like locks.
     */
    public LockClass eventClass(String what) {
        return pseudoClass(LockClass.EVENT_PREFIX + what);
    }

    /**
     * The calling thread is about to wait (perhaps block) until {@code event} happens: like a probe, an edge
     * from every lock it holds to the event. A lock the wait releases ({@code Object.wait},
     * {@code Condition.await}) must be released first ({@link #waitRelease}). A wait for an event whose
     * producing code the thread is running ({@link #enterEvent}) adds no edge from that context to itself.
     *
     * @param timed whether the wait ends by itself after a timeout (said in the finding)
     * @return the first new finding, or null
     */
    public Finding waitFor(LockClass event, boolean timed) {
        ThreadState ts = current();
        if (event == null || ts.depth == 0) {
            return null;
        }
        for (int i = 0; i < ts.depth; i++) {
            ThreadState.Entry held = ts.entries[i];
            if (held.waitedFor != event) {
                held.waitedFor = event;
            }
        }
        return enter(event, event, Mode.EXCLUSIVE, null, timed ? OP_TIMED_WAIT : OP_WAIT);
    }

    /**
     * {@code event} happens now, produced by the calling thread ({@code countDown}, {@code release}, a queue
     * insertion, {@code notify}, {@code signal}): waiting for it depends on every lock this thread holds, so
     * each gives an edge event -> lock. Returns at once when nothing is held. A lock whose current hold already
     * waited for this event gives no edge: the signal is the waiter's own (see docs/engine.md).
     *
     * @return the first new finding, or null
     */
    public Finding signal(LockClass event) {
        return produce(event, false);
    }

    /**
     * A barrier's arrive-and-wait ({@code CyclicBarrier.await}, {@code Phaser.arriveAndAwaitAdvance}): a wait
     * for the other parties' arrivals, then this party's arrival. An arrival's edge event -> lock counts only
     * once a second thread arrives holding that class, so a party holding a lock no other party takes is no
     * cycle with its own wait.
     */
    public Finding arriveAndWait(LockClass event, boolean timed) {
        Finding waited = waitFor(event, timed);
        Finding arrived = produce(event, true);
        return waited != null ? waited : arrived;
    }

    /**
     * The calling thread starts running code that {@code event} waits for (a task's body for its future, a
     * thread's {@code run()} for its join): until {@link #leaveEvent}, every lock it takes gives an edge
     * event -> lock. Held like a recursive read trylock: entering never blocks and is never an edge target.
     */
    public void enterEvent(LockClass event) {
        if (event != null) {
            enter(event, event, Mode.SHARED_RECURSIVE, null, OP_TRY);
        }
    }

    /** The code {@link #enterEvent} announced is done. */
    public void leaveEvent(LockClass event) {
        if (event != null) {
            release(event);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Queries

    /** Whether the calling thread holds this instance. */
    public boolean isHeld(Object lock) {
        return current().indexOf(lock) >= 0;
    }

    /** Whether the calling thread holds this instance in this mode (either shared mode counts as shared). */
    public boolean isHeld(Object lock, Mode mode) {
        ThreadState ts = current();
        for (int i = ts.depth - 1; i >= 0; i--) {
            ThreadState.Entry e = ts.entries[i];
            if (e.holdsInstance(lock)) {
                if (mode == Mode.EXCLUSIVE ? e.writeHolds > 0 || e.mergedCount > 0 && e.mode() == Mode.EXCLUSIVE
                        : e.readHolds > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the calling thread holds any instance of this class. */
    public boolean isHeld(LockClass cls) {
        ThreadState ts = current();
        for (int i = 0; i < ts.depth; i++) {
            if (ts.entries[i].cls == cls) {
                return true;
            }
        }
        return false;
    }

    /** The number of held entries of the calling thread. */
    public int depth() {
        return current().depth;
    }

    /**
     * Whether the calling thread holds a lock, not only event contexts: a signal with none can add no edge
     * (the contexts are skipped), so the hooks return at once. A scan of the held entries, on the signal path.
     */
    public boolean holdsALock() {
        return current().holdsALock();
    }

    /** The calling thread's held locks, bottom first. */
    public List<HeldLock> heldLocks() {
        return heldLocks(current());
    }

    /** Every distinct finding so far that the {@link FindingFilter} did not suppress, in the order found. */
    public List<Finding> findings() {
        synchronized (findings) {
            return new ArrayList<>(findings);
        }
    }

    /**
     * Every distinct finding so far that the {@link FindingFilter} suppressed, in the order found: never
     * reported, never told to the listener; kept so that a test framework can say what was held back.
     */
    public List<Finding> suppressedFindings() {
        synchronized (suppressedFindings) {
            return new ArrayList<>(suppressedFindings);
        }
    }

    /** A copy of the class dependency graph. */
    public GraphSnapshot snapshot() {
        synchronized (graphLock) {
            List<String> names = new ArrayList<>();
            for (LockClass c : classes) {
                if (c.tracked) {
                    names.add(c.name());
                }
            }
            List<GraphSnapshot.Edge> edges = new ArrayList<>();
            for (DependencyGraph.Edge e : graph.edges()) {
                edges.add(new GraphSnapshot.Edge(classes.get(e.from).name(), classes.get(e.to).name(), e.types));
            }
            return new GraphSnapshot(names, edges);
        }
    }

    /**
     * Forgets the lock instances the garbage collector has collected: their instance-order nodes and
     * edges go, an order with no instance left goes, and a mostly empty one is rebuilt smaller. An
     * acquisition does this for the class it nests; call this from a background thread so that a class
     * that stopped nesting does not keep its dead instances until it nests again.
     */
    public void expungeCollected() {
        synchronized (graphLock) {
            expungeInstanceOrders();
        }
    }

    /** {@link #expungeCollected()} with the graph lock held; recounts the instance edges. */
    private void expungeInstanceOrders() {
        int edges = 0;
        for (Iterator<Map.Entry<Integer, InstanceOrder>> it = instanceOrders.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, InstanceOrder> entry = it.next();
            InstanceOrder order = entry.getValue();
            order.expunge();
            keepTraces(order);
            if (order.isEmpty()) {
                it.remove();
                continue;
            }
            if (order.isSparse()) {
                order = order.compacted();
                entry.setValue(order);
            }
            edges += order.graph.edgeCount();
        }
        instanceEdges = edges;
    }

    /** Node ids the instance orders span, live or free: what their arrays are sized by (tests). */
    int instanceIds() {
        synchronized (graphLock) {
            int ids = 0;
            for (InstanceOrder order : instanceOrders.values()) {
                ids += order.ids();
            }
            return ids;
        }
    }

    /** Instances the instance orders know, live or collected but not yet expunged (tests). */
    int instanceNodes() {
        synchronized (graphLock) {
            int nodes = 0;
            for (InstanceOrder order : instanceOrders.values()) {
                nodes += order.nodes();
            }
            return nodes;
        }
    }

    /** Current counters. */
    public Statistics statistics() {
        long[] counts = counters.sum();
        long[] det = new long[detections.length()];
        for (int i = 0; i < det.length; i++) {
            det[i] = detections.get(i);
        }
        long[] lim = new long[limitHits.length()];
        for (int i = 0; i < lim.length; i++) {
            lim[i] = limitHits.get(i);
        }
        int nClasses;
        int nEdges;
        int nChains;
        int nGated;
        synchronized (graphLock) {
            nClasses = classes.size();
            nEdges = graph.edgeCount();
            nChains = chains.size();
            nGated = parked.size();
        }
        long nFindings;
        synchronized (findings) {
            nFindings = findings.size();
        }
        return new Statistics(nClasses, nEdges, nChains, counts[0], counts[1], chainMisses.get(),
                det, nFindings, suppressed.get(), nGated, lim, internalErrors.get());
    }

    /**
     * The first failure inside the engine that was swallowed to protect the caller, or null. There
     * should be none; {@link Statistics#internalErrors()} counts them.
     */
    public Throwable firstInternalError() {
        return firstInternalError;
    }

    ThreadState currentState() {
        return current();
    }

    /** Registered thread stacks (tests). */
    int registeredStacks() {
        return stacks.size();
    }

    /**
     * The calling thread's state, whole: its pending top pushed ({@link #acquireKnown}) and the releases other
     * threads made of its holds dropped — so that no operation of this thread misses a hold or sees a lock as
     * held that another thread released. Two reads when there is neither. Not while the engine runs on this
     * thread (its stack may be mid-change, and such an operation returns at once anyway).
     */
    private ThreadState current() {
        ThreadState ts = mine();
        if (ts.hasPending() && !ts.inEngine()) {
            ts.pushPending();
        }
        if (ts.hasHandoffs()) {
            settle(ts);
        }
        return ts;
    }

    /** The calling thread's state: its slot's when that is its own, else through the thread-local. */
    private ThreadState mine() {
        Thread t = Thread.currentThread();
        WeakReference<ThreadState> slot = slots[(int) t.getId() & (SLOTS - 1)];
        if (slot != null) {
            ThreadState ts = slot.get();
            if (ts != null && ts.thread == t) {
                return ts;
            }
        }
        return mineFromThreadLocal();
    }

    /**
     * Out of line: inlined, the thread-local lookup (and the creation of a thread's state) made {@link #mine}'s
     * compiled body so big that C2 stopped inlining it into the hooks ("already compiled into a big method").
     */
    @DontInline
    private ThreadState mineFromThreadLocal() {
        return state.get();
    }

    /**
     * For the hook after a thread pool erased the calling thread's thread-locals (ForkJoinPool's workers do between
     * tasks): its state, still reached through its thread-id slot, is put back into the thread-local, its only strong
     * root. Without this the slot's weak reference was all that led to it, and a collection during a later task on
     * the thread lost the state and the locks it held (their releases then looked unbalanced). A thread without a
     * slot of its own gets a new state on its next operation; between tasks it holds nothing.
     */
    public void threadLocalsErased() {
        Thread t = Thread.currentThread();
        WeakReference<ThreadState> slot = slots[(int) t.getId() & (SLOTS - 1)];
        ThreadState ts = slot == null ? null : slot.get();
        if (ts != null && ts.thread == t) {
            state.set(ts);
        }
    }

    /** Claims the calling thread's slot for {@code ts} when no live thread's state holds it (racy: a lost claim only costs speed). */
    private void claimSlot(ThreadState ts) {
        int i = (int) Thread.currentThread().getId() & (SLOTS - 1);
        WeakReference<ThreadState> old = slots[i];
        ThreadState holder = old == null ? null : old.get();
        if (holder == null || !holder.thread.isAlive()) {
            slots[i] = new WeakReference<>(ts);
        }
    }

    /**
     * Drops the holds other threads released ({@link #releaseUnowned}). Not while the engine runs on this
     * thread (its stack may be mid-change; the next operation settles). A posted release this thread cannot
     * match — the racy scan chose it while another thread also held the lock — is passed on to a thread that
     * holds it, a bounded number of times, and then dropped: never a finding.
     */
    private void settle(ThreadState ts) {
        if (ts.inEngine()) {
            return;
        }
        ts.enterBusy();
        try {
            ThreadState.Handoff h = ts.takeHandoffs();
            if (ts.ignored()) {
                return;
            }
            for (; h != null; h = h.next) {
                int idx = ts.indexOfHold(h.lock, h.mode);
                if (idx >= 0) {
                    if (!ts.entries[idx].unmerge(h.lock)) {
                        ts.dropHold(idx, h.mode);
                    }
                } else if (h.hops < MAX_HOPS) {
                    ThreadState holder = stacks.holderOf(h.lock, h.mode, ts);
                    if (holder != null) {
                        holder.post(new ThreadState.Handoff(h.lock, h.mode, h.hops + 1));
                    }
                }
            }
        } catch (Throwable t) {
            internalError(t);
        } finally {
            ts.leaveBusy();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Priming

    /**
     * Seeds the graph with declared orders as if observed, so the reverse of any of them is reported on
     * its first occurrence. Returns (and tells the listener) findings the contract itself closes.
     */
    public List<Finding> prime(Contract contract) {
        ThreadState ts = state.get();
        // Busy throughout, as on the lock paths: the filter runs under the graph lock, and the locks it or
        // the listener takes are not the program's.
        boolean wasBusy = ts.enterBusy();
        try {
            List<Finding> out = primeOrders(contract);
            tellLimits();
            if (out == null) {
                return Collections.<Finding>emptyList();
            }
            tell(out);
            return out;
        } finally {
            if (!wasBusy) {
                ts.leaveBusy();
            }
        }
    }

    /** Adds the contract's orders to the graph; returns the findings they close, or null. */
    private List<Finding> primeOrders(Contract contract) {
        List<Finding> out = null;
        String thread = Thread.currentThread().getName();
        for (Contract.Order o : contract.orders()) {
            LockClass from = lockClass(o.from());
            LockClass to = lockClass(o.to());
            if (!from.tracked || !to.tracked) {
                continue;
            }
            EdgeType t = EdgeType.of(o.fromMode(), o.toMode());
            synchronized (graphLock) {
                DependencyGraph.Edge e = graph.edge(from.id(), to.id());
                if (e == null) {
                    if (graph.edgeCount() >= config.maxEdges) {
                        limitHit(Limit.EDGES, "more than " + config.maxEdges
                                + " dependency edges: further edges are checked but not stored");
                        continue;
                    }
                    e = graph.addEdge(from.id(), to.id());
                    from.markDependencies();
                    e.thread = "contract";
                    e.stack = StackCapture.none();
                    e.origin = o.origin();
                }
                if ((e.types & t.bit()) != 0) {
                    continue;
                }
                e.types |= t.bit();
                DependencyGraph.Path path = graph.findStrongCycle(from.id(), to.id(), t);
                if (path != null) {
                    CycleEdge closing = new CycleEdge(from.name(), to.name(), t, "contract", StackCapture.none(),
                            o.origin(), null);
                    // A declared order has no instances: unknown evidence, never gated.
                    out = add(out, circular(FindingKind.CIRCULAR, closing, path, null, null, thread, to.name(),
                            o.toMode(), o.fromMode(), new ArrayList<HeldLock>(), StackCapture.none(), null, null,
                            null, null));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------
    // The acquisition path

    private Finding enter(Object lock, LockClass cls, Mode mode, Object nest, int op) {
        if (lock == null || cls == null || mode == null) {
            return null;
        }
        ThreadState ts = current();
        if (ts.isBusy()) {
            if ((op == OP_ACQUIRE || op == OP_TRY) && ts.inOwnWorkOnly()) {
                ts.addOwnHeld(lock);
            }
            return null;
        }
        ts.enterBusy();
        try {
            List<Finding> out = doEnter(ts, lock, cls, mode, nest, op);
            tellLimits();
            tellEdges();
            if (out == null) {
                return null;
            }
            tell(out);
            return out.get(0);
        } catch (Throwable t) {
            internalError(t);
            return null;
        } finally {
            ts.leaveBusy();
        }
    }

    private List<Finding> doEnter(ThreadState ts, Object lock, LockClass cls, Mode mode, Object nest, int op) {
        ts.counts.acquisitions++;
        boolean trylock = op == OP_TRY;
        boolean wait = op == OP_WAIT || op == OP_TIMED_WAIT;
        boolean probe = op == OP_PROBE || wait;
        List<Finding> out = null;

        if (nest != null) {
            if (ts.indexOf(nest) < 0) {
                LockClass nestClass = classOf(nest);
                out = add(out, single(FindingKind.NEST_LOCK_NOT_HELD, "", ts, cls, mode,
                        nestClass != null ? nestClass.name() : describe(nest), null, null));
                nest = null;
            } else {
                ThreadState.Entry top = ts.top();
                if (!probe && top.cls == cls && top.nest == nest && !top.holdsInstance(lock)) {
                    top.merge(lock);
                    return out;
                }
            }
        }

        // The class filter makes the common case (class not held) free; a held instance presented
        // under another class (re-classed meanwhile) is caught on the chain-cache miss below.
        boolean scanned = wait; // a wait inside the event's own context is no self-recursion
        if (!wait && ts.maybeHolds(cls)) {
            scanned = true;
            int idx = ts.indexOf(lock);
            if (idx >= 0) {
                ThreadState.Entry e = ts.entries[idx];
                if (e.cls.isReentrant() || e.nest != null) {
                    return reenter(ts, idx, e, lock, cls, mode, trylock, probe, out);
                }
                out = nonReentrant(ts, e, cls, mode, trylock, out);
            }
        }

        if (!probe && ts.depth >= maxDepth) {
            ts.addUntracked(1);
            limitHit(Limit.DEPTH, "a thread held more than " + config.maxDepth
                    + " locks: deeper acquisitions are not tracked");
            return out;
        }
        if (trylock) {
            ts.push(lock, cls, mode, true, nest);
            return out;
        }
        long key = ThreadState.chainKey(ts.topKey(), cls, mode, false);
        if (cls.tracked) {
            int hit = chains.lookup(key);
            if (hit == ChainCache.MISS) {
                if (!scanned) {
                    int idx = ts.indexOf(lock);
                    if (idx >= 0) {
                        ThreadState.Entry e = ts.entries[idx];
                        if (e.cls.isReentrant() || e.nest != null) {
                            return reenter(ts, idx, e, lock, cls, mode, false, probe, out);
                        }
                        out = nonReentrant(ts, e, cls, mode, false, out);
                    }
                }
                out = slowPath(ts, lock, cls, mode, nest, key, op == OP_TIMED_WAIT ? TIMED_NOTE : null, out);
            } else {
                ts.counts.chainHits++;
                if (hit == ChainCache.HIT_SAME_CLASS) {
                    out = sameClass(ts, lock, cls, mode, nest, out);
                }
            }
        }
        if (!probe) {
            ts.push(lock, cls, mode, false, nest, key);
        }
        return out;
    }

    /**
     * An event produced now ({@link #signal}; {@code arrival}: a barrier party's, {@link #arriveAndWait}): the
     * edge event -> class for every lock held, checked like the edges of an acquisition that held the event as
     * a recursive read. Its own chain-cache key (events are never trylocked, so the trylock bit marks it).
     */
    private Finding produce(LockClass event, boolean arrival) {
        if (event == null || !event.tracked) {
            return null;
        }
        ThreadState ts = current();
        if (ts.depth == 0 || ts.isBusy()) {
            return null;
        }
        long key = ThreadState.chainKey(ts.topKey(), event, arrival ? Mode.SHARED : Mode.SHARED_RECURSIVE, true);
        if (chains.lookup(key) != ChainCache.MISS
                || (!arrival && ts.ownSignalKey == key && ts.ownSignalMask != 0 && ts.ownSignalMask == ts.waitedMask(event))) {
            return null;
        }
        ts.enterBusy();
        try {
            List<Finding> out = produceSlow(ts, event, arrival, key);
            tellLimits();
            tellEdges();
            if (out == null) {
                return null;
            }
            tell(out);
            return out.get(0);
        } catch (Throwable t) {
            internalError(t);
            return null;
        } finally {
            ts.leaveBusy();
        }
    }

    private List<Finding> produceSlow(ThreadState ts, LockClass event, boolean arrival, long key) {
        chainMisses.incrementAndGet();
        List<Finding> out = null;
        Call call = new Call(ts);
        boolean complete = true;
        synchronized (graphLock) {
            for (int i = 0; i < ts.depth; i++) {
                ThreadState.Entry p = ts.entries[i];
                // Another event's context held here says nothing about what this event needs.
                if (p.cls == event || !p.cls.tracked || p.cls.isEvent()) {
                    continue;
                }
                // This hold waited for the event: signalling it now, still inside, is the waiter's own doing
                // (a semaphore used as a mutex under p, a consumer's take that wakes producers). Another
                // thread's hold of the same chain must still be checked, so the chain is not cached. A barrier
                // arrival is for the other parties' waits and has its own rule (arrivalCounts).
                if (!arrival && p.waitedFor == event) {
                    complete = false;
                    continue;
                }
                if (arrival && !arrivalCounts(event, p.cls)) {
                    complete = false;
                    continue;
                }
                EdgeType t = EdgeType.of(Mode.SHARED_RECURSIVE, p.mode());
                Object held = p.mergedCount == 0 ? p.lock : null;
                if (addType(graph, null, event.id(), p.cls.id(), t, call, null, held)) {
                    call.check(p.cls.id(), t, p.mode(), held); // "from" of the check is the edge's target here
                }
            }
            if (call.gateLost) {
                out = ungate(out);
            }
            for (int c = 0; c < call.checks; c++) {
                int to = call.checkFrom[c];
                DependencyGraph.Path path = graph.findStrongCycle(event.id(), to, call.checkType[c]);
                if (path != null) {
                    LockClass target = classes.get(to);
                    CycleEdge closing = new CycleEdge(event.name(), target.name(), call.checkType[c], call.thread(),
                            call.stack(), OBSERVED, context);
                    out = add(out, circular(FindingKind.CIRCULAR, closing, path, null, null, call.thread(),
                            target.name(), call.checkHeldMode[c], Mode.SHARED_RECURSIVE, heldLocks(ts), call.stack(),
                            null, call.checkFromLock[c], call.checkGates[c], null));
                }
            }
            if (complete && !chains.add(key, false)) {
                limitHit(Limit.CHAINS, "more than " + config.maxChains
                        + " lock chains: further chains are validated on every acquisition");
            }
        }
        if (!complete && !arrival) {
            // Left out of the cache only for this thread's own holds (a semaphore as a mutex, acquired and
            // released again and again in one hold): the same signal in the same holds adds nothing new.
            ts.ownSignalKey = key;
            ts.ownSignalMask = ts.waitedMask(event);
        }
        return out;
    }

    /** Whether a barrier arrival holding {@code held} gives its edge now: a second thread arrived holding it. */
    private boolean arrivalCounts(LockClass event, LockClass held) {
        if (graph.edge(event.id(), held.id()) != null) {
            return true;
        }
        long thread = Thread.currentThread().getId();
        Long first = arrivals.putIfAbsent(((long) event.id() << 32) | held.id(), thread);
        return first != null && first != thread;
    }

    /** A non-reentrant instance taken again: a certain self-deadlock unless it is R after a shared hold. */
    private List<Finding> nonReentrant(ThreadState ts, ThreadState.Entry e, LockClass cls, Mode mode, boolean trylock,
                                       List<Finding> out) {
        if (!trylock && !(mode == Mode.SHARED_RECURSIVE && e.mode().isShared())) {
            out = add(out, single(FindingKind.RECURSIVE, "self", ts, cls, mode, e.cls.name(), e.mode(), null));
        }
        return out;
    }

    /**
     * Re-acquisition of a held instance of a reentrant class (or one merged under a nest lock): a hold
     * bump, or an upgrade finding. Instances under a nest lock are counted by occurrence in the entry, so
     * each release drops one hold of the right instance.
     */
    private List<Finding> reenter(ThreadState ts, int idx, ThreadState.Entry e, Object lock, LockClass cls,
                                  Mode mode, boolean trylock, boolean probe, List<Finding> out) {
        if (e.nest != null) {
            if (!probe) {
                e.merge(lock);
            }
            return out;
        }
        if (mode == Mode.EXCLUSIVE && e.writeHolds == 0 && !trylock) {
            out = add(out, single(FindingKind.RW_UPGRADE, "", ts, cls, mode, e.cls.name(), e.mode(), null));
        }
        if (!probe) {
            ts.addHold(idx, mode); // an upgrade changes the entry's mode and so rekeys
        }
        return out;
    }

    /** A chain not validated before: same-class rules, then class edges and cycle checks under the lock. */
    private List<Finding> slowPath(ThreadState ts, Object lock, LockClass cls, Mode mode, Object nest, long key,
                                   String note, List<Finding> out) {
        chainMisses.incrementAndGet();
        boolean sameClass = false;
        for (int i = 0; i < ts.depth; i++) {
            if (ts.entries[i].cls == cls) {
                sameClass = true;
                break;
            }
        }
        if (sameClass) {
            out = sameClass(ts, lock, cls, mode, nest, out);
        }
        Call call = new Call(ts);
        synchronized (graphLock) {
            // First add every new (edge, type) of this acquisition, then check each: a cycle may run
            // through several of them.
            for (int i = 0; i < ts.depth; i++) {
                ThreadState.Entry p = ts.entries[i];
                if (p.cls == cls || !p.cls.tracked) {
                    continue;
                }
                EdgeType t = EdgeType.of(p.mode(), mode);
                Object held = p.mergedCount == 0 ? p.lock : null;
                if (addType(graph, null, p.cls.id(), cls.id(), t, call, held, lock)) {
                    call.check(p.cls.id(), t, p.mode(), held);
                }
            }
            if (call.gateLost) {
                out = ungate(out);
            }
            for (int c = 0; c < call.checks; c++) {
                DependencyGraph.Path path = graph.findStrongCycle(call.checkFrom[c], cls.id(), call.checkType[c]);
                if (path != null) {
                    CycleEdge closing = new CycleEdge(classes.get(call.checkFrom[c]).name(), cls.name(),
                            call.checkType[c], call.thread(), call.stack(), OBSERVED, context);
                    out = add(out, circular(FindingKind.CIRCULAR, closing, path, null, null, call.thread(), cls.name(),
                            mode, call.checkHeldMode[c], heldLocks(ts), call.stack(), call.checkFromLock[c], lock,
                            call.checkGates[c], note));
                }
            }
            if (!chains.add(key, sameClass)) {
                limitHit(Limit.CHAINS, "more than " + config.maxChains
                        + " lock chains: further chains are validated on every acquisition");
            }
        }
        return out;
    }

    /**
     * Same-class nesting: the acquired class is already held through another instance. Runs on every
     * such acquisition (the instance order is not part of the chain key).
     */
    private List<Finding> sameClass(ThreadState ts, Object lock, LockClass cls, Mode mode, Object nest,
                                    List<Finding> out) {
        if (nest != null) {
            return out; // a held nest lock (acquire context) makes same-class nesting safe
        }
        java.util.Comparator<Object> order = cls.order();
        SameClassPolicy policy = config.sameClass;
        if (order == null && policy == SameClassPolicy.OFF) {
            return out;
        }
        boolean instanceEdges = false;
        for (int i = 0; i < ts.depth; i++) {
            ThreadState.Entry p = ts.entries[i];
            if (p.cls != cls || p.holdsInstance(lock)) {
                continue;
            }
            if (order != null) {
                int c;
                try {
                    c = order.compare(p.lock, lock);
                } catch (Throwable t) {
                    c = 0;
                }
                if (c >= 0) {
                    out = add(out, single(FindingKind.RECURSIVE, "order", ts, cls, mode, p.cls.name(), p.mode(),
                            "and the ordering rule of " + cls.name() + " returns " + c
                                    + " for them: the held instance must come first"));
                }
            } else if (policy == SameClassPolicy.STRICT && !cls.hasManyRoles()) {
                if (!(mode == Mode.SHARED_RECURSIVE && p.mode().isShared())) {
                    out = add(out, single(FindingKind.RECURSIVE, "nested", ts, cls, mode, p.cls.name(), p.mode(),
                            null));
                }
            } else if (policy != SameClassPolicy.OFF) {
                instanceEdges = true;
            }
        }
        if (instanceEdges) {
            out = instanceOrder(ts, lock, cls, mode, out);
        }
        return out;
    }

    /** Records instance edges from the held instances of {@code cls} to {@code lock} and checks their cycles. */
    private List<Finding> instanceOrder(ThreadState ts, Object lock, LockClass cls, Mode mode, List<Finding> out) {
        Call call = new Call(ts);
        synchronized (graphLock) {
            InstanceOrder order = instanceOrders.get(cls.id());
            if (order != null) {
                instanceEdges -= order.expunge();
                keepTraces(order);
            }
            if (instanceEdges >= config.maxInstanceEdges) {
                // Full: the other classes' orders may still count edges of collected instances.
                expungeInstanceOrders();
                order = instanceOrders.get(cls.id());
            }
            if (order == null) {
                order = new InstanceOrder();
                instanceOrders.put(cls.id(), order);
            }
            // Full, no edge is stored: an instance with no node has no stored edge, so no cycle runs through it
            // and an edge to or from it has nothing to be checked against. Short-lived instances nested faster
            // than they are collected then cost a lookup, not a node each.
            boolean full = instanceEdges >= config.maxInstanceEdges;
            int to = -1;
            boolean toLooked = false;
            for (int i = 0; i < ts.depth; i++) {
                ThreadState.Entry p = ts.entries[i];
                if (p.cls != cls || p.holdsInstance(lock)) {
                    continue;
                }
                int from = full ? order.find(p.lock) : order.nodeOf(p.lock, instanceNames);
                if (from < 0) {
                    instanceEdgesFull();
                    continue; // before looking up the acquired one: most often the held one is as new
                }
                if (!toLooked) {
                    // after the held one: instances are numbered in locking order
                    to = full ? order.find(lock) : order.nodeOf(lock, instanceNames);
                    toLooked = true;
                }
                if (to < 0) {
                    instanceEdgesFull();
                    continue;
                }
                EdgeType t = EdgeType.of(p.mode(), mode);
                if (addType(order.graph, order, from, to, t, call, p.lock, lock)) {
                    call.check(from, t, p.mode(), p.lock);
                }
            }
            if (call.gateLost) {
                out = ungate(out);
            }
            for (int c = 0; c < call.checks; c++) {
                DependencyGraph.Path path = order.graph.findStrongCycle(call.checkFrom[c], to, call.checkType[c]);
                if (path != null) {
                    String fromLabel = cls.name() + " (" + order.label(call.checkFrom[c]) + ")";
                    String toLabel = cls.name() + " (" + order.label(to) + ")";
                    CycleEdge closing = new CycleEdge(fromLabel, toLabel, call.checkType[c], call.thread(), call.stack(),
                            OBSERVED, context);
                    out = add(out, circular(FindingKind.INSTANCE_INVERSION, closing, path, order, cls,
                            call.thread(), toLabel, mode, call.checkHeldMode[c], heldLocks(ts), call.stack(),
                            call.checkFromLock[c], lock, call.checkGates[c], null));
                }
            }
        }
        return out;
    }

    /**
     * Gives the edge {@code from -> to} of {@code g} the type {@code t}, creating the edge (with the
     * call's thread and stack as first seen, and its instance evidence: {@code fromLock} held, null when not
     * one instance, while {@code toLock} is acquired) when there is room. An edge seen again loses the gates
     * the thread does not hold now. Caller holds the graph lock. Leaves in {@code call.gates} the evidence
     * whose gates a cycle closed by this (edge, type) may count on. {@code order} is the instance order
     * {@code g} belongs to, null for the class graph.
     *
     * @return whether this (edge, type) is new and so must be checked for cycles — also when the edge
     *         could not be stored for lack of room
     */
    private boolean addType(DependencyGraph g, InstanceOrder order, int from, int to, EdgeType t, Call call,
                            Object fromLock, Object toLock) {
        boolean instanceGraph = order != null;
        DependencyGraph.Edge e = g.edge(from, to);
        // No gates for an edge that is not stored: its later observations could not narrow them.
        call.gates = null;
        if (e == null) {
            if (instanceGraph ? instanceEdges >= config.maxInstanceEdges : g.edgeCount() >= config.maxEdges) {
                if (instanceGraph) {
                    instanceEdgesFull();
                } else {
                    limitHit(Limit.EDGES, "more than " + config.maxEdges
                            + " dependency edges: further edges are checked but not stored");
                }
                return true;
            }
            e = g.addEdge(from, to);
            if (instanceGraph) {
                instanceEdges++;
            } else {
                classes.get(from).markDependencies();
            }
            e.thread = call.thread();
            e.origin = OBSERVED;
            e.context = context;
            if (instanceGraph && config.captureStacks) {
                // Most instance edges die with their instances unreported: their frames are made for a
                // report, or once both instances lived through a collection (keepTraces).
                e.trace = call.trace();
                g.traced(e);
            } else {
                e.stack = storeStack(call.stack());
            }
            e.witness = instanceGraph ? EdgeWitness.observe(call.ts, order.ref(from), order.ref(to))
                    : EdgeWitness.observe(call.ts, fromLock, toLock);
        } else {
            if (e.witness != null && e.witness.keepHeld(call.ts)) {
                call.gateLost = true;
            }
            if ((e.types & t.bit()) != 0) {
                return false;
            }
        }
        call.gates = e.witness;
        e.types |= t.bit();
        if (!instanceGraph && config.reportEdges) {
            pendingEdges.add(new CycleEdge(classes.get(from).name(), classes.get(to).name(), t, e.thread, e.stack,
                    e.origin, e.context));
            edgesPending = true;
        }
        return true;
    }

    /** One slow-path validation: the acquiring thread's name and stack, taken once and only if needed, and the checks to run. */
    private final class Call {
        final ThreadState ts;
        final int[] checkFrom;
        final EdgeType[] checkType;
        final Mode[] checkHeldMode;
        /** The held instance of each check's edge (null when the entry merges several) and its edge's gates. */
        final Object[] checkFromLock;
        final EdgeWitness[] checkGates;
        int checks;
        /** Set by {@link #addType} for the edge it just handled. */
        EdgeWitness gates;
        /** Whether an edge seen again lost a gate: parked gated findings must be looked at again. */
        boolean gateLost;
        private String thread;
        private StackTraceElement[] stack;
        private Throwable trace;

        Call(ThreadState ts) {
            this.ts = ts;
            int capacity = ts.depth;
            checkFrom = new int[capacity];
            checkType = new EdgeType[capacity];
            checkHeldMode = new Mode[capacity];
            checkFromLock = new Object[capacity];
            checkGates = new EdgeWitness[capacity];
        }

        /** A new (edge, type) from the held {@code fromLock} to check for cycles, with the gates {@link #addType} left. */
        void check(int from, EdgeType type, Mode heldMode, Object fromLock) {
            checkFrom[checks] = from;
            checkType[checks] = type;
            checkHeldMode[checks] = heldMode;
            checkFromLock[checks] = fromLock;
            checkGates[checks] = gates;
            checks++;
        }

        String thread() {
            if (thread == null) {
                thread = Thread.currentThread().getName();
            }
            return thread;
        }

        StackTraceElement[] stack() {
            if (stack == null) {
                stack = config.captureStacks
                        ? StackCapture.frames(trace(), config.framesPerTrace, config.skipFramePrefixes)
                        : StackCapture.none();
            }
            return stack;
        }

        /** The stack not yet made into frames (only when stacks are captured); {@link #stack} is made from it. */
        Throwable trace() {
            if (trace == null) {
                trace = StackCapture.trace();
            }
            return trace;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The release path

    private boolean exit(Object lock, Mode mode, boolean unowned) {
        if (lock == null) {
            return false;
        }
        ThreadState ts = current();
        if (ts.isBusy()) {
            if (ts.inOwnWorkOnly()) {
                releaseInOwnWork(ts, lock, mode);
            }
            return true;
        }
        ts.enterBusy();
        try {
            return ts.popTop(lock, mode) || releaseSlow(ts, lock, mode, unowned);
        } catch (Throwable t) {
            internalError(t);
            return true;
        } finally {
            ts.leaveBusy();
        }
    }

    private boolean releaseSlow(ThreadState ts, Object lock, Mode mode, boolean unowned) {
        // An unowned release leaves this thread's holds in another mode alone: they may well be its own.
        int idx = unowned ? ts.indexOfHold(lock, mode) : ts.indexOf(lock);
        if (idx < 0) {
            // By identity first: an own-work hold must not use up a hold beyond the depth limit, nor may
            // another thread's hold.
            if (ts.removeOwnHeld(lock) || unowned && handOff(ts, lock, mode) || ts.dropUntracked()) {
                return true;
            }
            unbalanced(ts, lock);
            return false;
        }
        if (ts.entries[idx].unmerge(lock) || ts.dropHold(idx, mode) || ts.removeOwnHeld(lock)) {
            return true;
        }
        unbalanced(ts, lock);
        return false;
    }

    /**
     * A release of a lock the calling thread does not hold, by a thread that may ({@link #releaseUnowned}):
     * posted to a thread that holds it. The scan reads other threads' stacks without synchronization, so it
     * only finds a likely holder; that thread checks the release against its own stack when it drains it.
     * Nothing is recorded here and the releasing thread's stack is untouched.
     */
    private boolean handOff(ThreadState ts, Object lock, Mode mode) {
        ThreadState holder = stacks.holderOf(lock, mode, ts);
        if (holder == null) {
            return false;
        }
        holder.post(new ThreadState.Handoff(lock, mode, 0));
        return true;
    }

    /**
     * A release inside an own-work section: of a hold taken inside one, forgotten; else of a lock held from
     * before the section, that hold is dropped. Never a finding.
     */
    private void releaseInOwnWork(ThreadState ts, Object lock, Mode mode) {
        try {
            if (ts.removeOwnHeld(lock)) {
                return;
            }
            int idx = ts.indexOf(lock);
            if (idx >= 0 && !ts.entries[idx].unmerge(lock)) {
                ts.dropHold(idx, mode);
            }
        } catch (Throwable t) {
            internalError(t);
        }
    }

    private void unbalanced(ThreadState ts, Object lock) {
        LockClass c = classOf(lock);
        String name = c != null ? c.name() : lock instanceof PseudoLock ? ((PseudoLock) lock).name() : describe(lock);
        detections.incrementAndGet(FindingKind.UNBALANCED.ordinal());
        String id = CycleIds.of(FindingKind.UNBALANCED, "", new String[] {name}, null);
        if (!reported.add(id)) {
            return;
        }
        Finding f = new Finding(FindingKind.UNBALANCED, id, new ArrayList<CycleEdge>(),
                Thread.currentThread().getName(), name, Mode.EXCLUSIVE, null, null, heldLocks(ts), captureStack(), null,
                Evidence.WITNESSED, null, origins(null, name));
        List<Finding> out = add(null, record(f, null));
        if (out != null) {
            tell(out);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Findings

    /** A finding about one lock (recursive, rw-upgrade, nest lock): deduplicated before any stack is taken. */
    private Finding single(FindingKind kind, String variant, ThreadState ts, LockClass cls, Mode mode,
                           String heldName, Mode heldMode, String note) {
        detections.incrementAndGet(kind.ordinal());
        String id = CycleIds.of(kind, variant, new String[] {cls.name()}, null);
        if (!reported.add(id)) {
            return null;
        }
        StackTraceElement[] stack = captureStack();
        String thread = Thread.currentThread().getName();
        List<CycleEdge> edges = new ArrayList<>(1);
        if (heldMode != null) {
            edges.add(new CycleEdge(heldName, cls.name(), EdgeType.of(heldMode, mode), thread, stack, OBSERVED,
                    context));
        }
        // Two instances of one class ("nested" under strict, "order") are class-level; the rest is one instance.
        Evidence evidence = "nested".equals(variant) || "order".equals(variant) ? Evidence.CLASS_ONLY
                : Evidence.WITNESSED;
        return record(new Finding(kind, id, edges, thread, cls.name(), mode, heldName, heldMode, heldLocks(ts), stack,
                note, evidence, null, origins(null, cls.name(), heldName)), null);
    }

    /**
     * A cycle closed by {@code closing}, with {@code path} leading back from its target to its source. The
     * closing acquisition took {@code closingTo} while holding {@code closingFrom} (null: not known), and
     * {@code closingGates} is the stored evidence of its edge (null: none, the cycle is not gated).
     */
    private Finding circular(FindingKind kind, CycleEdge closing, DependencyGraph.Path path, InstanceOrder order,
                             LockClass instanceClass, String thread, String acquiring, Mode mode, Mode heldMode,
                             List<HeldLock> held, StackTraceElement[] stack, Object closingFrom, Object closingTo,
                             EdgeWitness closingGates, String note) {
        detections.incrementAndGet(kind.ordinal());
        int n = path.edges.size() + 1;
        String[] names = new String[n];
        EdgeType[] types = new EdgeType[n];
        if (order == null) {
            names[0] = closing.from();
            types[0] = closing.type();
            for (int i = 1; i < n; i++) {
                names[i] = classes.get(path.edges.get(i - 1).from).name();
                types[i] = path.types.get(i - 1);
            }
        } else {
            // Instance cycles are one finding per class: instances have no stable names.
            names = new String[] {instanceClass.name()};
            types = null;
        }
        String id = CycleIds.of(kind, "", names, types);
        if (!reported.add(id)) {
            return null;
        }
        List<CycleEdge> edges = new ArrayList<>(n);
        edges.add(closing);
        EdgeWitness[] gates = new EdgeWitness[n];
        Object[] fromLocks = new Object[n];
        Object[] toLocks = new Object[n];
        gates[0] = closingGates;
        fromLocks[0] = closingFrom;
        toLocks[0] = closingTo;
        for (int i = 0; i < path.edges.size(); i++) {
            DependencyGraph.Edge e = path.edges.get(i);
            EdgeWitness w = e.witness;
            gates[i + 1] = w;
            fromLocks[i + 1] = w == null ? null : w.from();
            toLocks[i + 1] = w == null ? null : w.to();
            String from;
            String to;
            if (order == null) {
                from = classes.get(e.from).name();
                to = classes.get(e.to).name();
            } else {
                String cls = names[0];
                from = cls + " (" + order.label(e.from) + ")";
                to = cls + " (" + order.label(e.to) + ")";
            }
            edges.add(new CycleEdge(from, to, path.types.get(i), e.thread, stackOf(e), e.origin, e.context));
        }
        // A lock held on every edge serializes the orders of a lock cycle; a thread that waits while holding it
        // is exactly what deadlocks, so a cycle through an event is never gated.
        boolean throughEvent = false;
        for (String name : names) {
            throughEvent |= LockClass.isEventName(name);
        }
        List<EdgeWitness.CommonGate> common = throughEvent ? java.util.Collections.<EdgeWitness.CommonGate>emptyList()
                : EdgeWitness.commonGates(gates);
        LockClass gate = common.isEmpty() ? null : common.get(0).cls;
        String[] shown = new String[2 * n];
        for (int i = 0; i < n; i++) {
            shown[2 * i] = edges.get(i).from();
            shown[2 * i + 1] = edges.get(i).to();
        }
        Evidence evidence = EdgeWitness.evidence(fromLocks, toLocks);
        if (throughEvent && evidence == Evidence.UNKNOWN) {
            evidence = Evidence.SIGNALLED; // a signal edge has no instance: not "collected or merged"
        }
        return record(new Finding(kind, id, edges, thread, acquiring, mode, closing.from(), heldMode, held, stack,
                note, evidence, gate == null ? null : gate.name(),
                origins(instanceClass, shown)), gate == null ? null : new Parked(gates, common));
    }

    /**
     * The known allocation origins of the classes named (for an instance inversion, every label is an
     * instance of {@code instanceClass}), by the name shown.
     */
    private Map<String, String> origins(LockClass instanceClass, String... names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            if (name == null || out.containsKey(name)) {
                continue;
            }
            LockClass c = instanceClass != null ? instanceClass : classesByName.get(name);
            String origin = c == null ? null : c.origin();
            if (origin != null) {
                out.put(name, origin);
            }
        }
        return out;
    }

    /**
     * The one place a new finding is decided on. A gated finding (one lock instance held exclusively on every
     * edge: its orders never ran concurrently) is parked and counted, unless {@code reportGated}: parked, it
     * is watched by {@link #ungate} and reported once an edge loses the gate. A finding the configured filter
     * suppresses is counted and dropped. Either way it is dropped (null), so neither the caller, nor
     * {@link #findings()}, nor the listener ever sees it. {@code gated} holds the cycle's edge evidence and
     * gates when {@code f} is gated (then the caller holds the graph lock), else null.
     */
    private Finding record(Finding f, Parked gated) {
        if (gated != null && !config.reportGated) {
            gated.finding = f;
            parked.add(gated);
            return null;
        }
        boolean drop;
        try {
            drop = config.filter.suppressed(f);
        } catch (Throwable t) {
            drop = false;
        }
        if (drop) {
            suppressed.incrementAndGet();
            synchronized (suppressedFindings) {
                suppressedFindings.add(f);
            }
            return null;
        }
        synchronized (findings) {
            findings.add(f);
        }
        return f;
    }

    /**
     * Reports each parked gated finding that no longer has a common gate, because an edge seen again on
     * the slow path was taken without it. Caller holds the graph lock.
     */
    private List<Finding> ungate(List<Finding> out) {
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            LockClass gate = p.standingGate();
            if (gate == null) {
                it.remove();
                out = add(out, record(p.finding.withGate(null), null));
            } else if (!gate.name().equals(p.finding.gatedBy())) {
                p.finding = p.finding.withGate(gate.name()); // another common gate still stands
            }
        }
        return out;
    }

    /**
     * A gated finding held back, with its cycle's edge evidence (closing edge first) and the instances that
     * gated every edge when it was found: edges only ever lose gates, so no other can appear later.
     */
    private static final class Parked {
        Finding finding;
        final EdgeWitness[] witnesses;
        final List<EdgeWitness.CommonGate> gates;

        Parked(EdgeWitness[] witnesses, List<EdgeWitness.CommonGate> gates) {
            this.witnesses = witnesses;
            this.gates = gates;
        }

        /** The class of the first gate still on every edge, or null: none left. */
        LockClass standingGate() {
            for (EdgeWitness.CommonGate g : gates) {
                if (g.stands(witnesses)) {
                    return g.cls;
                }
            }
            return null;
        }
    }

    private void tell(List<Finding> out) {
        for (Finding f : out) {
            try {
                config.listener.onFinding(f);
            } catch (Throwable ignored) {
                // a listener must not break the host's lock operation
            }
        }
    }

    private static List<Finding> add(List<Finding> out, Finding f) {
        if (f == null) {
            return out;
        }
        if (out == null) {
            out = new ArrayList<>(2);
        }
        out.add(f);
        return out;
    }

    private static List<HeldLock> heldLocks(ThreadState ts) {
        List<HeldLock> held = new ArrayList<>(ts.depth);
        for (int i = 0; i < ts.depth; i++) {
            ThreadState.Entry e = ts.entries[i];
            held.add(new HeldLock(e.cls.name(), e.mode(), e.trylock, e.holds()));
        }
        return held;
    }

    private static String describe(Object lock) {
        return "instance of " + lock.getClass().getName();
    }

    // ------------------------------------------------------------------------------------------------
    // Limits, stacks, internal errors

    private StackTraceElement[] captureStack() {
        if (!config.captureStacks) {
            return StackCapture.none();
        }
        return StackCapture.capture(config.framesPerTrace, config.skipFramePrefixes);
    }

    private void instanceEdgesFull() {
        limitHit(Limit.INSTANCE_EDGES, "more than " + config.maxInstanceEdges
                + " instance-order edges: further ones are checked but not stored");
    }

    /** An edge's stack, made from its trace first if it has one; caller holds the graph lock. */
    private StackTraceElement[] stackOf(DependencyGraph.Edge e) {
        if (e.trace != null) {
            e.stack = storeStack(StackCapture.frames(e.trace, config.framesPerTrace, config.skipFramePrefixes));
            e.trace = null;
        }
        return e.stack;
    }

    /**
     * Once a collection has passed since an order's edges were given traces, makes the traces of those whose
     * two instances lived through it into frames (counted against the stack-storage limit), and drops the
     * others' (their instances are collected, their edges about to go). A trace holds the whole stack and its
     * classes, and a pending one is not counted: so they wait no longer than the garbage they mostly are.
     * Caller holds the graph lock.
     */
    private void keepTraces(final InstanceOrder order) {
        if (!order.tracesDue()) {
            return;
        }
        order.graph.takeTraced(new java.util.function.Consumer<DependencyGraph.Edge>() {
            @Override
            public void accept(DependencyGraph.Edge e) {
                if (order.isLive(e.from) && order.isLive(e.to)) {
                    stackOf(e);
                } else {
                    e.trace = null;
                    e.stack = StackCapture.none();
                }
            }
        });
    }

    /** The stack to keep on a new edge, within the stack-storage limit; caller holds the graph lock. */
    private StackTraceElement[] storeStack(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return stack;
        }
        StackTraceElement[] shared = recentStacks.share(stack);
        if (shared != null) {
            return shared; // its frames were counted when first stored
        }
        if (storedFrames + stack.length > config.maxStackFrames) {
            limitHit(Limit.STACK_FRAMES, "more than " + config.maxStackFrames
                    + " stored stack frames: further edges are stored without a stack trace");
            return StackCapture.none();
        }
        storedFrames += stack.length;
        return stack;
    }

    /** Counts a limit hit; the first one is queued and told by {@link #tellLimits} outside the graph lock. */
    private void limitHit(Limit limit, String message) {
        limitHits.incrementAndGet(limit.ordinal());
        if (limitTold.compareAndSet(limit.ordinal(), 0, 1)) {
            limitNotices.set(limit.ordinal(), message);
            limitNoticesPending = true;
        }
    }

    /** Tells new edges queued by {@link #addType}. Call with no engine lock held and the thread marked busy. */
    private void tellEdges() {
        if (!edgesPending) {
            return;
        }
        CycleEdge[] batch;
        synchronized (graphLock) {
            edgesPending = false;
            batch = pendingEdges.toArray(new CycleEdge[0]);
            pendingEdges.clear();
        }
        for (CycleEdge e : batch) {
            try {
                config.listener.onEdge(e);
            } catch (Throwable ignored) {
                // see tell()
            }
        }
    }

    /** Tells queued limit notices. Call with no engine lock held and the thread marked busy. */
    private void tellLimits() {
        if (!limitNoticesPending) {
            return;
        }
        limitNoticesPending = false;
        for (Limit l : Limit.values()) {
            String message = limitNotices.getAndSet(l.ordinal(), null);
            if (message != null) {
                try {
                    config.listener.onLimit(l, message);
                } catch (Throwable ignored) {
                    // see tell()
                }
            }
        }
    }

    private void internalError(Throwable t) {
        if (internalErrors.getAndIncrement() == 0) {
            firstInternalError = t;
        }
    }
}
