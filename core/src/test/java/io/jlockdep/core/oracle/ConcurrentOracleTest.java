package io.jlockdep.core.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingKind;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Limit;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.SameClassPolicy;
import io.jlockdep.core.Statistics;
import io.jlockdep.core.oracle.Program.Event;
import io.jlockdep.core.oracle.Program.OpKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The oracle test under real concurrency. {@link OracleTest} hands a baton from thread to thread, so the
 * engine only ever sees one operation at a time; here every program thread runs on its own platform
 * thread, all released at once by a {@link CountDownLatch}, against one shared {@link Lockdep}, with no
 * coordination at all — and each thread loops over its operations several times, so chain-cache hits race
 * with the inserts of other threads.
 *
 * <p>What is compared does not depend on the interleaving, because it depends only on each thread's own
 * held stack, which only that thread changes (docs/engine.md):
 * <ul>
 *   <li>the final class graph ({@link GraphSnapshot}: every edge and its type bits) equals the one the
 *       {@link Oracle} builds replaying the threads one after another;</li>
 *   <li>"the engine detected at least one {@code circular}" iff the oracle's final graph has a strong closed
 *       walk (searched with {@link StrongWalks} over the final edge set), and every reported cycle is a strong
 *       closed walk of that final graph; likewise "at least one {@code instance-inversion}" iff the oracle's
 *       final instance graphs have a strong cycle (the oracle detects one iff they do: edges only grow);</li>
 *   <li>the detections of the thread-local kinds ({@code recursive}, {@code rw-upgrade},
 *       {@code nest-lock-not-held}, {@code unbalanced}) are counted per event from the thread's own stack, so
 *       their totals equal the oracle's (per repetition) times the repetitions;</li>
 *   <li>after every operation, each thread's depth and the operation's return value, and in the first and
 *       the last repetition its whole held stack, equal the oracle's for that thread's event; at the end every
 *       thread holds nothing;</li>
 *   <li>{@code statistics().acquisitions()} equals the number of acquire, trylock, probe, nested-acquire and
 *       wait-reacquire operations (each counts exactly once, on the fast or the general path; releases do
 *       not count; after {@link Thread#join} the per-thread counters are exact);</li>
 *   <li>{@code statistics().chains()} equals the number of distinct chains validated (held sequence plus
 *       the new class and mode, see {@link #distinctChains}): a key is inserted once, by whichever thread
 *       misses first;</li>
 *   <li>no limit is hit, no worker throws, and the engine swallowed no internal error (read through
 *       {@code Statistics.internalErrors()}).</li>
 * </ul>
 * Per-event detection counts of {@code circular} and {@code instance-inversion}, and the distinct findings,
 * depend on which thread closes a cycle first, and are not compared.
 *
 * <p>A program: {@link ProgramGenerator} generates a base program (2–4 threads, each a list of sessions
 * from and back to an empty held stack); 4–8 workers each run a random concatenation of 2–4 of its thread
 * lists, repeated 8–24 times. Each thread list starts and ends with an empty stack, so any concatenation
 * stays inside the semantics the oracle pins down (asserted: the oracle must not flag it ambiguous).
 * Besides, a few "wide" plans ({@link #widePlan}: more classes, 8 workers, thousands of distinct chains,
 * half of them acyclic by construction) make the chain cache grow while other threads read it.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code jlockdep.concurrent.programs} (default 600; policies INSTANCE, STRICT, OFF in turn),
 *       {@code jlockdep.concurrent.widePrograms} (default 24) and {@code jlockdep.concurrent.baseSeed};</li>
 *   <li>{@code jlockdep.concurrent.seed=S} (or {@code wide:S}, as a failure report prints it) replays program S
 *       under {@code jlockdep.concurrent.policy}
 *       (default all three), {@code jlockdep.concurrent.repeat} times (default 50, since the interleaving is
 *       not reproducible), printing it.</li>
 * </ul>
 */
class ConcurrentOracleTest {

    static final int DEFAULT_PROGRAMS = 600;
    static final int DEFAULT_WIDE_PROGRAMS = 24;
    static final long DEFAULT_BASE_SEED = 0x436F6E63757272L; // "Concurr"
    static final int DEFAULT_REPLAY_REPEAT = 50;
    static final int MIN_WORKERS = 4;
    static final int MAX_WORKERS = 8;
    static final int MIN_REPS = 8;
    static final int MAX_REPS = 24;
    static final long WORKER_TIMEOUT_SECONDS = 60;
    static final int MAX_REPORTED = 5;

    /** kinds whose detections depend only on the detecting thread's own held stack */
    static final int[] THREAD_LOCAL_KINDS = {Oracle.RECURSIVE, Oracle.RW_UPGRADE, Oracle.NEST_LOCK_NOT_HELD,
        Oracle.UNBALANCED};

    // ---------------------------------------------------------------------------------------------
    // Plans: who runs what

    /** One concurrent program: the op list of each worker (one repetition) and the repetition count. */
    static final class Plan {
        final long seed;
        /** a "wide" plan ({@link #widePlan}) rather than one recombined from {@link ProgramGenerator} */
        final boolean wide;
        final Program base;
        final int reps;
        /** per worker, one repetition; events carry the worker index as their thread */
        final List<List<Event>> ops;
        /** the oracle's program: worker 0's events, then worker 1's, ... (one valid interleaving) */
        final Program serial;
        /** index in {@link #serial} of each worker's first event */
        final int[] offset;

        Plan(long seed, boolean wide, Program base, List<List<Event>> ops, int reps) {
            this.seed = seed;
            this.wide = wide;
            this.base = base;
            this.reps = reps;
            this.ops = ops;
            this.offset = new int[ops.size()];
            List<Event> all = new ArrayList<>();
            for (int w = 0; w < ops.size(); w++) {
                offset[w] = all.size();
                all.addAll(ops.get(w));
            }
            this.serial = new Program(base.classNames, base.reentrant, base.ordered, base.instClass, base.instOrdinal,
                    ops.size(), all);
        }

        int workers() {
            return ops.size();
        }

        /** the value of {@code -Djlockdep.concurrent.seed} that replays this plan */
        String id() {
            return wide ? "wide:" + seed : Long.toString(seed);
        }

        /** engine operations of one run */
        long engineOps() {
            return (long) serial.events.size() * reps;
        }

        String text() {
            return text(Integer.MAX_VALUE);
        }

        /** the program, readable: at most {@code maxEvents} event lines (the replay prints them all) */
        String text(int maxEvents) {
            StringBuilder sb = new StringBuilder("  ").append(workers())
                    .append(" workers, started together; each runs its own T<k> lines below ").append(reps)
                    .append(" times in a row, all concurrently against one Lockdep:\n");
            for (String h : serial.header().split("\n")) {
                sb.append("    ").append(h).append('\n');
            }
            int n = Math.min(maxEvents, serial.events.size());
            for (int i = 0; i < n; i++) {
                sb.append("    ").append(serial.describe(serial.events.get(i))).append('\n');
            }
            if (n < serial.events.size()) {
                sb.append("    ... ").append(serial.events.size() - n)
                        .append(" more events (the replay prints them all)\n");
            }
            return sb.toString();
        }
    }

    static long programSeed(long baseSeed, int i) {
        return new SplittableRandom(baseSeed + 0x9E3779B97F4A7C15L * i).nextLong() & Long.MAX_VALUE;
    }

    static Oracle.Policy policyOf(int i) {
        return Oracle.Policy.values()[i % 3];
    }

    /** The plan of a seed: the base program's thread lists, recombined into 4..8 workers. */
    static Plan plan(long seed) {
        Program base = ProgramGenerator.generate(seed);
        List<List<Event>> threadLists = new ArrayList<>();
        for (int t = 0; t < base.threads; t++) {
            threadLists.add(new ArrayList<>());
        }
        for (Event e : base.events) {
            threadLists.get(e.thread).add(e);
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int workers = MIN_WORKERS + rnd.nextInt(MAX_WORKERS - MIN_WORKERS + 1);
        List<List<Event>> ops = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Event> mine = new ArrayList<>();
            int pieces = 2 + rnd.nextInt(3);
            for (int k = 0; k < pieces; k++) {
                // each thread list runs from and back to an empty held stack, so any concatenation is valid
                for (Event e : threadLists.get(rnd.nextInt(threadLists.size()))) {
                    mine.add(new Event(w, e.kind, e.inst, e.mode, e.saved));
                }
            }
            ops.add(mine);
        }
        int reps = MIN_REPS + rnd.nextInt(MAX_REPS - MIN_REPS + 1);
        return new Plan(seed, false, base, ops, reps);
    }

    /** A plan that runs each thread of {@code p} on its own worker (hand-written programs). */
    static Plan planOf(Program p, int reps) {
        List<List<Event>> ops = new ArrayList<>();
        for (int t = 0; t < p.threads; t++) {
            ops.add(new ArrayList<>());
        }
        for (Event e : p.events) {
            ops.get(e.thread).add(e);
        }
        return new Plan(-1, false, p, ops, reps);
    }

    /**
     * A "wide" plan: 16..24 reentrant classes (1 or 2 instances each) and 8 workers that each take and
     * release (in any order) random unheld instances, up to 6 deep, in random modes, as blocking
     * acquisitions, trylocks and probes: thousands of distinct chains per run, so the chain cache grows
     * (its array is replaced) while other threads read it lock-free, and the graph lock is contended.
     * The plans of even seeds only ever acquire a class greater than every class held: their graph is acyclic.
     */
    static Plan widePlan(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x77696465L);
        boolean acyclic = (seed & 1) == 0;
        // a cyclic graph costs the brute-force oracle a search per new (edge, type) over all typed edges: keep
        // it smaller; an acyclic one needs more classes to nest as deep
        int nc = acyclic ? 20 + rnd.nextInt(9) : 10 + rnd.nextInt(5);
        String[] names = new String[nc];
        boolean[] reentrant = new boolean[nc];
        boolean[] ordered = new boolean[nc];
        List<Integer> ic = new ArrayList<>();
        List<Integer> io = new ArrayList<>();
        int[][] instancesOf = new int[nc][];
        for (int c = 0; c < nc; c++) {
            names[c] = String.format("W%02d", c);
            reentrant[c] = true;
            instancesOf[c] = new int[1 + rnd.nextInt(2)];
            for (int j = 0; j < instancesOf[c].length; j++) {
                instancesOf[c][j] = ic.size();
                ic.add(c);
                io.add(j);
            }
        }
        int[] instClass = ic.stream().mapToInt(Integer::intValue).toArray();
        int[] instOrdinal = io.stream().mapToInt(Integer::intValue).toArray();
        int workers = MAX_WORKERS;
        List<List<Event>> ops = new ArrayList<>();
        List<Event> all = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Event> mine = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            int target = (acyclic ? 1600 : 1200) + rnd.nextInt(800);
            while (mine.size() < target || !held.isEmpty()) {
                boolean acquire = mine.size() < target && (held.isEmpty() || held.size() < 6 && rnd.nextInt(100) < 55);
                int inst = -1;
                if (acquire) {
                    int minClass = 0;
                    if (acyclic) {
                        for (int h : held) {
                            minClass = Math.max(minClass, instClass[h] + 1);
                        }
                    }
                    for (int tries = 0; tries < 4 && inst < 0 && minClass < nc; tries++) {
                        int[] cands = instancesOf[minClass + rnd.nextInt(nc - minClass)];
                        int cand = cands[rnd.nextInt(cands.length)];
                        if (!held.contains(cand)) {
                            inst = cand;
                        }
                    }
                }
                if (inst < 0) {
                    if (held.isEmpty()) {
                        continue;
                    }
                    int victim = held.remove(rnd.nextInt(held.size()));
                    mine.add(new Event(w, OpKind.RELEASE, victim, (char) 0, 0));
                    continue;
                }
                char mode = "WWrR".charAt(rnd.nextInt(4));
                int k = rnd.nextInt(100);
                if (k < 10) {
                    mine.add(new Event(w, OpKind.PROBE, inst, mode, 0));
                } else {
                    mine.add(new Event(w, k < 20 ? OpKind.TRY : OpKind.ACQUIRE, inst, mode, 0));
                    held.add(inst);
                }
            }
            ops.add(mine);
            all.addAll(mine);
        }
        Program base = new Program(names, reentrant, ordered, instClass, instOrdinal, workers, all);
        return new Plan(seed, true, base, ops, 2 + rnd.nextInt(3));
    }

    /** {@link #plan} or {@link #widePlan}, by the form of {@link Plan#id()}. */
    static Plan planOfId(String id) {
        String t = id.trim();
        return t.startsWith("wide:") ? widePlan(Long.decode(t.substring(5))) : plan(Long.decode(t));
    }

    // ---------------------------------------------------------------------------------------------
    // What the oracle expects

    static final class Expected {
        final Oracle.Result oracle;
        final Map<String, Integer> edges;
        /** the final class graph has a strong closed walk */
        final boolean classCycle;
        /** every (edge, type) of the final class graph on a strong closed walk, as "A -> B TYPE" */
        final List<String> onCycle = new ArrayList<>();
        /** some final instance graph has a strong closed walk (the oracle detected an inversion) */
        final boolean instanceCycle;
        final long[] threadLocalDetections = new long[Oracle.KINDS];
        final long acquisitions;
        /**
         * distinct validated chains: (held sequence of (class, effective mode, trylock), class, mode) over the
         * blocking acquisitions and probes that reach the chain cache (not a reentrant re-acquisition)
         */
        final int chains;
        /** per worker, per event of one repetition */
        final int[][] ret;
        final int[][] depth;
        final String[][] held;

        Expected(Plan plan, Oracle.Policy policy) {
            oracle = Oracle.run(plan.serial, policy);
            edges = oracle.classEdges;
            int[][] bits = bits(plan.base.classNames, edges);
            boolean cyc = false;
            for (int a = 0; a < bits.length; a++) {
                for (int b = 0; b < bits.length; b++) {
                    for (int t : StrongWalks.TYPES) {
                        if ((bits[a][b] & t) != 0 && StrongWalks.onStrongClosedWalk(bits, a, b, t)) {
                            cyc = true;
                            onCycle.add(plan.base.classNames[a] + " -> " + plan.base.classNames[b] + " "
                                    + StrongWalks.names(t));
                        }
                    }
                }
            }
            classCycle = cyc;
            instanceCycle = oracle.totals[Oracle.INSTANCE_INVERSION] > 0;
            for (int k : THREAD_LOCAL_KINDS) {
                threadLocalDetections[k] = oracle.totals[k] * plan.reps;
            }
            long acq = 0;
            for (Event e : plan.serial.events) {
                switch (e.kind) {
                    case ACQUIRE:
                    case TRY:
                    case PROBE:
                    case ACQUIRE_NESTED_UNHELD:
                        acq++;
                        break;
                    case WAIT_REACQUIRE:
                        if (e.saved > 0) {
                            acq++; // waitReacquire with savedHolds <= 0 does nothing
                        }
                        break;
                    default:
                        break;
                }
            }
            acquisitions = acq * plan.reps;
            int w = plan.workers();
            ret = new int[w][];
            depth = new int[w][];
            held = new String[w][];
            for (int k = 0; k < w; k++) {
                int n = plan.ops.get(k).size();
                ret[k] = Arrays.copyOfRange(oracle.ret, plan.offset[k], plan.offset[k] + n);
                depth[k] = Arrays.copyOfRange(oracle.depth, plan.offset[k], plan.offset[k] + n);
                held[k] = Arrays.copyOfRange(oracle.held, plan.offset[k], plan.offset[k] + n);
            }
            chains = distinctChains(plan, held);
        }
    }

    /**
     * The chains the engine validates do not depend on the interleaving either: one cache entry per
     * distinct chain key, and a key is the sequence of (class, effective mode, trylock) held plus the new
     * (class, mode) — exactly what the oracle's held text before the event shows. An acquisition or probe
     * of a held instance of a reentrant class stops at rule 1.1, before the cache; every other blocking
     * acquisition (also of a held non-reentrant instance), nested acquisition, wait-reacquire and probe
     * looks its chain up. Trylocks are never validated.
     */
    static int distinctChains(Plan plan, String[][] heldAfter) {
        Program p = plan.serial;
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int w = 0; w < plan.workers(); w++) {
            int[] holds = new int[p.instanceCount()];
            String before = "[]";
            List<Event> ops = plan.ops.get(w);
            for (int i = 0; i < ops.size(); i++) {
                Event e = ops.get(i);
                int cls = p.instClass[e.inst];
                boolean reentrantHeld = p.reentrant[cls] && holds[e.inst] > 0;
                char mode = e.mode;
                boolean validates = false;
                switch (e.kind) {
                    case ACQUIRE:
                    case ACQUIRE_NESTED_UNHELD:
                        validates = !reentrantHeld;
                        holds[e.inst]++;
                        break;
                    case WAIT_REACQUIRE:
                        if (e.saved > 0) {
                            validates = !reentrantHeld;
                            holds[e.inst] += e.saved;
                            mode = 'W';
                        }
                        break;
                    case PROBE:
                        validates = !reentrantHeld;
                        break;
                    case TRY:
                        holds[e.inst]++;
                        break;
                    case RELEASE:
                    case RELEASE_MODE:
                        if (holds[e.inst] > 0) {
                            holds[e.inst]--;
                        }
                        break;
                    case WAIT_RELEASE:
                        holds[e.inst] = 0; // the generator waits only on reentrant entries held only exclusively
                        break;
                    default:
                        throw new AssertionError(e.kind);
                }
                if (validates) {
                    keys.add(before + " + " + p.classNames[cls] + mode);
                }
                before = heldAfter[w][i];
            }
        }
        return keys.size();
    }

    static int[][] bits(String[] classNames, Map<String, Integer> edges) {
        Map<String, Integer> index = new TreeMap<>();
        for (int c = 0; c < classNames.length; c++) {
            index.put(classNames[c], c);
        }
        int[][] bits = new int[classNames.length][classNames.length];
        for (Map.Entry<String, Integer> e : edges.entrySet()) {
            String[] ft = e.getKey().split(" -> ");
            Integer a = index.get(ft[0]);
            Integer b = index.get(ft[1]);
            if (a == null || b == null) {
                throw new IllegalArgumentException("edge with an unknown class: " + e.getKey());
            }
            bits[a][b] |= e.getValue();
        }
        return bits;
    }

    // ---------------------------------------------------------------------------------------------
    // What the engine did

    static final class Observed {
        final Map<String, Integer> edges = new TreeMap<>();
        String snapshotProblem;
        int statisticsEdges;
        int chains;
        long acquisitions;
        long chainHits;
        long chainMisses;
        final long[] detections = new long[Oracle.KINDS];
        final long[] limitHits = new long[Limit.values().length];
        List<Finding> findings = new ArrayList<>();
        /** -1: could not be read */
        long internalErrors = -1;
        Throwable firstInternalError;
        boolean hung;
        /** per worker */
        Throwable[] workerError;
        int[] errorAt;
        int[][] ret;
        int[][] depth;
        /** held stack text per event of the first ([0]) and the last ([1]) repetition */
        String[][][] held;
        int[] finalDepth;
        String[] finalHeld;
        /** how often consecutive repetition tickets (global order of repetition starts) changed worker */
        int switches;
        long nanos;

        Observed copy() {
            Observed o = new Observed();
            o.edges.putAll(edges);
            o.snapshotProblem = snapshotProblem;
            o.statisticsEdges = statisticsEdges;
            o.chains = chains;
            o.acquisitions = acquisitions;
            o.chainHits = chainHits;
            o.chainMisses = chainMisses;
            System.arraycopy(detections, 0, o.detections, 0, detections.length);
            System.arraycopy(limitHits, 0, o.limitHits, 0, limitHits.length);
            o.findings = new ArrayList<>(findings);
            o.internalErrors = internalErrors;
            o.firstInternalError = firstInternalError;
            o.hung = hung;
            o.workerError = workerError.clone();
            o.errorAt = errorAt.clone();
            o.ret = deepCopy(ret);
            o.depth = deepCopy(depth);
            o.held = held.clone();
            o.finalDepth = finalDepth.clone();
            o.finalHeld = finalHeld.clone();
            o.switches = switches;
            o.nanos = nanos;
            return o;
        }

        private static int[][] deepCopy(int[][] a) {
            int[][] b = new int[a.length][];
            for (int i = 0; i < a.length; i++) {
                b[i] = a[i].clone();
            }
            return b;
        }
    }

    /** Runs the plan once: every worker on its own new platform thread, all released together. */
    static Observed run(Plan plan, Oracle.Policy policy) {
        // Gated cycles reported too: the oracle checks which cycles exist; holding back gated ones is a
        // reporting decision (EvidenceTest), and the generated workers often share an outer lock.
        final Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.valueOf(policy.name()))
                .reportGated(true).build());
        Program p = plan.serial;
        Object[] instances = new Object[p.instanceCount()];
        Map<Object, Integer> ordinal = new IdentityHashMap<>();
        for (int i = 0; i < instances.length; i++) {
            instances[i] = new Object();
            ordinal.put(instances[i], p.instOrdinal[i]);
        }
        LockClass[] classes = new LockClass[p.classCount()];
        for (int c = 0; c < classes.length; c++) {
            classes[c] = p.reentrant[c] ? ld.lockClass(p.classNames[c]) : ld.pseudoClass(p.classNames[c]);
            if (p.ordered[c]) {
                Comparator<Object> byOrdinal = (x, y) -> Integer.compare(ordinal.get(x), ordinal.get(y));
                classes[c].orderBy(byOrdinal);
            }
        }
        Object nest = new Object(); // never held by anyone: acquire-nested-unheld
        int w = plan.workers();
        Observed obs = new Observed();
        obs.workerError = new Throwable[w];
        obs.errorAt = new int[w];
        obs.ret = new int[w][];
        obs.depth = new int[w][];
        obs.held = new String[w][2][];
        obs.finalDepth = new int[w];
        obs.finalHeld = new String[w];
        AtomicInteger ticket = new AtomicInteger();
        int[] ticketOwner = new int[w * plan.reps];
        CountDownLatch ready = new CountDownLatch(w);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[w];
        for (int k = 0; k < w; k++) {
            final int me = k;
            final List<Event> ops = plan.ops.get(k);
            final int n = ops.size();
            obs.ret[k] = new int[n * plan.reps];
            obs.depth[k] = new int[n * plan.reps];
            obs.held[k][0] = new String[n];
            obs.held[k][1] = new String[n];
            obs.errorAt[k] = -1;
            threads[k] = new Thread(() -> {
                int at = 0;
                try {
                    ready.countDown();
                    go.await();
                    int[] ret = obs.ret[me];
                    int[] depth = obs.depth[me];
                    for (int r = 0; r < plan.reps; r++) {
                        ticketOwner[ticket.getAndIncrement()] = me;
                        String[] held = r == 0 ? obs.held[me][0] : r == plan.reps - 1 ? obs.held[me][1] : null;
                        for (int i = 0; i < n; i++) {
                            at = r * n + i;
                            Event e = ops.get(i);
                            Object lock = instances[e.inst];
                            LockClass cls = classes[p.instClass[e.inst]];
                            int rv = -1;
                            switch (e.kind) {
                                case ACQUIRE:
                                    ld.acquire(lock, cls, EngineDriver.mode(e.mode));
                                    break;
                                case TRY:
                                    ld.tryAcquired(lock, cls, EngineDriver.mode(e.mode));
                                    break;
                                case PROBE:
                                    ld.probe(lock, cls, EngineDriver.mode(e.mode));
                                    break;
                                case RELEASE:
                                    rv = ld.release(lock) ? 1 : 0;
                                    break;
                                case RELEASE_MODE:
                                    rv = ld.release(lock, EngineDriver.mode(e.mode)) ? 1 : 0;
                                    break;
                                case WAIT_RELEASE:
                                    rv = ld.waitRelease(lock);
                                    break;
                                case WAIT_REACQUIRE:
                                    ld.waitReacquire(lock, cls, e.saved);
                                    break;
                                case ACQUIRE_NESTED_UNHELD:
                                    ld.acquireNested(lock, cls, EngineDriver.mode(e.mode), nest);
                                    break;
                                default:
                                    throw new AssertionError(e.kind);
                            }
                            ret[at] = rv;
                            depth[at] = ld.depth();
                            if (held != null) {
                                held[i] = EngineDriver.heldText(ld.heldLocks());
                            }
                        }
                    }
                    at = -1;
                    obs.finalDepth[me] = ld.depth();
                    obs.finalHeld[me] = EngineDriver.heldText(ld.heldLocks());
                } catch (Throwable t) {
                    obs.workerError[me] = t;
                    obs.errorAt[me] = at;
                }
            }, "concurrent-oracle-T" + k);
            threads[k].setDaemon(true);
        }
        for (Thread t : threads) {
            t.start();
        }
        long t0 = System.nanoTime();
        try {
            if (!ready.await(WORKER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                obs.hung = true;
            }
            t0 = System.nanoTime();
            go.countDown();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(WORKER_TIMEOUT_SECONDS);
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    obs.hung = true;
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ie);
        }
        obs.nanos = System.nanoTime() - t0;
        if (obs.hung) {
            return obs; // the workers still run: reading their results would race
        }
        for (int i = 1; i < ticket.get(); i++) {
            if (ticketOwner[i] != ticketOwner[i - 1]) {
                obs.switches++;
            }
        }
        // each piece on its own, so that one that throws does not hide the others
        try {
            GraphSnapshot snap = ld.snapshot();
            for (GraphSnapshot.Edge e : snap.edges()) {
                String key = e.from() + " -> " + e.to();
                Integer old = obs.edges.put(key, e.types());
                if (old != null && obs.snapshotProblem == null) {
                    obs.snapshotProblem = "edge listed twice in GraphSnapshot.edges(): " + key;
                    obs.edges.put(key, old | e.types());
                }
            }
        } catch (Throwable t) {
            obs.snapshotProblem = "snapshot() threw " + t;
        }
        try {
            Statistics s = ld.statistics();
            obs.statisticsEdges = s.edges();
            obs.chains = s.chains();
            obs.acquisitions = s.acquisitions();
            obs.chainHits = s.chainHits();
            obs.chainMisses = s.chainMisses();
            for (int k = 0; k < Oracle.KINDS; k++) {
                obs.detections[k] = s.detections(EngineDriver.KINDS[k]);
            }
            for (Limit l : Limit.values()) {
                obs.limitHits[l.ordinal()] = s.limitHits(l);
            }
        } catch (Throwable t) {
            obs.snapshotProblem = (obs.snapshotProblem == null ? "" : obs.snapshotProblem + "; ")
                    + "statistics() threw " + t;
        }
        try {
            obs.findings = ld.findings();
        } catch (Throwable t) {
            obs.snapshotProblem = (obs.snapshotProblem == null ? "" : obs.snapshotProblem + "; ")
                    + "findings() threw " + t;
        }
        try {
            obs.internalErrors = ld.statistics().internalErrors();
            obs.firstInternalError = ld.firstInternalError();
        } catch (RuntimeException e) {
            obs.internalErrors = -1;
        }
        return obs;
    }

    // ---------------------------------------------------------------------------------------------
    // The comparison

    /** Every disagreement between the engine's run and the oracle's expectation; empty if they agree. */
    static List<String> compare(Plan plan, Expected x, Observed o) {
        List<String> problems = new ArrayList<>();
        if (o.hung) {
            problems.add("hang: a worker did not finish within " + WORKER_TIMEOUT_SECONDS
                    + " s (deadlock or livelock inside the engine?)");
            return problems;
        }
        for (int w = 0; w < plan.workers(); w++) {
            if (o.workerError[w] != null) {
                int n = plan.ops.get(w).size();
                String where = o.errorAt[w] < 0 ? "after its last operation"
                        : "at repetition " + o.errorAt[w] / n + ", "
                                + plan.serial.describe(plan.ops.get(w).get(o.errorAt[w] % n));
                problems.add("exception: worker T" + w + " threw " + where + ": " + o.workerError[w]);
            }
        }
        if (o.internalErrors > 0) {
            StringBuilder first = new StringBuilder(String.valueOf(o.firstInternalError));
            if (o.firstInternalError != null) {
                StackTraceElement[] st = o.firstInternalError.getStackTrace();
                for (int i = 0; i < Math.min(6, st.length); i++) {
                    first.append("\n      at ").append(st[i]);
                }
            }
            problems.add("internal errors: the engine swallowed " + o.internalErrors + ", the first: " + first);
        }
        if (o.snapshotProblem != null) {
            problems.add("results: " + o.snapshotProblem);
        }
        for (Limit l : Limit.values()) {
            if (o.limitHits[l.ordinal()] != 0) {
                problems.add("limit: " + l + " hit " + o.limitHits[l.ordinal()] + " times (default limits)");
            }
        }
        if (!o.edges.equals(x.edges)) {
            problems.add("edges: " + Comparison.edgeDiff(x.edges, o.edges));
        }
        if (o.statisticsEdges != o.edges.size()) {
            problems.add("edges: statistics().edges() " + o.statisticsEdges + " but the snapshot lists "
                    + o.edges.size());
        }
        boolean engineCircular = o.detections[Oracle.CIRCULAR] > 0;
        if (engineCircular != x.classCycle) {
            problems.add("circular: engine detected " + o.detections[Oracle.CIRCULAR] + " circular, but the oracle's"
                    + " final class graph " + (x.classCycle ? "has strong closed walks through " + head(x.onCycle)
                            : "has no strong closed walk"));
        }
        int circularFindings = 0;
        for (Finding f : o.findings) {
            if (f.kind() == FindingKind.CIRCULAR) {
                circularFindings++;
                String bad = notAStrongClosedWalkOf(f, x);
                if (bad != null) {
                    problems.add("circular: reported cycle " + render(f) + " " + bad);
                }
            }
        }
        if ((circularFindings > 0) != engineCircular) {
            problems.add("circular: " + o.detections[Oracle.CIRCULAR] + " detections but " + circularFindings
                    + " circular findings");
        }
        boolean engineInversion = o.detections[Oracle.INSTANCE_INVERSION] > 0;
        if (engineInversion != x.instanceCycle) {
            problems.add("instance-inversion: engine detected " + o.detections[Oracle.INSTANCE_INVERSION]
                    + ", the oracle's final instance graphs " + (x.instanceCycle ? "have" : "have no") + " strong cycle"
                    + " (oracle detections, one repetition, serial: " + x.oracle.totals[Oracle.INSTANCE_INVERSION]
                    + ")");
        }
        for (int k : THREAD_LOCAL_KINDS) {
            if (o.detections[k] != x.threadLocalDetections[k]) {
                problems.add("count:" + Oracle.KIND_ID[k] + ": engine " + o.detections[k] + " detections, oracle "
                        + x.oracle.totals[k] + " per repetition x " + plan.reps + " = " + x.threadLocalDetections[k]);
            }
        }
        if (o.chains != x.chains) {
            problems.add("chains: statistics().chains() " + o.chains + ", distinct validated chains " + x.chains);
        }
        if (o.acquisitions != x.acquisitions) {
            problems.add("acquisitions: statistics().acquisitions() " + o.acquisitions + ", expected "
                    + x.acquisitions);
        }
        for (int w = 0; w < plan.workers(); w++) {
            if (o.workerError[w] != null) {
                continue;
            }
            String first = firstPerEventProblem(plan, x, o, w);
            if (first != null) {
                problems.add(first);
            }
            if (o.finalDepth[w] != 0 || !"[]".equals(o.finalHeld[w])) {
                problems.add("held: worker T" + w + " still holds " + o.finalHeld[w] + " (depth " + o.finalDepth[w]
                        + ") at the end");
            }
            int n = plan.ops.get(w).size();
            if (n > 0 && x.depth[w][n - 1] != 0) {
                problems.add("plan: the oracle leaves worker T" + w + " holding " + x.held[w][n - 1]
                        + " (the plan is not balanced: a test bug)");
            }
        }
        return problems;
    }

    private static String firstPerEventProblem(Plan plan, Expected x, Observed o, int w) {
        List<Event> ops = plan.ops.get(w);
        int n = ops.size();
        for (int r = 0; r < plan.reps; r++) {
            for (int i = 0; i < n; i++) {
                int at = r * n + i;
                if (o.ret[w][at] != x.ret[w][i]) {
                    return "return: " + where(plan, w, r, i) + ": engine " + o.ret[w][at] + ", oracle " + x.ret[w][i]
                            + " (release: 1=true 0=false; wait-release: saved holds)";
                }
                if (o.depth[w][at] != x.depth[w][i]) {
                    return "held: " + where(plan, w, r, i) + ": depth engine " + o.depth[w][at] + ", oracle "
                            + x.depth[w][i] + " " + x.held[w][i];
                }
                String[] held = r == 0 ? o.held[w][0] : r == plan.reps - 1 ? o.held[w][1] : null;
                if (held != null && !held[i].equals(x.held[w][i])) {
                    return "held: " + where(plan, w, r, i) + ": engine " + held[i] + ", oracle " + x.held[w][i];
                }
            }
        }
        return null;
    }

    /** at most 12 elements, for messages */
    static String head(List<String> l) {
        return l.size() <= 12 ? l.toString()
                : l.subList(0, 12).toString().replace("]", ", ... " + (l.size() - 12) + " more]");
    }

    private static String where(Plan plan, int w, int r, int i) {
        return "worker T" + w + " repetition " + r + " op " + i + " (" + plan.serial.describe(plan.ops.get(w).get(i))
                + "; serial event #" + (plan.offset[w] + i) + ")";
    }

    /** null if the finding's edges form a strong closed walk of the oracle's final graph, else why not */
    static String notAStrongClosedWalkOf(Finding f, Expected x) {
        List<CycleEdge> es = f.edges();
        if (es.isEmpty()) {
            return "has no edges";
        }
        for (int i = 0; i < es.size(); i++) {
            CycleEdge e = es.get(i);
            CycleEdge next = es.get((i + 1) % es.size());
            Integer types = x.edges.get(e.from() + " -> " + e.to());
            if (types == null || (types & e.type().bit()) == 0) {
                return "uses " + e + ", which is not in the oracle's final graph";
            }
            if (!e.to().equals(next.from())) {
                return "is not closed: " + e + " is followed by " + next;
            }
            if (!StrongWalks.junctionOk(e.type().bit(), next.type().bit())) {
                return "is not strong: " + e + " is followed by " + next;
            }
        }
        return null;
    }

    private static String render(Finding f) {
        List<String> edges = new ArrayList<>();
        for (CycleEdge e : f.edges()) {
            edges.add(e.toString());
        }
        return head(edges);
    }

    // ---------------------------------------------------------------------------------------------
    // The run

    static final class Summary {
        int programs;
        int widePrograms;
        int wideAcyclic;
        int maxChains;
        int runs;
        long serialEvents;
        long engineOps;
        long millis;
        long engineMillis;
        int disagreements;
        int ambiguous;
        int withClassCycle;
        int withInstanceCycle;
        int interleaved;
        long switches;
        long chainHits;
        long chainMisses;
        int internalErrorsUnreadable;
        final int[] perPolicy = new int[3];
        final int[] workersHistogram = new int[MAX_WORKERS + 1];
        final long[] detections = new long[Oracle.KINDS];
        final List<String> failures = new ArrayList<>();
        boolean replay;

        String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("concurrent oracle: %d programs + %d wide, %d runs"
                            + " (INSTANCE %d, STRICT %d, OFF %d),"
                            + " %d serial events, %d engine operations, %.1f s (%.1f s in concurrent runs),"
                            + " %d disagreements, %d ambiguous;",
                    programs, widePrograms, runs, perPolicy[0], perPolicy[1], perPolicy[2], serialEvents, engineOps,
                    millis / 1000.0, engineMillis / 1000.0, disagreements, ambiguous));
            sb.append(String.format("%n  runs with a strong class cycle: %d, with an instance inversion: %d;"
                    + " wide runs without a cycle: %d; most chains in one run: %d",
                    withClassCycle, withInstanceCycle, wideAcyclic, maxChains));
            sb.append(String.format("%n  runs whose workers' repetitions interleaved: %d (%d worker switches)",
                    interleaved, switches));
            sb.append("\n  workers per program:");
            for (int k = MIN_WORKERS; k <= MAX_WORKERS; k++) {
                sb.append(' ').append(k).append('=').append(workersHistogram[k]);
            }
            sb.append("\n  engine detections total: ").append(Comparison.counts(detections));
            sb.append(String.format("%n  engine chain cache: %d hits, %d misses", chainHits, chainMisses));
            if (internalErrorsUnreadable > 0) {
                sb.append("\n  Lockdep.internalErrors() could not be read in ").append(internalErrorsUnreadable)
                        .append(" runs");
            }
            return sb.toString();
        }
    }

    private static Summary summary;

    static String replayHint(String id, Oracle.Policy policy) {
        return "mvn -q -pl core test -Dtest=ConcurrentOracleTest -Djlockdep.concurrent.seed=" + id
                + " -Djlockdep.concurrent.policy=" + policy;
    }

    static synchronized Summary summary() {
        if (summary != null) {
            return summary;
        }
        Summary s = new Summary();
        long t0 = System.nanoTime();
        String one = System.getProperty("jlockdep.concurrent.seed");
        if (one != null && !one.isBlank()) {
            s.replay = true;
            Plan plan = planOfId(one);
            String pol = System.getProperty("jlockdep.concurrent.policy");
            List<Oracle.Policy> policies = pol == null || pol.isBlank() ? Arrays.asList(Oracle.Policy.values())
                    : List.of(Oracle.Policy.valueOf(pol.trim().toUpperCase()));
            int repeat = Integer.getInteger("jlockdep.concurrent.repeat", DEFAULT_REPLAY_REPEAT);
            System.out.println("replay seed=" + plan.id() + " (" + repeat + " runs per policy):\n" + plan.text());
            if (plan.wide) {
                s.widePrograms = 1;
            } else {
                s.programs = 1;
                s.workersHistogram[plan.workers()]++;
            }
            for (Oracle.Policy policy : policies) {
                Expected x = new Expected(plan, policy);
                System.out.println("policy " + policy + ": oracle edges " + Comparison.edgesText(x.edges)
                        + "\n  strong class cycle: " + x.classCycle + " " + head(x.onCycle) + ", instance cycle: "
                        + x.instanceCycle + ", thread-local detections per repetition: "
                        + Comparison.counts(x.oracle.totals));
                for (int r = 0; r < repeat; r++) {
                    account(s, plan, policy, x, run(plan, policy));
                }
            }
        } else {
            int programs = Integer.getInteger("jlockdep.concurrent.programs", DEFAULT_PROGRAMS);
            long base = Long.decode(System.getProperty("jlockdep.concurrent.baseSeed",
                    Long.toString(DEFAULT_BASE_SEED)));
            for (int i = 0; i < programs; i++) {
                long seed = programSeed(base, i);
                Plan plan = plan(seed);
                Oracle.Policy policy = policyOf(i);
                s.programs++;
                s.workersHistogram[plan.workers()]++;
                account(s, plan, policy, new Expected(plan, policy), run(plan, policy));
            }
            int wide = Integer.getInteger("jlockdep.concurrent.widePrograms", DEFAULT_WIDE_PROGRAMS);
            for (int i = 0; i < wide; i++) {
                Plan plan = widePlan(programSeed(base + 1, i) & ~1L | i & 1); // acyclic and cyclic in turn
                s.widePrograms++;
                account(s, plan, policyOf(i), new Expected(plan, policyOf(i)), run(plan, policyOf(i)));
            }
        }
        s.millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(s.line());
        summary = s;
        return s;
    }

    private static void account(Summary s, Plan plan, Oracle.Policy policy, Expected x, Observed o) {
        s.runs++;
        s.perPolicy[policy.ordinal()]++;
        s.serialEvents += plan.serial.events.size();
        s.engineOps += plan.engineOps();
        s.engineMillis += o.nanos / 1_000_000;
        s.chainHits += o.chainHits;
        s.chainMisses += o.chainMisses;
        s.switches += o.switches;
        if (o.switches > 0) {
            s.interleaved++;
        }
        if (x.classCycle) {
            s.withClassCycle++;
        } else if (plan.wide) {
            s.wideAcyclic++;
        }
        s.maxChains = Math.max(s.maxChains, o.chains);
        if (x.instanceCycle) {
            s.withInstanceCycle++;
        }
        if (o.internalErrors < 0 && !o.hung) {
            s.internalErrorsUnreadable++;
        }
        for (int k = 0; k < Oracle.KINDS; k++) {
            s.detections[k] += o.detections[k];
        }
        List<String> problems = new ArrayList<>();
        if (x.oracle.ambiguousEvent >= 0) {
            s.ambiguous++;
            problems.add("ambiguous: the plan leaves docs/engine.md's semantics at serial event #"
                    + x.oracle.ambiguousEvent + ": " + x.oracle.ambiguity + " (a test bug)");
        }
        problems.addAll(compare(plan, x, o));
        if (problems.isEmpty()) {
            return;
        }
        s.disagreements++;
        if (s.failures.size() < MAX_REPORTED) {
            StringBuilder sb = new StringBuilder("jlockdep CONCURRENT ORACLE DISAGREEMENT\n");
            sb.append("  seed=").append(plan.id()).append("  policy=").append(policy).append('\n');
            sb.append("  replay: ").append(replayHint(plan.id(), policy))
                    .append("  (interleavings are not reproducible: the replay runs it ")
                    .append(DEFAULT_REPLAY_REPEAT).append(" times; -Djlockdep.concurrent.repeat=N)\n");
            for (String p : problems) {
                sb.append("  ").append(p.replace("\n", "\n  ")).append('\n');
            }
            if (s.failures.isEmpty()) {
                sb.append("  oracle final class edges: ").append(Comparison.edgesText(x.edges)).append('\n');
                sb.append("  engine final class edges: ").append(Comparison.edgesText(o.edges)).append('\n');
                sb.append("  engine detections: ").append(Comparison.counts(o.detections)).append('\n');
                sb.append(plan.text(1500));
            }
            s.failures.add(sb.toString());
        }
    }

    @Test
    void concurrentRunsAgreeWithTheOracle() {
        Summary s = summary();
        if (s.disagreements > 0) {
            fail(s.disagreements + " of " + s.runs + " concurrent runs disagree with the oracle.\n\n"
                    + String.join("\n\n", s.failures) + "\n\n" + s.line());
        }
    }

    @Test
    void concurrentRunsAreHealthy() {
        Summary s = summary();
        assumeTrue(!s.replay, "replay run");
        StringBuilder problems = new StringBuilder();
        int programs = s.programs;
        for (Oracle.Policy pol : Oracle.Policy.values()) {
            if (programs >= 3 && s.perPolicy[pol.ordinal()] == 0) {
                problems.append("\n  no run under ").append(pol);
            }
        }
        if (s.withClassCycle < programs / 10 || s.withClassCycle > programs - programs / 10) {
            problems.append("\n  runs with a strong class cycle: ").append(s.withClassCycle)
                    .append(" — need both outcomes in at least 10% of the runs, or the cycle check is vacuous");
        }
        if (s.withInstanceCycle == 0) {
            problems.append("\n  no run had an instance inversion");
        }
        for (int k : THREAD_LOCAL_KINDS) {
            if (s.detections[k] == 0) {
                problems.append("\n  no ").append(Oracle.KIND_ID[k]).append(" detection in any run");
            }
        }
        if (s.chainHits < s.chainMisses) {
            problems.append("\n  chain cache: fewer hits than misses — the repetitions do not exercise"
                    + " the fast path");
        }
        if (s.interleaved < programs / 4) {
            problems.append("\n  only ").append(s.interleaved).append(" of ").append(s.runs)
                    .append(" runs interleaved the workers' repetitions — the runs are not concurrent enough");
        }
        if (s.internalErrorsUnreadable > 0) {
            problems.append("\n  Lockdep.internalErrors() could not be read (reflection failed)");
        }
        if (s.widePrograms >= 4 && (s.wideAcyclic == 0 || s.wideAcyclic == s.widePrograms)) {
            problems.append("\n  wide runs: ").append(s.wideAcyclic).append(" of ").append(s.widePrograms)
                    .append(" acyclic — need both");
        }
        if (s.widePrograms > 0 && s.maxChains <= 2048) {
            problems.append("\n  no run validated more than 2048 chains: the chain cache never grew under readers");
        }
        assertTrue(problems.length() == 0, "unhealthy concurrent runs:" + problems + "\n" + s.line());
    }

    // ---------------------------------------------------------------------------------------------
    // The comparison can fail (negative controls) and finds what it must

    /** The first generated plan (from a fixed base) whose final class graph has a strong cycle. */
    private static Plan planWithACycle(Oracle.Policy policy) {
        for (int i = 0; i < 200; i++) {
            Plan plan = plan(programSeed(42, i));
            Expected x = new Expected(plan, policy);
            if (x.classCycle && x.edges.size() >= 3 && x.oracle.ambiguousEvent < 0
                    && x.threadLocalDetections[Oracle.UNBALANCED] > 0) {
                return plan;
            }
        }
        throw new AssertionError("no generated plan with a strong cycle and an unbalanced release in 200 seeds");
    }

    @Test
    void comparisonReportsATamperedEngineRun() {
        Oracle.Policy policy = Oracle.Policy.INSTANCE;
        Plan plan = planWithACycle(policy);
        Expected x = new Expected(plan, policy);
        Observed real = run(plan, policy);
        assertEquals(List.of(), compare(plan, x, real), "the untampered run must agree (seed " + plan.seed + ")");

        // one edge removed from the engine's snapshot
        String victim = x.edges.keySet().iterator().next();
        Observed missingEdge = real.copy();
        missingEdge.edges.remove(victim);
        List<String> p1 = compare(plan, x, missingEdge);
        assertFalse(p1.isEmpty(), "an engine graph missing " + victim + " must be reported");
        assertTrue(String.join("\n", p1).contains("oracle only: " + victim), String.join("\n", p1));

        // one edge with one type bit too many or too few
        Observed typeFlip = real.copy();
        typeFlip.edges.put(victim, typeFlip.edges.get(victim) ^ StrongWalks.SR);
        assertTrue(String.join("\n", compare(plan, x, typeFlip)).contains("types differ: " + victim));

        // the cycle the oracle sees went unreported
        Observed noCircular = real.copy();
        noCircular.detections[Oracle.CIRCULAR] = 0;
        noCircular.findings = new ArrayList<>();
        assertTrue(compare(plan, x, noCircular).stream().anyMatch(p -> p.startsWith("circular:")));

        // an acquisition lost, a thread-local detection lost, a lock left held, an internal error
        Observed lostAcquisition = real.copy();
        lostAcquisition.acquisitions--;
        assertTrue(compare(plan, x, lostAcquisition).stream().anyMatch(p -> p.startsWith("acquisitions:")));
        Observed lostUnbalanced = real.copy();
        lostUnbalanced.detections[Oracle.UNBALANCED]--;
        assertTrue(compare(plan, x, lostUnbalanced).stream().anyMatch(p -> p.startsWith("count:unbalanced")));
        Observed leftHeld = real.copy();
        leftHeld.finalDepth[0] = 1;
        leftHeld.finalHeld[0] = "[L00W]";
        assertTrue(compare(plan, x, leftHeld).stream().anyMatch(p -> p.startsWith("held:")));
        Observed extraChain = real.copy();
        extraChain.chains++;
        assertTrue(compare(plan, x, extraChain).stream().anyMatch(p -> p.startsWith("chains:")));
        Observed internal = real.copy();
        internal.internalErrors = 1;
        assertTrue(compare(plan, x, internal).stream().anyMatch(p -> p.startsWith("internal errors:")));

        // an edge the oracle does not have
        Observed extraEdges = real.copy();
        extraEdges.edges.put("L99 -> L00", StrongWalks.EN);
        assertTrue(String.join("\n", compare(plan, x, extraEdges)).contains("engine only: L99 -> L00"));

        // and the other way round: an acyclic oracle graph with an engine that claims a cycle
        Plan acyclic = planOf(Program.parse("classes: A B\ninstances: A=1 B=1\n"
                + "T0 acquire A#0 W\nT0 acquire B#0 W\nT0 release B#0\nT0 release A#0\n"
                + "T1 acquire A#0 R\nT1 acquire B#0 W\nT1 release B#0\nT1 release A#0\n"), 50);
        Expected ax = new Expected(acyclic, policy);
        Observed ao = run(acyclic, policy);
        assertEquals(List.of(), compare(acyclic, ax, ao));
        assertFalse(ax.classCycle);
        ao.detections[Oracle.CIRCULAR] = 1;
        assertTrue(compare(acyclic, ax, ao).stream().anyMatch(p -> p.startsWith("circular:")));
    }

    @Test
    void abbaOnRealThreadsIsFoundAndReadersAreNot() {
        String abba = "classes: A B C*\ninstances: A=1 B=1 C=2\n"
                + "T0 acquire A#0 W\nT0 acquire B#0 W\nT0 release B#0\nT0 release A#0\n"
                + "T1 acquire B#0 W\nT1 acquire A#0 W\nT1 release A#0\nT1 release B#0\n"
                + "T2 acquire C#0 R\nT2 acquire A#0 R\nT2 release A#0\nT2 release C#0\n"
                + "T3 acquire A#0 R\nT3 acquire C#1 R\nT3 release C#1\nT3 release A#0\n";
        for (Oracle.Policy policy : Oracle.Policy.values()) {
            Plan plan = planOf(Program.parse(abba), 500);
            Expected x = new Expected(plan, policy);
            assertTrue(x.classCycle, "A -> B -> A is a strong cycle");
            assertEquals(List.of("A -> B EN", "B -> A EN"), x.onCycle, "read-read A <-> C is not a strong cycle");
            Observed o = run(plan, policy);
            assertEquals(List.of(), compare(plan, x, o));
            assertEquals(4000, o.acquisitions);
            assertTrue(o.findings.stream().anyMatch(f -> f.kind() == FindingKind.CIRCULAR
                    && f.lockClasses().matches("A -> B -> A|B -> A -> B")), o.findings.toString());
        }
        // without the B -> A thread there is nothing to find
        String noCycle = abba.replaceAll("T1 [^\n]*\n", "");
        Plan plan = planOf(Program.parse(noCycle), 500);
        Expected x = new Expected(plan, Oracle.Policy.INSTANCE);
        assertFalse(x.classCycle);
        Observed o = run(plan, Oracle.Policy.INSTANCE);
        assertEquals(List.of(), compare(plan, x, o));
        assertEquals(0, o.detections[Oracle.CIRCULAR]);
        assertEquals(0, o.internalErrors);
    }

    @Test
    void plansAreDeterministicAndBalanced() {
        for (int i = 0; i < 100; i++) {
            long seed = programSeed(DEFAULT_BASE_SEED, i);
            Plan a = plan(seed);
            Plan b = plan(seed);
            assertEquals(a.serial.toText(), b.serial.toText());
            assertEquals(a.reps, b.reps);
            assertTrue(a.workers() >= MIN_WORKERS && a.workers() <= MAX_WORKERS);
            for (Oracle.Policy policy : Oracle.Policy.values()) {
                Expected x = new Expected(a, policy);
                assertEquals(-1, x.oracle.ambiguousEvent, x.oracle.ambiguity);
                assertEquals(x.classCycle, x.oracle.totals[Oracle.CIRCULAR] > 0,
                        "the oracle detects a cycle iff its final graph has one (seed " + seed + ")");
                for (int w = 0; w < a.workers(); w++) {
                    int n = a.ops.get(w).size();
                    assertTrue(n == 0 || x.depth[w][n - 1] == 0, "worker lists are balanced");
                }
            }
        }
    }
}
