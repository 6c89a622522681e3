package io.jlockdep.agent.report;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Statistics;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exit summary sink: counts the findings reported and, at exit, sends one line when anything was
 * reported or dropped, e.g. {@code jlockdep: 2 potential deadlocks reported (cycle ids: a, b); 1 suppressed;
 * dropped (queue full or too late): 0 findings or notices, 3 edges}. The suppressed and gated counts are the
 * engine's; gated findings alone also make the line appear, since nothing else would tell of them.
 * It receives each finding after the sinks that write it, so its count means "reported".
 */
final class ExitSummary implements ReportSink {
    /** Cycle ids listed in the summary; further ones are counted. */
    private static final int MAX_LISTED_IDS = 20;

    private final AtomicInteger reported = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> listedIds = new ConcurrentLinkedQueue<String>();

    /** Findings reported so far. */
    int reported() {
        return reported.get();
    }

    @Override
    public void check() {
        // no file of its own
    }

    @Override
    public void startup(Lines lines) {
        // nothing to open
    }

    @Override
    public void finding(Finding finding, String report) {
        if (reported.incrementAndGet() <= MAX_LISTED_IDS) {
            listedIds.add(finding.cycleId());
        }
    }

    @Override
    public void edge(CycleEdge edge) {
        // edges are counted only when dropped
    }

    @Override
    public void line(String line) {
        // lines are for the log
    }

    @Override
    public void shutdown(Exit exit, Lines lines) {
        String summary = text(exit);
        if (summary != null) {
            lines.line(summary);
        }
    }

    /** The summary line, or null when nothing was reported or dropped. */
    String text(Exit exit) {
        int n = reported.get();
        long lostFindings = exit.droppedFindings();
        long lostEdges = exit.droppedEdges();
        Statistics stats = exit.statistics();
        long gated = stats == null ? 0 : stats.gated();
        if (n == 0 && lostFindings == 0 && lostEdges == 0 && gated == 0) {
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
        long s = stats == null ? 0 : stats.suppressed();
        if (s > 0) {
            sb.append("; ").append(s).append(" suppressed");
        }
        if (gated > 0) {
            sb.append("; ").append(gated).append(" gated by a lock held on every edge (not reported; gated=report shows")
                    .append(gated == 1 ? " it)" : " them)");
        }
        if (lostFindings > 0 || lostEdges > 0) {
            sb.append("; dropped (queue full or too late): ").append(lostFindings)
                    .append(lostFindings == 1 ? " finding or notice, " : " findings or notices, ")
                    .append(lostEdges).append(lostEdges == 1 ? " edge" : " edges");
        }
        return sb.toString();
    }
}
