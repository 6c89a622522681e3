package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import java.util.concurrent.atomic.AtomicInteger;
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
     * A finding; its report is rendered once, when first needed (on the acquiring thread if that thread
     * commits its JFR event, else on the first sink's turn).
     *
     * <p>Who commits its {@code PotentialDeadlock} event is decided once, by whichever side claims it first:
     * the acquiring thread, before queuing it ({@link #claimForAcquiringThread}; it commits only if the item
     * was queued), or the reporter thread when it delivers it. So the event is committed exactly once, and only
     * for a finding that was queued.
     */
    static final class FindingItem extends ReportItem implements Supplier<String> {
        private static final int UNCLAIMED = 0;
        private static final int ACQUIRING_THREAD = 1;
        private static final int REPORTER = 2;

        final Finding finding;
        private volatile String report;
        private final AtomicInteger committer = new AtomicInteger(UNCLAIMED);

        FindingItem(Finding finding) {
            super(false);
            this.finding = finding;
        }

        String report() {
            String r = report;
            if (r == null) {
                r = finding.render(); // both sides may render it once: the same text
                report = r;
            }
            return r;
        }

        /** The report (a supplier, so that the acquiring thread renders it only when JFR wants the event). */
        @Override
        public String get() {
            return report();
        }

        /** Whether the acquiring thread commits the event (else the reporter thread has claimed it). */
        boolean claimForAcquiringThread() {
            return committer.compareAndSet(UNCLAIMED, ACQUIRING_THREAD);
        }

        @Override
        void sendTo(ReportSink sink) {
            committer.compareAndSet(UNCLAIMED, REPORTER); // first sink's turn: the reporter commits, unless claimed
            sink.finding(finding, report(), committer.get() == ACQUIRING_THREAD);
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
