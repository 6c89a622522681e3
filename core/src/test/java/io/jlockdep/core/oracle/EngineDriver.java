package io.jlockdep.core.oracle;

import io.jlockdep.core.FindingKind;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.HeldLock;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.Mode;
import io.jlockdep.core.SameClassPolicy;
import io.jlockdep.core.Statistics;
import io.jlockdep.core.oracle.Program.Event;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program against a fresh {@link Lockdep} on real, distinct threads: program thread {@code k} is
 * always worker {@code k} of a small reusable pool. A baton (one semaphore per worker) is handed from
 * worker to worker so the engine sees exactly the schedule's order; after each operation the worker records
 * the {@code Statistics.detections(kind)} deltas (global counters are fine: operations are serialized),
 * {@code depth()}, {@code heldLocks()} and the operation's return value.
 */
final class EngineDriver implements AutoCloseable {

    static final FindingKind[] KINDS = new FindingKind[Oracle.KINDS];

    static {
        for (int k = 0; k < Oracle.KINDS; k++) {
            KINDS[k] = FindingKind.valueOf(Oracle.KIND_ENUM[k]);
        }
    }

    /** What the engine did. Arrays are indexed by event; events after {@link #errorEvent} were not run. */
    static final class Run {
        final long[][] deltas;
        final int[] depth;
        final String[] held;
        final int[] ret;
        final Map<String, Integer> edges = new TreeMap<>();
        final long[] totals = new long[Oracle.KINDS];
        String snapshotProblem;
        long chainHits;
        long chainMisses;
        Throwable error;
        int errorEvent = -1;

        Run(int n) {
            deltas = new long[n][Oracle.KINDS];
            depth = new int[n];
            held = new String[n];
            ret = new int[n];
        }
    }

    private final class Job {
        final Program p;
        final Lockdep ld;
        final LockClass[] classes;
        final Object[] instances;
        final Object nest = new Object();
        final long[] last = new long[Oracle.KINDS];
        final Run run;
        int pos;

        Job(Program p, SameClassPolicy policy) {
            this.p = p;
            this.ld = new Lockdep(LockdepConfig.builder().sameClass(policy).build());
            this.run = new Run(p.events.size());
            this.instances = new Object[p.instanceCount()];
            Map<Object, Integer> ordinal = new IdentityHashMap<>();
            for (int i = 0; i < instances.length; i++) {
                instances[i] = new Object();
                ordinal.put(instances[i], p.instOrdinal[i]);
            }
            this.classes = new LockClass[p.classCount()];
            for (int c = 0; c < classes.length; c++) {
                classes[c] = p.reentrant[c] ? ld.lockClass(p.classNames[c]) : ld.pseudoClass(p.classNames[c]);
                if (p.ordered[c]) {
                    Comparator<Object> byOrdinal = (a, b) -> Integer.compare(ordinal.get(a), ordinal.get(b));
                    classes[c].orderBy(byOrdinal);
                }
            }
            Statistics s = ld.statistics();
            for (int k = 0; k < Oracle.KINDS; k++) {
                last[k] = s.detections(KINDS[k]);
            }
        }

        void exec(int i) {
            Event e = p.events.get(i);
            Object lock = instances[e.inst];
            LockClass cls = classes[p.instClass[e.inst]];
            int ret = -1;
            switch (e.kind) {
                case ACQUIRE:
                    ld.acquire(lock, cls, mode(e.mode));
                    break;
                case TRY:
                    ld.tryAcquired(lock, cls, mode(e.mode));
                    break;
                case PROBE:
                    ld.probe(lock, cls, mode(e.mode));
                    break;
                case RELEASE:
                    ret = ld.release(lock) ? 1 : 0;
                    break;
                case RELEASE_MODE:
                    ret = ld.release(lock, mode(e.mode)) ? 1 : 0;
                    break;
                case WAIT_RELEASE:
                    ret = ld.waitRelease(lock);
                    break;
                case WAIT_REACQUIRE:
                    ld.waitReacquire(lock, cls, e.saved);
                    break;
                case ACQUIRE_NESTED_UNHELD:
                    ld.acquireNested(lock, cls, mode(e.mode), nest);
                    break;
                default:
                    throw new AssertionError(e.kind);
            }
            run.ret[i] = ret;
            Statistics s = ld.statistics();
            for (int k = 0; k < Oracle.KINDS; k++) {
                long d = s.detections(KINDS[k]);
                run.deltas[i][k] = d - last[k];
                run.totals[k] += d - last[k];
                last[k] = d;
            }
            run.depth[i] = ld.depth();
            run.held[i] = heldText(ld.heldLocks());
        }
    }

    static Mode mode(char c) {
        return Mode.ofSymbol(c);
    }

    static String heldText(List<HeldLock> held) {
        StringBuilder sb = new StringBuilder("[");
        for (HeldLock h : held) {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(h.className()).append(h.mode().symbol());
            if (h.trylock()) {
                sb.append('?');
            }
        }
        return sb.append(']').toString();
    }

    private final Thread[] workers;
    private final Semaphore[] go;
    private final Semaphore done = new Semaphore(0);
    private volatile Job job;
    private volatile boolean closed;
    private boolean broken;

    EngineDriver(int threads) {
        workers = new Thread[threads];
        go = new Semaphore[threads];
        for (int t = 0; t < threads; t++) {
            go[t] = new Semaphore(0);
            final int me = t;
            workers[t] = new Thread(() -> loop(me), "oracle-T" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
    }

    private void loop(int me) {
        while (true) {
            go[me].acquireUninterruptibly();
            if (closed) {
                return;
            }
            Job j = job;
            int n = j.p.events.size();
            try {
                while (j.pos < n && j.p.events.get(j.pos).thread == me) {
                    j.exec(j.pos);
                    j.pos++;
                }
            } catch (Throwable ex) {
                j.run.error = ex;
                j.run.errorEvent = j.pos;
                done.release();
                continue;
            }
            if (j.pos == n) {
                done.release();
            } else {
                go[j.p.events.get(j.pos).thread].release();
            }
        }
    }

    /** Runs {@code p} on a fresh engine with the given policy. */
    Run run(Program p, Oracle.Policy policy) {
        if (broken) {
            throw new IllegalStateException("a previous program hung the engine; the worker pool is unusable");
        }
        if (p.threads > workers.length) {
            throw new IllegalArgumentException("program has " + p.threads + " threads, pool " + workers.length);
        }
        Job j = new Job(p, SameClassPolicy.valueOf(policy.name()));
        if (!p.events.isEmpty()) {
            job = j;
            go[p.events.get(0).thread].release();
            try {
                if (!done.tryAcquire(60, TimeUnit.SECONDS)) {
                    broken = true;
                    throw new IllegalStateException("engine did not return within 60 s (hang or deadlock inside the engine?)"
                            + " at event " + j.pos + "\n" + p.toText());
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ie);
            }
        }
        try {
            Statistics st = j.ld.statistics();
            j.run.chainHits = st.chainHits();
            j.run.chainMisses = st.chainMisses();
            GraphSnapshot snap = j.ld.snapshot();
            for (GraphSnapshot.Edge e : snap.edges()) {
                String key = e.from() + " -> " + e.to();
                Integer old = j.run.edges.put(key, e.types());
                if (old != null && j.run.snapshotProblem == null) {
                    j.run.snapshotProblem = "edge listed twice in GraphSnapshot.edges(): " + key;
                    j.run.edges.put(key, old | e.types());
                }
            }
        } catch (Throwable t) {
            if (j.run.error == null) {
                j.run.error = t;
                j.run.errorEvent = p.events.size();
            }
        }
        return j.run;
    }

    @Override
    public void close() {
        closed = true;
        for (Semaphore s : go) {
            s.release();
        }
        for (Thread t : workers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
