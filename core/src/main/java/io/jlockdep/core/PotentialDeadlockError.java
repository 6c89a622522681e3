package io.jlockdep.core;

/**
 * Thrown, when the user asks for it ({@code onCycle=throw}), in the thread whose acquisition would close a
 * potential deadlock, before that thread takes the lock. It is an {@link Error} so that ordinary
 * {@code catch (Exception e)} blocks in the program do not swallow it; the finding is attached.
 */
public final class PotentialDeadlockError extends Error {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    /** An error for {@code finding}; the message is its headline, kind, cycle and cycle id. */
    public PotentialDeadlockError(Finding finding) {
        super(message(finding));
        this.finding = finding;
    }

    /** The finding this acquisition produced (null after deserialisation). */
    public Finding finding() {
        return finding;
    }

    private static String message(Finding f) {
        if (f == null) {
            return "potential deadlock";
        }
        // the message ends up in stack traces on a terminal: names escaped as in reports
        return "potential deadlock (" + f.kind().id() + "): " + HumanText.escape(f.lockClasses()) + " [cycle id "
                + f.cycleId() + "]";
    }
}
