package io.jlockdep.junit5;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Thrown by {@link JlockdepExtension} after a test (or, for findings outside any test, after a test class)
 * during which the jlockdep agent found new potential deadlocks that the baseline does not accept.
 *
 * <p>Its message is one line, which build tools repeat in their summary of failures:
 * <pre>
 * jlockdep: 1 potential deadlock during this test: circular A -&gt; B -&gt; A (class-only; cycle id 7f4baf92884d54f5)
 * </pre>
 * The reports themselves, in the lockdep layout with framework frames folded ({@link FoldedReport}), are its
 * cause, a {@link Report}: a stack trace print shows them once, right under the failure, and a summary that
 * prints only messages stays one line per failure. Its stack trace is the application's part of the stack of
 * the acquisition that closed the (first) cycle, so an IDE links to that line. If the test had already failed,
 * JUnit adds this error to the test's own failure as a suppressed exception.
 */
public final class PotentialDeadlockFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final List<String> cycleIds;

    private PotentialDeadlockFailure(String message, Report reports, List<String> cycleIds) {
        super(message, reports);
        this.cycleIds = Collections.unmodifiableList(cycleIds);
    }

    /**
     * The failure for {@code findings}, which appeared {@code where}, e.g. {@code "during this test"}.
     *
     * @param where    what the summary line says after "N potential deadlock(s)"
     * @param findings at least one
     */
    static PotentialDeadlockFailure of(String where, List<Reported> findings) {
        int n = findings.size();
        StringBuilder sb = new StringBuilder("jlockdep: ").append(n)
                .append(n == 1 ? " potential deadlock " : " potential deadlocks ").append(where).append(": ");
        List<String> ids = new ArrayList<>(n);
        StringBuilder reports = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Reported f = findings.get(i);
            sb.append(i == 0 ? "" : "; ").append(f.summary());
            ids.add(f.cycleId);
            reports.append(i == 0 ? "" : "\n\n").append(FoldedReport.fold(f.report.stripTrailing()));
        }
        PotentialDeadlockFailure failure = new PotentialDeadlockFailure(sb.toString(), new Report(reports.toString()),
                ids);
        StackTraceElement[] stack = findings.get(0).stack;
        if (stack.length > 0) {
            failure.setStackTrace(FoldedReport.applicationPart(stack));
        }
        return failure;
    }

    /** The cycle ids of the findings this failure reports, in the order found. */
    public List<String> cycleIds() {
        return cycleIds;
    }

    /** The reports of a {@link PotentialDeadlockFailure}'s findings, as its cause; it has no stack trace. */
    public static final class Report extends Throwable {
        private static final long serialVersionUID = 1L;

        Report(String reports) {
            // Starts on its own line after "Caused by: ...Report:", so the report's layout stays intact.
            super("\n" + reports, null, false, false);
        }
    }
}
