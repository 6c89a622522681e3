package io.jlockdep.cli;

/**
 * {@code --format junit}: JUnit XML as Jenkins, GitLab and most CI servers read it. One suite
 * {@code jlockdep}; one failed test case per finding (named by kind and lock classes, the report as the
 * failure's text), one skipped test case per finding the baseline accepted, and a single passing test case
 * when there is nothing to report.
 */
final class JunitOutput {
    private JunitOutput() {
    }

    static String render(Outcome o) {
        int failures = o.findings.size();
        int skipped = o.accepted.size();
        int tests = failures + skipped;
        if (tests == 0) {
            tests = 1;
        }
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped
                + "\" time=\"0\"";
        sb.append("<testsuites name=\"jlockdep\"").append(counts).append(">\n");
        sb.append("  <testsuite name=\"jlockdep\"").append(counts).append(">\n");
        sb.append("    <properties>\n");
        property(sb, "command", o.command.id());
        for (String r : o.recordingNames()) {
            property(sb, "recording", r);
        }
        if (o.baselineName != null) {
            property(sb, "baseline", o.baselineName);
        }
        sb.append("    </properties>\n");
        for (FindingRecord f : o.findings) {
            testcase(sb, f);
            String evidence = f.evidenceText();
            sb.append("      <failure message=\"").append(Xml.escape(Strings.oneLine(f.headline() + " [cycle id "
                    + f.cycleId + (evidence == null ? "" : "; evidence: " + evidence) + "]"), true)).append("\" type=\"").append(Xml.escape(f.kind, true)).append("\">");
            sb.append(Xml.escape(f.reportText() + recordingsLine(f), false));
            sb.append("</failure>\n");
            sb.append("    </testcase>\n");
        }
        for (FindingRecord f : o.accepted) {
            testcase(sb, f);
            sb.append("      <skipped message=\"").append(Xml.escape("accepted by baseline " + o.baselineName, true))
                    .append("\"/>\n");
            sb.append("    </testcase>\n");
        }
        if (o.findings.isEmpty() && o.accepted.isEmpty()) {
            sb.append("    <testcase classname=\"jlockdep\" name=\"")
                    .append(Xml.escape(o.merge() ? "no potential deadlocks across recordings" : "no potential deadlocks",
                            true))
                    .append("\" time=\"0\"/>\n");
        }
        sb.append("    <system-out>").append(Xml.escape(o.summary() + "\n", false)).append("</system-out>\n");
        sb.append("  </testsuite>\n");
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private static void testcase(StringBuilder sb, FindingRecord f) {
        String name = (f.merged ? f.kind + " across recordings: " : f.kind + ": ") + f.lockClasses;
        sb.append("    <testcase classname=\"jlockdep.").append(Xml.escape(f.kind, true)).append("\" name=\"")
                .append(Xml.escape(Strings.oneLine(name), true)).append("\" time=\"0\">\n");
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(Xml.escape(name, true)).append("\" value=\"")
                .append(Xml.escape(value, true)).append("\"/>\n");
    }

    private static String recordingsLine(FindingRecord f) {
        return "recordings: " + String.join(", ", f.recordings()) + "\n";
    }
}
