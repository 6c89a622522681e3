package io.jlockdep.junit5;

/**
 * The baseline file ({@code jlockdep-baseline.txt}, or the one {@code jlockdep.baseline} names) is missing,
 * unreadable or malformed: every test class fails with this one-line message, e.g.
 * {@code jlockdep: jlockdep-baseline.txt:3: malformed cycle id 'x' (expected 16 hex digits, as in 'cycle id:
 * 7f4baf92884d54f5')}. It has no stack trace: the message says all there is.
 */
public final class BaselineError extends AssertionError {
    private static final long serialVersionUID = 1L;

    BaselineError(String message) {
        super(message);
        setStackTrace(new StackTraceElement[0]);
    }
}
