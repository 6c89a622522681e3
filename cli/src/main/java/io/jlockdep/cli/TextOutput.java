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
            sb.append(f.reportText());
            List<String> recs = f.recordings();
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
}
