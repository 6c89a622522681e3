package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import java.util.function.Supplier;

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

    /**
     * A finding; its report is rendered once, when first needed (on the acquiring thread if its JFR event was
     * committed there, else on the first sink's turn).
     */
    static final class FindingItem extends ReportItem implements Supplier<String> {
        final Finding finding;
        private String report;
        /** Its {@code PotentialDeadlock} event was committed on the acquiring thread, before it was queued. */
        boolean eventCommitted;

        FindingItem(Finding finding) {
            super(false);
            this.finding = finding;
        }

        String report() {
            if (report == null) {
                report = finding.render();
            }
            return report;
        }

        /** The report (a supplier, so that the acquiring thread renders it only when JFR wants the event). */
        @Override
        public String get() {
            return report();
        }

        @Override
        void sendTo(ReportSink sink) {
            sink.finding(finding, report(), eventCommitted);
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
