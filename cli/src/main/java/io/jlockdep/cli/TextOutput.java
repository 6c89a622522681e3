package io.jlockdep.cli;

import java.util.List;

/**
 * {@code --format text}: each finding's report in the lockdep layout (once per cycle id, with the
 * recordings that had it when there are several), then the stale-baseline line and the summary line.
 */
final class TextOutput {
    private TextOutput() {
    }

    static String render(Outcome o) {
        StringBuilder sb = new StringBuilder(4096);
        for (FindingRecord f : o.findings) {
            // A recording carries the report as its agent rendered it (names escaped by this version's engine);
            // anything else that could drive a terminal is escaped here.
            sb.append(Strings.lines(f.reportText()));
            List<String> recs = oneLine(f.recordings());
            if (f.merged) {
                sb.append("from ").append(Strings.count(recs.size(), "recording", "recordings")).append(": ")
                        .append(String.join(", ", recs)).append('\n');
            } else if (o.recordings.size() > 1) {
                sb.append("found in ").append(recs.size() == 1 ? "" : recs.size() + " recordings: ")
                        .append(String.join(", ", recs)).append('\n');
            }
            sb.append('\n');
        }
        String stale = o.staleLine();
        if (stale != null) {
            sb.append(stale).append('\n');
        }
        sb.append(o.summary()).append('\n');
        return sb.toString();
    }

    private static List<String> oneLine(List<String> names) {
        List<String> out = new java.util.ArrayList<>(names.size());
        for (String n : names) {
            out.add(Strings.oneLine(n));
        }
        return out;
    }
}
