package io.jlockdep.agent.report;

import io.jlockdep.agent.config.OutputFile;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Statistics;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;

/**
 * The JFR sink: each finding as one {@link PotentialDeadlockEvent} and one {@link DependencyEdgeEvent} per
 * edge of its cycle (same {@code cycleId}, {@code index} 0..n-1), each new edge (only with
 * {@link ReportSettings#edges()}) as a {@code DependencyEdgeEvent} with an empty {@code cycleId} and
 * {@code index} -1, and one {@link StatisticsEvent} at exit. The events reach every running recording;
 * with {@code jfr=FILE} the sink also runs its own recording of them, started at {@link #startup} and
 * written to the file at {@link #shutdown}.
 *
 * <p>While the program runs, new findings also reach the file within about a second ({@link #flush}, on the
 * reporter thread): the recording so far is dumped next to the file and moved over it in one step, so a JVM
 * that hangs in a real deadlock and is then killed ({@code SIGKILL}) still leaves its findings for
 * {@code check}. Each such dump rotates JFR's chunk and copies the whole recording (about 100 KB per chunk),
 * so dumps come only after new findings (not edges), bursts are coalesced, and two dumps are at least
 * {@value #MIN_DUMP_GAP_MILLIS} ms and {@value #DUMP_GAP_FACTOR} times the last dump's duration apart: a
 * program that finds new cycles without end spends at most about a tenth of a core on it, and its
 * recording grows with the square root of its run time, not linearly.
 *
 * <p>All {@code jdk.jfr} calls go through {@link JfrEvents}: on a runtime without JFR the first one fails
 * with a {@link LinkageError}, and from then on the sink does nothing.
 */
final class JfrOutput implements ReportSink {
    /** Least time between two dumps while running. */
    static final long MIN_DUMP_GAP_MILLIS = 1000;
    /** Two dumps while running are at least this many times the last one's duration apart. */
    static final int DUMP_GAP_FACTOR = 10;
    /** Longest wait at exit for acquiring threads committing a finding's event. */
    static final long ACQUIRING_THREADS_WAIT_MILLIS = 1000;

    private final OutputFile file;
    private final boolean edges;
    private volatile Recording recording;
    private volatile boolean broken;
    /**
     * Started and not shut down: events committed on an acquiring thread now reach the recordings. Until then
     * (findings made before the reporter thread started), the reporter thread commits them.
     */
    private volatile boolean acceptsEarlyCommits;
    /** Acquiring threads between queuing a finding and committing its event. */
    private final AtomicInteger acquiringThreads = new AtomicInteger();
    /** Where dumps are written before they replace the file (same directory, so the move is a rename). */
    private Path tmp;
    /** A finding was committed since the file was last brought up to date. */
    private boolean unsaved;
    /** Dumping while running failed once: the file is written at exit only. */
    private boolean dumpsFailed;
    /** {@link System#nanoTime()} before which no dump is made (rate limit). */
    private long nextDump;

    JfrOutput(ReportSettings settings) {
        this.file = settings.jfrOutput();
        this.edges = settings.edges();
    }

    @Override
    public void check() {
        OutputFileCheck.writable(file);
    }

    @Override
    public void startup(Lines lines) {
        if (file == null) {
            // No file of ours; a recording the user runs (-XX:StartFlightRecording, jcmd) still gets the events.
            acceptsEarlyCommits = !broken;
            return;
        }
        Path path = file.path();
        try {
            if (!JfrEvents.available()) {
                lines.line("jlockdep: JFR is not available in this JVM; not recording to " + path);
                return;
            }
            Path abs = path.toAbsolutePath();
            tmp = abs.resolveSibling(abs.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            nextDump = System.nanoTime();
            recording = JfrEvents.start(path);
            acceptsEarlyCommits = true;
        } catch (LinkageError e) {
            broken = true;
            lines.line("jlockdep: JFR is not available in this JVM (" + e + "); not recording to " + path);
        } catch (Throwable t) {
            lines.line("jlockdep: cannot record JFR to " + path + ": " + t);
        }
    }

    /**
     * On the acquiring thread, before the finding is queued: counts the thread in, so that {@link #shutdown}
     * waits for its commit. Pair with {@link #leaveAcquiringThread} in a {@code finally}.
     */
    void enterAcquiringThread() {
        acquiringThreads.incrementAndGet();
    }

    void leaveAcquiringThread() {
        acquiringThreads.decrementAndGet();
    }

    /**
     * On the acquiring thread, inside its lock operation, before {@code item} is queued: whether this thread
     * will commit the item's {@code PotentialDeadlock} event ({@link #commitOnAcquiringThread}), so that JFR
     * records that thread's stack, the acquisition's, as the event's stack trace. Not before the sink has
     * started (then the reporter thread commits it, with its own stack). The item is not queued yet, so no
     * other thread can have claimed it.
     */
    boolean claimForAcquiringThread(ReportItem.FindingItem item) {
        return acceptsEarlyCommits && !broken && item.claimForAcquiringThread();
    }

    /**
     * On the acquiring thread (the engine has marked it busy, so nothing done here enters the graph), once the
     * item it {@linkplain #claimForAcquiringThread claimed} is queued: commits its event. Never throws.
     *
     * <p>Why this is safe: JFR's event commit is made for application threads (the JDK's own events commit
     * from inside I/O and lock code), writes to a thread-local buffer and never waits for another thread;
     * {@code jdk.jfr} is never instrumented. Why the log and the recording still agree: only a queued item is
     * committed here, the reporter thread does not commit a claimed one, and {@link #shutdown} lets commits in
     * progress finish before the recording stops.
     */
    void commitOnAcquiringThread(ReportItem.FindingItem item) {
        try {
            JfrEvents.potentialDeadlock(item.finding, item); // no lambda: nothing to spin up here
        } catch (LinkageError e) {
            broken = true;
        } catch (Throwable ignored) {
            // never into the host's lock operation
        }
    }

    boolean acceptsEarlyCommits() {
        return acceptsEarlyCommits && !broken;
    }

    @Override
    public void finding(Finding finding, String report) {
        finding(finding, report, false);
    }

    @Override
    public void finding(Finding finding, String report, boolean eventCommitted) {
        if (!broken) {
            try {
                if (!eventCommitted) {
                    JfrEvents.potentialDeadlock(finding, () -> report);
                }
                JfrEvents.cycleEdges(finding);
                unsaved = recording != null;
            } catch (LinkageError e) {
                broken = true;
            }
        }
    }

    @Override
    public void edge(CycleEdge edge) {
        if (!broken) {
            try {
                JfrEvents.edge(edge, "", DependencyEdgeEvent.NO_INDEX);
            } catch (LinkageError e) {
                broken = true;
            }
        }
    }

    @Override
    public void line(String line) {
        // lines are for the log
    }

    /** Brings the file up to date when findings were committed since the last dump and the rate allows. */
    @Override
    public void flush(Lines lines) {
        Recording r = recording;
        if (r == null || !unsaved || dumpsFailed || broken) {
            return;
        }
        if (acquiringThreads.get() > 0) {
            return; // an acquiring thread is committing a finding's event: the next flush takes it too
        }
        long start = System.nanoTime();
        if (start - nextDump < 0) {
            return;
        }
        unsaved = false;
        try {
            JfrEvents.dump(r, tmp, file.path());
        } catch (Throwable t) {
            dumpsFailed = true;
            lines.line("jlockdep: cannot bring the JFR recording " + file.path() + " up to date while running ("
                    + t + "); it is written at exit only");
            return;
        }
        long end = System.nanoTime();
        nextDump = end + Math.max(TimeUnit.MILLISECONDS.toNanos(MIN_DUMP_GAP_MILLIS), DUMP_GAP_FACTOR * (end - start));
    }

    /**
     * Lets acquiring threads that queued a finding before exit began commit its event into the recording
     * (the log has it already). A commit takes microseconds; the wait is bounded all the same.
     */
    private void awaitAcquiringThreads() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACQUIRING_THREADS_WAIT_MILLIS);
        while (acquiringThreads.get() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Commits the statistics event, then writes and closes the own recording. */
    @Override
    public void shutdown(Exit exit, Lines lines) {
        awaitAcquiringThreads();
        acceptsEarlyCommits = false;
        Statistics stats = exit.statistics();
        if (stats != null && !broken) {
            try {
                JfrEvents.statistics(stats, exit.droppedFindings() + exit.droppedEdges(), edges);
            } catch (Throwable t) {
                if (t instanceof LinkageError) {
                    broken = true;
                }
            }
        }
        Recording r = recording;
        if (r != null) {
            recording = null;
            try {
                JfrEvents.finish(r, tmp, file.path());
            } catch (Throwable t) {
                lines.line("jlockdep: cannot write the JFR recording " + file.path() + ": " + t);
            }
        }
    }
}
