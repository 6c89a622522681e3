package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Limit;
import io.jlockdep.core.LockdepListener;
import io.jlockdep.core.Statistics;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's reporting pipeline: a bounded lock-free queue and one daemon thread, {@value #THREAD_NAME},
 * feeding a list of {@linkplain ReportSink sinks}: the log ({@link ReportLog}), JFR ({@link JfrOutput}), the
 * graph dump ({@link DumpOutput}) and the exit summary ({@link ExitSummary}), in that order.
 *
 * <p>As the engine's {@link LockdepListener} it is called on the application's threads, inside their lock
 * operations: there it only puts a typed {@link ReportItem} (finding, new edge, limit notice) on the queue,
 * dropping and counting what does not fit, wakes its thread, and never blocks nor throws. The one exception:
 * a finding's JFR event is committed there, before it is queued, so that its JFR stack trace is the
 * acquisition's ({@link JfrOutput#commitOnAcquiringThread}). Its thread, which
 * its {@link Host} makes the engine ignore, starts the sinks and hands each item to every sink in order;
 * after each batch, and at least every 200 ms, it lets each sink {@linkplain ReportSink#flush flush} (the JFR
 * sink then brings its file up to date, so a JVM that is killed keeps its findings). Each sink opens, writes
 * and closes its own output; a problem in one becomes a {@code jlockdep: ...} line for the log and does not
 * stop the others.
 *
 * <p>Life cycle: construct, {@link #check} the output files (at agent start), pass as the engine's listener,
 * {@link #start} once, {@link #finish} at exit (from every exiting thread: it runs once). Listener calls made before {@code start} wait in the
 * queue; those made after {@code finish} are dropped and counted.
 */
public final class Reporter implements LockdepListener {
    /** The name of the reporter thread. */
    public static final String THREAD_NAME = "jlockdep-reporter";

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long FINISH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Other exiting threads wait while the first finish progresses, this many finish timeouts at most without. */
    private static final int WAITER_PATIENCE = 2;

    /**
     * What the reporter needs from its owner, which it knows only through this (the agent implements it over
     * the engine). Every method may throw: the reporter then goes on without.
     */
    public interface Host {
        /**
         * Makes the engine ignore the calling thread, so that the reporting's own locks (Logback's, JFR's)
         * never enter the graph: called first on the reporter thread, and on {@code finish}'s caller when it
         * does the reporting itself.
         */
        void ignoreCurrentThread();

        /** The engine's statistics, taken once at exit for the statistics event and the summary. */
        Statistics statistics();

        /** The learned graph, taken once at exit, only when a dump is configured. */
        GraphSnapshot snapshot();
    }

    private final ReportSettings settings;
    /** In delivery order; the summary last, so that its count means "written everywhere". */
    private final ReportSink[] sinks;
    private final ExitSummary summary = new ExitSummary();
    /** The JFR sink, which commits {@code PotentialDeadlock} events on the acquiring thread. */
    private final JfrOutput jfr;
    private final ReportSink.Lines lines = new SinkLines();

    private final ConcurrentLinkedQueue<ReportItem> queue = new ConcurrentLinkedQueue<ReportItem>();
    private final AtomicInteger pendingFindings = new AtomicInteger();
    private final AtomicInteger pendingEdges = new AtomicInteger();
    private final AtomicLong droppedFindings = new AtomicLong();
    private final AtomicLong droppedEdges = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    /** Claimed by whoever runs the final steps (normally the reporter thread), exactly once. */
    private final AtomicBoolean finalized = new AtomicBoolean();

    /** Set by {@link #finish}: nothing more is accepted, the reporter thread drains and winds up. */
    private volatile boolean sealed;
    /** The reporter thread is about to park or parked: producers unpark it. */
    private volatile boolean sleeping;
    /** The reporter thread has ended (normally after the final steps). */
    private volatile boolean done;
    private volatile Thread thread;
    private volatile Thread finisher;
    /** The host {@link #finish} was given: its statistics and graph are the exit's. */
    private volatile Host exitHost;
    /** The sink the reporter thread is in, or null; written before it checks {@link #finalized}. */
    private volatile ReportSink current;
    /** The sink a stuck reporter thread is in: {@code finish} leaves it alone (e.g. a log blocked on stderr). */
    private volatile ReportSink skipped;
    /**
     * {@link System#nanoTime()} when the reporting last moved on (an item delivered, a sink flushed, started
     * or shut down): exit waits while it moves, and calls the reporter thread stuck only when it does not.
     */
    private volatile long lastProgress;
    /** The first {@link #finish} has completed: the files are written. */
    private volatile boolean finished;
    /** The thread running the first {@link #finish}. */
    private volatile Thread finishingThread;

    /** A reporter with the given settings and the standard sinks; nothing runs until {@link #start}. */
    public Reporter(ReportSettings settings) {
        this(settings, null);
    }

    /** A reporter with {@code first} (if not null) before the standard sinks. */
    Reporter(ReportSettings settings, ReportSink first) {
        if (settings == null) {
            throw new NullPointerException("settings");
        }
        this.settings = settings;
        jfr = new JfrOutput(settings);
        ReportSink[] standard = {new ReportLog(settings), jfr, new DumpOutput(settings), summary};
        if (first == null) {
            sinks = standard;
        } else {
            sinks = new ReportSink[standard.length + 1];
            sinks[0] = first;
            System.arraycopy(standard, 0, sinks, 1, standard.length);
        }
    }

    /** Whether findings' JFR events are committed on the acquiring thread now (the JFR sink has started). */
    boolean committingOnAcquiringThreads() {
        return jfr.acceptsEarlyCommits();
    }

    /** The settings this reporter was made with. */
    public ReportSettings settings() {
        return settings;
    }

    /**
     * Checks that every output file can be written, creating missing parent directories; call at agent
     * start, before anything runs, so that a mistake stops the agent at once.
     *
     * @throws OutputFileException for the first output that cannot be written, with the one-line message
     */
    public void check() {
        for (ReportSink sink : sinks) {
            sink.check();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Listener: application threads, inside their lock operations. Enqueue only; never throw.

    /**
     * Queues {@code finding} for the reporter thread (or drops and counts it if the queue is full), then, once
     * queued, commits its JFR event here, on the acquiring thread, for its stack trace
     * ({@link JfrOutput#claimForAcquiringThread}): the reporter thread then skips that commit.
     */
    @Override
    public void onFinding(Finding finding) {
        try {
            if (finding != null) {
                ReportItem.FindingItem item = new ReportItem.FindingItem(finding);
                jfr.enterAcquiringThread();
                try {
                    boolean commitHere = jfr.claimForAcquiringThread(item);
                    if (offer(item) && commitHere) {
                        jfr.commitOnAcquiringThread(item);
                    }
                } finally {
                    jfr.leaveAcquiringThread();
                }
            }
        } catch (Throwable ignored) {
            // never into the host's lock operation
        }
    }

    /**
     * Queues a new edge for the reporter thread when {@link ReportSettings#edges()} is on (else ignores
     * it); drops and counts it if the queue is full.
     */
    @Override
    public void onEdge(CycleEdge edge) {
        try {
            if (edge != null && settings.edges()) {
                offer(new ReportItem.EdgeItem(edge));
            }
        } catch (Throwable ignored) {
            // never into the host's lock operation
        }
    }

    /** Queues a limit notice for the log (sharing the findings' bound). */
    @Override
    public void onLimit(Limit limit, String message) {
        try {
            offer(new ReportItem.NoticeItem(message));
        } catch (Throwable ignored) {
            // never into the host's lock operation
        }
    }

    /** Queues {@code item}; false when it was dropped (and counted) instead. */
    private boolean offer(ReportItem item) {
        AtomicInteger pending = item.edge ? pendingEdges : pendingFindings;
        AtomicLong dropped = item.edge ? droppedEdges : droppedFindings;
        int capacity = item.edge ? settings.edgeQueueCapacity() : settings.findingQueueCapacity();
        if (sealed) {
            dropped.incrementAndGet();
            return false;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        queue.offer(item);
        if (sealed) {
            // Raced with finish: either its drain took the item, or nobody ever will.
            if (queue.remove(item)) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
                return false;
            }
            return true;
        }
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // Life cycle

    /**
     * Starts the daemon thread {@value #THREAD_NAME}. Its first action is {@link Host#ignoreCurrentThread()}
     * on {@code host}; it then starts the sinks (opens the log and, if {@link ReportSettings#jfrFile()} is
     * set, a JFR recording of the jlockdep events) and reports what is queued. The calling thread only
     * creates and starts that thread. Calls after the first, or after {@link #finish}, do nothing.
     * {@code host} may be null (nothing is ignored).
     */
    public void start(Host host) {
        if (finishing.get() || !started.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(null, new Worker(host), THREAD_NAME, 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(Reporter.class.getClassLoader());
        thread = t;
        t.start();
    }

    /**
     * Winds up at exit, at JVM shutdown. Stops accepting, lets the reporter thread report everything still
     * queued, then shuts the sinks down in reverse order: the summary line (if anything was reported or
     * dropped), the graph dump (from {@code host.snapshot()}), the {@link StatisticsEvent} (from
     * {@code host.statistics()}) and the JFR file, then the log (flushing the file). These steps run on the
     * reporter thread, which is waited for as long as it makes progress (one item, one sink step, at most
     * {@link ReportSettings#finishTimeoutMillis()} apart); only if it never started or stalls that long does the
     * calling thread do them, and it is then marked ignored through {@code host} (its own locks would
     * otherwise enter the graph). If the reporter thread is stuck (e.g. in the log, on a blocked stderr), what is
     * still queued is dropped and the sink it is stuck in is left alone.
     *
     * <p>Runs once, whichever thread calls first. Calls on other threads while it runs (several threads calling
     * {@code System.exit} at once) wait until it has completed — otherwise one of them would go on to run the
     * shutdown hooks, JFR's included, and halt the JVM half-way through writing — unless it stalls for
     * twice the timeout; later calls return at once. Never throws. {@code host} may be null (then no statistics
     * event and no dump).
     */
    public void finish(Host host) {
        long timeout = TimeUnit.MILLISECONDS.toNanos(settings.finishTimeoutMillis());
        if (!finishing.compareAndSet(false, true)) {
            Thread me = Thread.currentThread();
            // Not the reporter thread, nor the finishing one re-entering (a sink that exits): they would wait
            // for themselves.
            if (me != thread && me != finishingThread) {
                awaitFinished(WAITER_PATIENCE * timeout);
            }
            return;
        }
        finishingThread = Thread.currentThread();
        boolean interrupted = false;
        try {
            exitHost = host;
            lastProgress = System.nanoTime();
            sealed = true;
            Thread t = thread;
            if (t != null) {
                finisher = Thread.currentThread();
                LockSupport.unpark(t);
                interrupted = awaitDone(timeout);
            }
            if (finalized.compareAndSet(false, true)) {
                // No reporter thread, or it died, or it is stuck (no progress for the timeout): do the final
                // steps here.
                boolean reporterStuck = t != null && !done;
                if (reporterStuck) {
                    skipped = current;
                }
                ignoreCurrentThread(host);
                if (t == null) {
                    startSinks(false);
                }
                drain(!reporterStuck);
                finalSteps();
            } else {
                // The reporter thread is running the final steps (JFR dump, file flush): give it time.
                interrupted |= awaitDone(timeout);
            }
        } catch (Throwable ignored) {
            // finish never throws into the shutdown sequence
        } finally {
            finished = true;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the reporter thread has ended, or it made no progress for {@code stallNanos}; returns
     * whether the wait was interrupted.
     */
    private boolean awaitDone(long stallNanos) {
        boolean interrupted = false;
        while (!done) {
            long idle = System.nanoTime() - lastProgress;
            if (idle >= stallNanos) {
                break;
            }
            LockSupport.parkNanos(this, Math.min(stallNanos - idle, FINISH_POLL_NANOS));
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /**
     * Another exiting thread: waits for the first finish to complete while it progresses, counting from now
     * at the earliest (the first may not have marked its start yet). Keeps interrupts.
     */
    private void awaitFinished(long stallNanos) {
        boolean interrupted = false;
        long start = System.nanoTime();
        while (!finished) {
            long last = lastProgress;
            long idle = System.nanoTime() - (last - start > 0 ? last : start);
            if (idle >= stallNanos) {
                break;
            }
            LockSupport.parkNanos(this, Math.min(stallNanos - idle, FINISH_POLL_NANOS));
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Findings reported so far (handed to every sink). */
    public int reportedCount() {
        return summary.reported();
    }

    /**
     * Findings, edges and limit notices dropped so far: because the queue was full, because they arrived
     * after {@link #finish}, or because the reporter thread was stuck at exit.
     */
    public long droppedCount() {
        return droppedFindings.get() + droppedEdges.get();
    }

    /** The findings and limit notices among {@link #droppedCount()}. */
    public long droppedFindingCount() {
        return droppedFindings.get();
    }

    // ------------------------------------------------------------------------------------------------
    // Processing: reporter thread (or finish's thread when the reporter thread could not)

    /** The reporter thread's body. */
    private final class Worker implements Runnable {
        private final Host host;

        Worker(Host host) {
            this.host = host;
        }

        @Override
        public void run() {
            try {
                ignoreCurrentThread(host);
                startSinks(true);
                while (!sealed) {
                    drain(true);
                    flushSinks();
                    sleeping = true;
                    if (queue.isEmpty() && !sealed) {
                        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    }
                    sleeping = false;
                    Thread.interrupted();
                }
                drain(true);
                if (finalized.compareAndSet(false, true)) {
                    finalSteps();
                }
            } catch (Throwable ignored) {
                // finish() takes over what is left
            } finally {
                current = null;
                done = true;
                Thread f = finisher;
                if (f != null) {
                    LockSupport.unpark(f);
                }
            }
        }
    }

    private static void ignoreCurrentThread(Host host) {
        if (host != null) {
            try {
                host.ignoreCurrentThread();
            } catch (Throwable ignored) {
                // best effort
            }
        }
    }

    /**
     * Whether the reporter thread may go into {@code sink}: not once {@code finish} has taken over. The
     * thread publishes the sink before it looks, and {@code finish} claims before it reads the sink: so
     * either the thread stays out, or {@code finish} knows where it is and leaves that sink alone.
     */
    private boolean enter(ReportSink sink, boolean onReporter) {
        if (!onReporter) {
            return sink != skipped;
        }
        current = sink;
        if (finalized.get()) {
            current = null;
            return false;
        }
        return true;
    }

    /** Starts every sink; problems become lines. */
    private void startSinks(boolean onReporter) {
        for (ReportSink sink : sinks) {
            if (!enter(sink, onReporter)) {
                if (onReporter) {
                    return;
                }
                continue;
            }
            try {
                sink.startup(lines);
            } catch (Throwable ignored) {
                // the others still start
            }
            lastProgress = System.nanoTime();
        }
        current = null;
    }

    /** Reporter thread, between batches: lets each sink make what it has durable ({@link ReportSink#flush}). */
    private void flushSinks() {
        for (ReportSink sink : sinks) {
            if (!enter(sink, true)) {
                return;
            }
            try {
                sink.flush(lines);
            } catch (Throwable ignored) {
                // the others still flush
            }
            lastProgress = System.nanoTime();
        }
        current = null;
    }

    /**
     * Takes everything queued. With {@code report}, hands each item to every sink, unless the reporter
     * thread finds that {@code finish} took over; without, drops and counts each.
     */
    private void drain(boolean report) {
        boolean onReporter = Thread.currentThread() == thread;
        ReportItem item;
        while ((item = queue.poll()) != null) {
            if (item.edge) {
                pendingEdges.decrementAndGet();
            } else {
                pendingFindings.decrementAndGet();
            }
            if (!report || !deliver(item, onReporter)) {
                (item.edge ? droppedEdges : droppedFindings).incrementAndGet();
            }
        }
    }

    /** Hands {@code item} to every sink in order; false if {@code finish} took over before it was done. */
    private boolean deliver(ReportItem item, boolean onReporter) {
        for (ReportSink sink : sinks) {
            if (!enter(sink, onReporter)) {
                if (onReporter) {
                    return false;
                }
                continue;
            }
            try {
                item.sendTo(sink);
            } catch (Throwable ignored) {
                // one bad item or sink must not stop the others
            }
        }
        current = null;
        lastProgress = System.nanoTime();
        return true;
    }

    /** Shuts the sinks down in reverse order, each on its own, with what is known at exit. */
    private void finalSteps() {
        ReportSink.Exit exit = new ReportSink.Exit(exitHost, droppedFindings.get(), droppedEdges.get());
        for (int i = sinks.length - 1; i >= 0; i--) {
            ReportSink sink = sinks[i];
            if (sink == skipped) {
                continue;
            }
            try {
                sink.shutdown(exit, lines);
            } catch (Throwable ignored) {
                // the others still write their files
            }
            lastProgress = System.nanoTime();
        }
    }

    /** A line for the human reader, to every sink but the one a stuck reporter thread is in. */
    private final class SinkLines implements ReportSink.Lines {
        @Override
        public void line(String line) {
            ReportSink skip = skipped;
            for (ReportSink sink : sinks) {
                if (sink != skip) {
                    try {
                        sink.line(line);
                    } catch (Throwable ignored) {
                        // nothing else to tell
                    }
                }
            }
        }
    }
}
