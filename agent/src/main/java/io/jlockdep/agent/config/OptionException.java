package io.jlockdep.agent.config;

/**
 * A bad agent option, configuration file or suppression file.
 *
 * <p>{@link #getMessage()} is always exactly one line (control and line-separator characters taken from
 * user input are escaped, e.g. a newline appears as {@code \n}) and carries no {@code jlockdep:} prefix:
 * the agent prints {@code "jlockdep: " + getMessage()} to standard error and exits with status 2.
 */
public final class OptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message, made single-line.
     *
     * @param message what is wrong, naming the option or file and, where there are any, the valid choices
     */
    public OptionException(String message) {
        super(Text.oneLine(message), null, false, false);
    }

    /**
     * Creates an exception with the given message, made single-line, and the underlying cause (kept for
     * debugging; the message alone must explain the problem).
     *
     * @param message what is wrong
     * @param cause   the underlying exception, may be null
     */
    public OptionException(String message, Throwable cause) {
        super(Text.oneLine(message), cause, false, false);
    }
}
