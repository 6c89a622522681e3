package io.jlockdep.cli;

/**
 * Bad input: a usage error, an unreadable or unusable file. {@link #getMessage()} is exactly one line
 * without the {@code jlockdep: } prefix, which the command line adds before printing it to standard error
 * and exiting with status 2.
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(Strings.oneLine(message), null, false, false);
    }

    /** A problem with the file the user named {@code name}: {@code "name: what"}. */
    static CliException file(String name, String what) {
        return new CliException(name + ": " + what);
    }
}
