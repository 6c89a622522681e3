package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;

/**
 * What waits in the {@link Reporter}'s queue: one of the three kinds the engine tells its listener, each of
 * which knows which bound it counts against and which sink method receives it.
 */
abstract class ReportItem {
    /** Whether the item counts against the new-edge bound (else the findings-and-notices bound). */
    final boolean edge;

    private ReportItem(boolean edge) {
        this.edge = edge;
    }

    /** Hands the item to {@code sink}. */
    abstract void sendTo(ReportSink sink);

    /** A finding; its report is rendered once, on the first sink's turn. */
    static final class FindingItem extends ReportItem {
        private final Finding finding;
        private String report;

        FindingItem(Finding finding) {
            super(false);
            this.finding = finding;
        }

        @Override
        void sendTo(ReportSink sink) {
            if (report == null) {
                report = finding.render();
            }
            sink.finding(finding, report);
        }
    }

    /** A new dependency edge. */
    static final class EdgeItem extends ReportItem {
        private final CycleEdge cycleEdge;

        EdgeItem(CycleEdge cycleEdge) {
            super(true);
            this.cycleEdge = cycleEdge;
        }

        @Override
        void sendTo(ReportSink sink) {
            sink.edge(cycleEdge);
        }
    }

    /** A limit notice: the line {@code jlockdep: <message>}; it shares the findings' bound. */
    static final class NoticeItem extends ReportItem {
        private final String message;

        NoticeItem(String message) {
            super(false);
            this.message = message;
        }

        @Override
        void sendTo(ReportSink sink) {
            sink.line("jlockdep: " + message);
        }
    }
}
