package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Statistics;

/**
 * One output of the {@link Reporter} (log, JFR, graph dump, exit summary), after JaCoCo's
 * {@code IAgentOutput}: {@link #check} at agent start, {@link #startup}, then what the reporter hands it
 * (with {@link #flush} in between), then {@link #shutdown} at exit, once. The reporter calls it from one
 * thread at a time (its own, or {@code finish}'s caller when that takes over), never inside the program's
 * lock operations.
 *
 * <p>A sink owns its file: it checks it, opens it and closes it itself. It never throws out of
 * {@code startup}, the report methods or {@code shutdown} on purpose: a problem becomes a line on
 * {@link Lines} ({@code jlockdep: ...}) and the other sinks carry on (the reporter also catches what
 * escapes, per sink).
 */
interface ReportSink {
    /**
     * Synchronously at agent start, before anything runs: whether the sink's file can be written (missing
     * parent directories are created here).
     *
     * @throws OutputFileException with the one-line message that stops the agent
     */
    void check();

    /** Opens the output; problems go to {@code lines}. */
    void startup(Lines lines);

    /** A finding to report, with its rendered report ({@link Finding#render()}). */
    void finding(Finding finding, String report);

    /**
     * A finding to report; {@code eventCommitted} when its JFR {@code PotentialDeadlock} event is committed by
     * the acquiring thread ({@link JfrOutput#commitOnAcquiringThread}), not here. Only the JFR sink cares.
     */
    default void finding(Finding finding, String report, boolean eventCommitted) {
        finding(finding, report);
    }

    /** A new dependency edge (only with {@link ReportSettings#edges()}). */
    void edge(CycleEdge edge);

    /** A line for the human reader: a limit notice, another sink's problem, the exit summary. */
    void line(String line);

    /**
     * On the reporter thread, after each batch of items and at least every 200 ms while it runs (never after
     * exit has begun): a chance to make what was reported so far durable, at the sink's own pace. The JFR sink
     * brings its file up to date here; the default does nothing.
     */
    default void flush(Lines lines) {
        // most outputs are written as items come, or only at exit
    }

    /** Writes what is due at exit and closes the output; problems go to {@code lines}. */
    void shutdown(Exit exit, Lines lines);

    /** Where a sink sends a line for the human reader (to every sink; the log writes it). */
    interface Lines {
        /** Sends {@code line} (one line, no line end). */
        void line(String line);
    }

    /** What is known at exit: the reporter's counts and, through its host, the engine's statistics and graph. */
    final class Exit {
        private final Reporter.Host host;
        private final Statistics statistics;
        private final long droppedFindings;
        private final long droppedEdges;

        Exit(Reporter.Host host, long droppedFindings, long droppedEdges) {
            this.host = host;
            Statistics s = null;
            if (host != null) {
                try {
                    s = host.statistics();
                } catch (Throwable ignored) {
                    // no statistics event, no suppressed count
                }
            }
            this.statistics = s;
            this.droppedFindings = droppedFindings;
            this.droppedEdges = droppedEdges;
        }

        /** The engine's final statistics, or null (no host, or it failed). */
        Statistics statistics() {
            return statistics;
        }

        /**
         * The learned graph, taken now (only the dump asks for it); null without a host.
         *
         * @throws RuntimeException if the host fails to take it
         */
        GraphSnapshot snapshot() {
            return host == null ? null : host.snapshot();
        }

        /** Findings and limit notices dropped (queue full, too late, reporter thread stuck). */
        long droppedFindings() {
            return droppedFindings;
        }

        /** New edges dropped. */
        long droppedEdges() {
            return droppedEdges;
        }
    }
}
