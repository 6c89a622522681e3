package io.jlockdep.agent.report;

import io.jlockdep.cli.EventSchema;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Limit;
import io.jlockdep.core.Statistics;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Everything that touches {@code jdk.jfr}, so that a runtime without the {@code jdk.jfr} module only fails
 * here (with a {@link LinkageError} that {@link JfrOutput} catches once). Events reach every running
 * recording that enables them (they are enabled by default), not only the reporter's own. They are committed
 * on the reporter thread, except {@code PotentialDeadlock}, which is committed on the acquiring thread when
 * it can be ({@link JfrOutput#commitOnAcquiringThread}), for its stack trace.
 */
final class JfrEvents {
    private static final String PREFIX = "io.jlockdep.";

    private JfrEvents() {
    }

    /** Whether this JVM can record at all. */
    static boolean available() {
        return FlightRecorder.isAvailable();
    }

    /**
     * Whether an event could reach a recording: only once JFR is initialized, which every recording
     * (ours, {@code -XX:StartFlightRecording}, a user's) does. Creating an event before that would
     * initialize JFR for nothing — about a hundred classes and a few hundred ms at exit.
     */
    private static boolean recording() {
        return FlightRecorder.isInitialized();
    }

    /**
     * Starts the reporter's own recording into {@code file} (written by {@link #dump} and {@link #finish}; until
     * the first dump, JFR's own exit dump writes it if {@code finish} never runs): the jlockdep events enabled,
     * every other event type known now disabled.
     */
    static Recording start(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Recording r = new Recording();
        try {
            r.setName("jlockdep");
            for (EventType t : FlightRecorder.getFlightRecorder().getEventTypes()) {
                if (!t.getName().startsWith(PREFIX)) {
                    r.disable(t.getName());
                }
            }
            r.enable(PotentialDeadlockEvent.NAME).withStackTrace().withoutThreshold();
            r.enable(DependencyEdgeEvent.NAME).withoutStackTrace().withoutThreshold();
            r.enable(StatisticsEvent.NAME).withoutStackTrace().withoutThreshold();
            r.setToDisk(true);
            r.setDestination(file);
            r.setDumpOnExit(true);
            r.start();
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Writes what {@code r} holds so far to {@code file} while it keeps running: dumped into {@code tmp} (in
     * the same directory), then moved over {@code file} in one step, so that a reader, or a JVM killed
     * meanwhile, finds the previous file or the new one, never part of one. JFR's own exit dump is turned off
     * first: it would append the whole recording to the file.
     */
    static void dump(Recording r, Path tmp, Path file) throws IOException {
        r.setDumpOnExit(false);
        r.setDestination(null);
        write(r, tmp, file);
    }

    /**
     * Stops {@code r} if it still runs (someone else, {@code jcmd JFR.stop} or JFR's own exit, may have),
     * writes all of it to {@code file} as {@link #dump} does, and releases it.
     */
    static void finish(Recording r, Path tmp, Path file) throws IOException {
        try {
            if (r.getState() == RecordingState.RUNNING) {
                r.setDumpOnExit(false);
                r.setDestination(null);
                try {
                    r.stop();
                } catch (IllegalStateException stoppedMeanwhile) {
                    // what it holds is written all the same
                }
            }
            write(r, tmp, file);
        } finally {
            r.close();
        }
    }

    /** {@code r}'s data into {@code tmp}, then {@code tmp} over {@code file}; no {@code tmp} is left behind. */
    private static void write(Recording r, Path tmp, Path file) throws IOException {
        try {
            r.dump(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure that matters is the one already on its way
            }
        }
    }

    /**
     * Commits a {@code PotentialDeadlock} event on the calling thread, whose stack becomes the event's stack
     * trace (where enabled). {@code report} is asked for only when a recording wants the event. Returns false
     * when no recording could take it yet (JFR not initialized), true when it was committed or is not enabled.
     */
    static boolean potentialDeadlock(Finding f, Supplier<String> report) {
        if (!recording()) {
            return false;
        }
        PotentialDeadlockEvent e = new PotentialDeadlockEvent();
        if (e.isEnabled()) {
            e.cycleId = f.cycleId();
            e.kind = f.kind().id();
            e.lockClasses = f.lockClasses();
            e.length = f.length();
            e.report = report.get();
            e.thread = f.threadName();
            e.acquisitionStack = stackText(f.stack());
            e.evidence = f.evidence().id();
            e.gatedBy = f.gatedBy() == null ? "" : f.gatedBy();
            e.lockOrigins = EventSchema.originLines(f.origins());
            e.commit();
        }
        return true;
    }

    /** Commits one {@code DependencyEdge} event per edge of {@code f}'s cycle. */
    static void cycleEdges(Finding f) {
        int i = 0;
        for (CycleEdge edge : f.edges()) {
            edge(edge, f.cycleId(), i++);
        }
    }

    /** Commits one {@code DependencyEdge} event. */
    static void edge(CycleEdge edge, String cycleId, int index) {
        if (!recording()) {
            return;
        }
        DependencyEdgeEvent e = new DependencyEdgeEvent();
        if (e.isEnabled()) {
            e.cycleId = cycleId;
            e.index = index;
            e.from = edge.from();
            e.to = edge.to();
            e.type = edge.type().name();
            e.thread = edge.thread();
            e.stack = stackText(edge.stack());
            e.origin = edge.origin();
            e.context = edge.context() == null ? "" : edge.context();
            e.commit();
        }
    }

    /** Commits the {@code Statistics} event. */
    static void statistics(Statistics s, long dropped, boolean edgesRecorded) {
        if (!recording()) {
            return;
        }
        StatisticsEvent e = new StatisticsEvent();
        if (e.isEnabled()) {
            e.classes = s.classes();
            e.edges = s.edges();
            e.chains = s.chains();
            e.acquisitions = s.acquisitions();
            e.chainHitRate = s.chainHitRate();
            long limitHits = 0;
            for (Limit l : Limit.values()) {
                limitHits += s.limitHits(l);
            }
            e.limitHits = limitHits;
            // The event's field counts suppressed findings too, as it did when the reporter suppressed them.
            e.findings = s.findings() + s.suppressed();
            e.gated = s.gated();
            e.suppressed = s.suppressed();
            e.dropped = dropped;
            e.edgesRecorded = edgesRecorded;
            e.commit();
        }
    }

    /** A stack as text, one frame per line ({@code \tat frame}), innermost first, no final newline. */
    static String stackText(StackTraceElement[] stack) {
        if (stack == null || stack.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(stack.length * 80);
        for (int i = 0; i < stack.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("\tat ").append(stack[i]);
        }
        return sb.toString();
    }
}
