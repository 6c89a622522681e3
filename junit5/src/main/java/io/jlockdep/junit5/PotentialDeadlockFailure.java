package io.jlockdep.junit5;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Thrown by {@link JlockdepExtension} after a test (or, for findings outside any test, after a test class)
 * during which the jlockdep agent found new potential deadlocks.
 *
 * <p>The message is one summary line followed by each finding's full report in the lockdep layout:
 * <pre>
 * jlockdep: 1 potential deadlock during this test: circular A -&gt; B -&gt; A (class-only; cycle id 7f4baf92884d54f5)
 *
 * ======================================================
 * WARNING: possible circular locking dependency detected
 * …
 * </pre>
 * Its stack trace is that of the acquisition that closed the (first) cycle, so an IDE links to that line.
 * If the test had already failed, JUnit adds this error to the test's own failure as a suppressed exception.
 */
public final class PotentialDeadlockFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final List<String> cycleIds;

    private PotentialDeadlockFailure(String message, List<String> cycleIds) {
        super(message);
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
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "; ").append(findings.get(i).summary());
            ids.add(findings.get(i).cycleId);
        }
        for (Reported f : findings) {
            sb.append("\n\n").append(f.report.stripTrailing());
        }
        PotentialDeadlockFailure failure = new PotentialDeadlockFailure(sb.toString(), ids);
        StackTraceElement[] stack = findings.get(0).stack;
        if (stack.length > 0) {
            failure.setStackTrace(stack);
        }
        return failure;
    }

    /** The cycle ids of the findings this failure reports, in the order found. */
    public List<String> cycleIds() {
        return cycleIds;
    }
}
