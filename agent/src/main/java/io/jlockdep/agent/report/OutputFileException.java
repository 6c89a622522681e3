package io.jlockdep.agent.report;

/** An output file the agent cannot write; its message is the one line the agent stops with. */
public final class OutputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the one-line {@code message}. */
    public OutputFileException(String message) {
        super(message);
    }
}
