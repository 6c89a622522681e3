package io.jlockdep.maven;

import io.jlockdep.cli.FindingRecord;
import io.jlockdep.cli.Outcome;
import io.jlockdep.core.HumanText;
import java.util.List;

/**
 * The text {@code check} fails the build with: short, since Maven prints it once in its error summary and the full
 * reports are in the test output and the HTML page. One line per finding (headline, cycle id) and one naming the
 * tests that took its orders, then where the report is and how to accept a finding. Names from the recordings are
 * escaped ({@link HumanText}), so a thread or class name cannot forge lines.
 */
final class CheckSummary {
    /** Findings listed in full; the rest are counted. */
    static final int LISTED = 20;

    private CheckSummary() {
    }

    /**
     * @param report the HTML report's name, or null when none was written
     * @param baseline the baseline file's name (where accepting ids go)
     */
    static String failure(Outcome outcome, String report, String baseline) {
        StringBuilder sb = new StringBuilder("jlockdep: ").append(outcome.summary());
        List<FindingRecord> findings = outcome.findings();
        for (int i = 0; i < findings.size() && i < LISTED; i++) {
            FindingRecord f = findings.get(i);
            sb.append("\n  ").append(HumanText.escape(f.headline()))
                    .append("\n    cycle id ").append(HumanText.escape(f.cycleId()));
            List<String> where = f.takenIn();
            if (!where.isEmpty()) {
                sb.append("; taken in ").append(HumanText.escape(String.join(", ", where)));
            }
        }
        if (findings.size() > LISTED) {
            sb.append("\n  and ").append(findings.size() - LISTED).append(" more");
        }
        sb.append(report != null ? "\n  report: " + report : "\n  (the report goal writes them as an HTML page)");
        sb.append("\n  accepted findings: their cycle ids, one per line, in ").append(baseline);
        return sb.toString();
    }

    /** The warning about baseline ids no finding has any more, or null. */
    static String staleLine(Outcome outcome, String baseline) {
        List<String> stale = outcome.stale();
        if (stale.isEmpty()) {
            return null;
        }
        return "jlockdep: " + baseline + ": " + stale.size() + (stale.size() == 1 ? " id" : " ids")
                + " no longer found (the deadlock was fixed? remove the line): " + String.join(", ", stale);
    }
}
