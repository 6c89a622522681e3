package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Limit;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepListener;
import io.jlockdep.core.Statistics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;

/**
 * The agent's reporting pipeline. As the engine's {@link LockdepListener} it is called on the
 * application's threads, inside their lock operations: there it only puts the finding, edge or notice on
 * a bounded lock-free queue (dropping and counting what does not fit) and wakes its daemon thread
 * {@value #THREAD_NAME}. That thread, which the engine ignores, does the reporting:
 * <ul>
 * <li>a finding not {@linkplain FindingFilter#suppressed suppressed}: its report
 *     ({@link Finding#render()}, lockdep layout) to the log, one {@link PotentialDeadlockEvent} and one
 *     {@link DependencyEdgeEvent} per edge of its cycle (same {@code cycleId}, {@code index} 0..n-1);</li>
 * <li>a new edge (only with {@link ReportSettings#edges()}): a {@link DependencyEdgeEvent} with an empty
 *     {@code cycleId} and {@code index} -1;</li>
 * <li>a limit notice: the line {@code jlockdep: <message>} to the log.</li>
 * </ul>
 * JFR events reach every running recording (they are enabled by default), plus the reporter's own when
 * {@link ReportSettings#jfrFile()} is set. The log is a private Logback context: nothing is shared with
 * the application's logging.
 *
 * <p>Life cycle: construct, pass as the engine's listener, {@link #start} once, {@link #finish} once at
 * exit. Listener calls made before {@code start} wait in the queue; those made after {@code finish} are
 * dropped and counted.
 */
public final class Reporter implements LockdepListener {
    /** The name of the reporter thread. */
    public static final String THREAD_NAME = "jlockdep-reporter";

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long FINISH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Cycle ids listed in the exit summary; further ones are counted. */
    private static final int MAX_LISTED_IDS = 20;

    private final ReportSettings settings;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<Object>();
    private final AtomicInteger pendingFindings = new AtomicInteger();
    private final AtomicInteger pendingEdges = new AtomicInteger();
    private final AtomicLong droppedFindings = new AtomicLong();
    private final AtomicLong droppedEdges = new AtomicLong();
    private final AtomicInteger reported = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> listedIds = new ConcurrentLinkedQueue<String>();
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

    // Outputs: opened by whoever processes (the reporter thread; finish's thread if there is none).
    private volatile ReportLog log;
    private volatile Recording recording;
    private volatile boolean jfrBroken;

    /** A reporter with the given settings; nothing runs until {@link #start}. */
    public Reporter(ReportSettings settings) {
        if (settings == null) {
            throw new NullPointerException("settings");
        }
        this.settings = settings;
    }

    /** The settings this reporter was made with. */
    public ReportSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------------
    // Listener: application threads, inside their lock operations. Enqueue only; never throw.

    /** Queues {@code finding} for the reporter thread (or drops and counts it if the queue is full). */
    @Override
    public void onFinding(Finding finding) {
        if (finding != null) {
            offer(finding, pendingFindings, settings.findingQueueCapacity(), droppedFindings);
        }
    }

    /**
     * Queues a new edge for the reporter thread when {@link ReportSettings#edges()} is on (else ignores
     * it); drops and counts it if the queue is full.
     */
    @Override
    public void onEdge(CycleEdge edge) {
        if (edge != null && settings.edges()) {
            offer(edge, pendingEdges, settings.edgeQueueCapacity(), droppedEdges);
        }
    }

    /** Queues a limit notice for the log (sharing the findings' bound). */
    @Override
    public void onLimit(Limit limit, String message) {
        try {
            offer(new LimitNotice(limit, message), pendingFindings, settings.findingQueueCapacity(),
                    droppedFindings);
        } catch (Throwable ignored) {
            // never into the host's lock operation
        }
    }

    private void offer(Object item, AtomicInteger pending, int capacity, AtomicLong dropped) {
        try {
            if (sealed) {
                dropped.incrementAndGet();
                return;
            }
            if (pending.incrementAndGet() > capacity) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
                return;
            }
            queue.offer(item);
            if (sealed) {
                // Raced with finish: either its drain took the item, or nobody ever will.
                if (queue.remove(item)) {
                    pending.decrementAndGet();
                    dropped.incrementAndGet();
                }
                return;
            }
            if (sleeping) {
                Thread t = thread;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        } catch (Throwable ignored) {
            // never into the host's lock operation
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Life cycle

    /**
     * Starts the daemon thread {@value #THREAD_NAME}. Its first action is
     * {@link Lockdep#ignoreCurrentThread()} on {@code engine}, so its own locks (Logback's, JFR's) are never
     * tracked; it then opens the log (a private Logback context) and, if {@link ReportSettings#jfrFile()}
     * is set, a JFR recording of the jlockdep events, and reports what is queued. Problems opening them are
     * reported as {@code jlockdep: ...} lines (or on stderr). The calling thread only creates and starts
     * that thread. Calls after the first, or after {@link #finish}, do nothing.
     */
    public void start(Lockdep engine) {
        if (finishing.get() || !started.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(null, new Worker(engine), THREAD_NAME, 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(Reporter.class.getClassLoader());
        thread = t;
        t.start();
    }

    /**
     * Winds up at exit; call once, at JVM shutdown. Stops accepting, lets the reporter thread report
     * everything still queued (waiting at most {@link ReportSettings#finishTimeoutMillis()}), then: commits
     * one {@link StatisticsEvent} from {@code engine.statistics()}, logs a one-line summary if anything was
     * reported or dropped, writes the graph dump, writes the JFR recording to its file and closes it, and
     * stops the log (flushing the file). These steps run on the reporter thread; only if it never started
     * or does not finish in time does the calling thread do them, and it is then marked ignored by
     * {@code engine} (its own locks would otherwise enter the graph). If the reporter thread is stuck
     * (e.g. on a blocked stderr), what is still queued is dropped and the log is left alone.
     *
     * <p>Idempotent (later calls return at once), never throws, and bounded in time (about twice the
     * timeout at worst). {@code engine} may be null (then no statistics event and no dump).
     */
    public void finish(Lockdep engine) {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        try {
            sealed = true;
            long timeout = TimeUnit.MILLISECONDS.toNanos(settings.finishTimeoutMillis());
            Thread t = thread;
            if (t != null) {
                finisher = Thread.currentThread();
                LockSupport.unpark(t);
                interrupted = awaitDone(timeout);
            }
            if (finalized.compareAndSet(false, true)) {
                // No reporter thread, or it died, or it is stuck or too slow: do the final steps here.
                boolean reporterStuck = t != null && !done;
                ignoreCurrentThread(engine);
                if (t == null) {
                    openOutputs();
                }
                drain(!reporterStuck);
                finalSteps(engine, !reporterStuck);
            } else {
                // The reporter thread is running the final steps (JFR dump, file flush): give it time.
                interrupted |= awaitDone(timeout);
            }
        } catch (Throwable ignored) {
            // finish never throws into the shutdown sequence
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the reporter thread has ended or {@code nanos} passed; returns whether it was interrupted. */
    private boolean awaitDone(long nanos) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + nanos;
        while (!done) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, Math.min(left, FINISH_POLL_NANOS));
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /** Findings reported so far (logged and recorded; not suppressed ones). */
    public int reportedCount() {
        return reported.get();
    }

    /** Findings the {@linkplain ReportSettings#filter() filter} suppressed so far. */
    public int suppressedCount() {
        return suppressed.get();
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
        private final Lockdep engine;

        Worker(Lockdep engine) {
            this.engine = engine;
        }

        @Override
        public void run() {
            try {
                ignoreCurrentThread(engine);
                openOutputs();
                while (!sealed) {
                    drain(true);
                    sleeping = true;
                    if (queue.isEmpty() && !sealed) {
                        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    }
                    sleeping = false;
                    Thread.interrupted();
                }
                drain(true);
                if (finalized.compareAndSet(false, true)) {
                    finalSteps(engine, true);
                }
            } catch (Throwable ignored) {
                // finish() takes over what is left
            } finally {
                done = true;
                Thread f = finisher;
                if (f != null) {
                    LockSupport.unpark(f);
                }
            }
        }
    }

    private static void ignoreCurrentThread(Lockdep engine) {
        if (engine != null) {
            try {
                engine.ignoreCurrentThread();
            } catch (Throwable ignored) {
                // best effort
            }
        }
    }

    /** Opens the log and the JFR recording; problems become log lines. */
    private void openOutputs() {
        ReportLog l = null;
        try {
            l = ReportLog.open(settings.log());
        } catch (Throwable t) {
            System.err.println("jlockdep: cannot set up the log (" + t + "); reports go to JFR only");
        }
        log = l;
        if (l != null && l.problem() != null) {
            logLine("jlockdep: " + l.problem());
        }
        Path jfrFile = settings.jfrFile();
        if (jfrFile == null) {
            return;
        }
        try {
            if (!JfrOutput.available()) {
                logLine("jlockdep: JFR is not available in this JVM; not recording to " + jfrFile);
                return;
            }
            recording = JfrOutput.start(jfrFile);
        } catch (LinkageError e) {
            jfrBroken = true;
            logLine("jlockdep: JFR is not available in this JVM (" + e + "); not recording to " + jfrFile);
        } catch (Throwable t) {
            logLine("jlockdep: cannot record JFR to " + jfrFile + ": " + t);
        }
    }

    /**
     * Takes everything queued. With {@code report}, reports each item, unless the reporter thread finds
     * that {@code finish} took over; without, drops and counts each.
     */
    private void drain(boolean report) {
        boolean onReporter = Thread.currentThread() == thread;
        Object item;
        while ((item = queue.poll()) != null) {
            boolean edge = item instanceof CycleEdge;
            if (edge) {
                pendingEdges.decrementAndGet();
            } else {
                pendingFindings.decrementAndGet();
            }
            if (!report || (onReporter && finalized.get())) {
                if (edge) {
                    droppedEdges.incrementAndGet();
                } else {
                    droppedFindings.incrementAndGet();
                }
                continue;
            }
            try {
                process(item);
            } catch (Throwable ignored) {
                // one bad item must not stop the reporter
            }
        }
    }

    private void process(Object item) {
        if (item instanceof Finding) {
            reportFinding((Finding) item);
        } else if (item instanceof CycleEdge) {
            if (!jfrBroken) {
                try {
                    JfrOutput.edge((CycleEdge) item, "", DependencyEdgeEvent.NO_INDEX);
                } catch (LinkageError e) {
                    jfrBroken = true;
                }
            }
        } else if (item instanceof LimitNotice) {
            logLine("jlockdep: " + ((LimitNotice) item).message);
        }
    }

    private void reportFinding(Finding f) {
        boolean skip;
        try {
            skip = settings.filter().suppressed(f);
        } catch (Throwable t) {
            skip = false;
        }
        if (skip) {
            suppressed.incrementAndGet();
            return;
        }
        String report = f.render();
        ReportLog l = log;
        if (l != null) {
            try {
                // The pattern adds the line end.
                l.log(report.endsWith("\n") ? report.substring(0, report.length() - 1) : report);
            } catch (Throwable ignored) {
                // JFR still gets it
            }
        }
        if (!jfrBroken) {
            try {
                JfrOutput.finding(f, report);
            } catch (LinkageError e) {
                jfrBroken = true;
            }
        }
        // counted once out, so a count seen by another thread means the report is written
        if (reported.incrementAndGet() <= MAX_LISTED_IDS) {
            listedIds.add(f.cycleId());
        }
    }

    private void logLine(String line) {
        ReportLog l = log;
        if (l != null) {
            try {
                l.log(line);
            } catch (Throwable ignored) {
                // nothing else to tell
            }
        }
    }

    /** Statistics event, summary line, graph dump, JFR file, log shutdown; each step on its own. */
    private void finalSteps(Lockdep engine, boolean useLog) {
        Statistics stats = null;
        GraphSnapshot snapshot = null;
        if (engine != null) {
            try {
                stats = engine.statistics();
            } catch (Throwable ignored) {
                // no statistics event
            }
            if (settings.dumpFile() != null) {
                try {
                    snapshot = engine.snapshot();
                } catch (Throwable t) {
                    if (useLog) {
                        logLine("jlockdep: cannot take the graph snapshot for " + settings.dumpFile() + ": " + t);
                    }
                }
            }
        }
        if (stats != null && !jfrBroken) {
            try {
                JfrOutput.statistics(stats, droppedCount(), settings.edges());
            } catch (Throwable t) {
                if (t instanceof LinkageError) {
                    jfrBroken = true;
                }
            }
        }
        if (useLog) {
            String summary = summary();
            if (summary != null) {
                logLine(summary);
            }
        }
        if (snapshot != null) {
            Path file = settings.dumpFile();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, settings.dumpDot() ? snapshot.toDot() : snapshot.toText(),
                        StandardCharsets.UTF_8);
            } catch (Throwable t) {
                if (useLog) {
                    logLine("jlockdep: cannot write the graph dump " + file + ": " + t);
                }
            }
        }
        Recording r = recording;
        if (r != null) {
            recording = null;
            try {
                JfrOutput.stop(r);
            } catch (Throwable t) {
                if (useLog) {
                    logLine("jlockdep: cannot write the JFR recording " + settings.jfrFile() + ": " + t);
                }
            }
        }
        ReportLog l = log;
        if (useLog && l != null) {
            log = null;
            try {
                l.stop();
            } catch (Throwable ignored) {
                // nothing else to do
            }
        }
    }

    /** The exit summary line, or null when nothing was reported or dropped. */
    private String summary() {
        int n = reported.get();
        long lostFindings = droppedFindings.get();
        long lostEdges = droppedEdges.get();
        if (n == 0 && lostFindings == 0 && lostEdges == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("jlockdep: ");
        sb.append(n).append(n == 1 ? " potential deadlock reported" : " potential deadlocks reported");
        if (n > 0) {
            sb.append(n == 1 ? " (cycle id: " : " (cycle ids: ");
            int listed = 0;
            for (String id : listedIds) {
                if (listed++ > 0) {
                    sb.append(", ");
                }
                sb.append(id);
            }
            if (n > listed) {
                sb.append(", and ").append(n - listed).append(" more");
            }
            sb.append(')');
        }
        int s = suppressed.get();
        if (s > 0) {
            sb.append("; ").append(s).append(" suppressed");
        }
        if (lostFindings > 0 || lostEdges > 0) {
            sb.append("; dropped (queue full or too late): ").append(lostFindings)
                    .append(lostFindings == 1 ? " finding or notice, " : " findings or notices, ")
                    .append(lostEdges).append(lostEdges == 1 ? " edge" : " edges");
        }
        return sb.toString();
    }

    /** A limit notice waiting in the queue. */
    private static final class LimitNotice {
        final Limit limit;
        final String message;

        LimitNotice(Limit limit, String message) {
            this.limit = limit;
            this.message = message;
        }

        @Override
        public String toString() {
            return limit + ": " + message;
        }
    }
}
