package io.jlockdep.agent.config;

import java.nio.file.Path;

/**
 * An output file option as the user gave it ({@code jfr}, {@code dump}, {@code log}): the output that writes
 * the file checks it when it starts, and its error messages quote the option, the text given and where it
 * was given, as the option parser's own messages do.
 */
public final class OutputFile {
    private final String option;
    private final Path path;
    private final String given;
    private final String origin;

    /**
     * @param option the option's key, e.g. {@code jfr}
     * @param path   the absolute, normalized path
     * @param given  the value as given (before {@code %p}/{@code %t} expansion: what the user typed)
     * @param origin the message prefix of the source: {@code ""} for the command line, {@code config file 'F': }
     */
    public OutputFile(String option, Path path, String given, String origin) {
        this.option = option;
        this.path = path;
        this.given = given;
        this.origin = origin;
    }

    /** The option's key, e.g. {@code jfr}. */
    public String option() {
        return option;
    }

    /** The absolute, normalized path. */
    public Path path() {
        return path;
    }

    /** The value as the user gave it. */
    public String given() {
        return given;
    }

    /** The prefix for messages about this value: {@code ""} or {@code config file 'F': }. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return option + "=" + path;
    }
}
