package io.jlockdep.agent.report;

import io.jlockdep.agent.config.OutputFile;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Statistics;
import java.nio.file.Path;
import jdk.jfr.Recording;

/**
 * The JFR sink: each finding as one {@link PotentialDeadlockEvent} and one {@link DependencyEdgeEvent} per
 * edge of its cycle (same {@code cycleId}, {@code index} 0..n-1), each new edge (only with
 * {@link ReportSettings#edges()}) as a {@code DependencyEdgeEvent} with an empty {@code cycleId} and
 * {@code index} -1, and one {@link StatisticsEvent} at exit. The events reach every running recording;
 * with {@code jfr=FILE} the sink also runs its own recording of them, started at {@link #startup} and
 * written to the file at {@link #shutdown}.
 *
 * <p>All {@code jdk.jfr} calls go through {@link JfrEvents}: on a runtime without JFR the first one fails
 * with a {@link LinkageError}, and from then on the sink does nothing.
 */
final class JfrOutput implements ReportSink {
    private final OutputFile file;
    private final boolean edges;
    private volatile Recording recording;
    private volatile boolean broken;

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
            return;
        }
        Path path = file.path();
        try {
            if (!JfrEvents.available()) {
                lines.line("jlockdep: JFR is not available in this JVM; not recording to " + path);
                return;
            }
            recording = JfrEvents.start(path);
        } catch (LinkageError e) {
            broken = true;
            lines.line("jlockdep: JFR is not available in this JVM (" + e + "); not recording to " + path);
        } catch (Throwable t) {
            lines.line("jlockdep: cannot record JFR to " + path + ": " + t);
        }
    }

    @Override
    public void finding(Finding finding, String report) {
        if (!broken) {
            try {
                JfrEvents.finding(finding, report);
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

    /** Commits the statistics event, then writes and closes the own recording. */
    @Override
    public void shutdown(Exit exit, Lines lines) {
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
                JfrEvents.stop(r);
            } catch (Throwable t) {
                lines.line("jlockdep: cannot write the JFR recording " + file.path() + ": " + t);
            }
        }
    }
}
