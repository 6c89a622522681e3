package io.jlockdep.cli.internal.commands;

import io.jlockdep.cli.internal.CliCommand;
import picocli.CommandLine.Option;

/** The commands that fail on findings ({@code check}, {@code merge}): they take {@code --baseline} and {@code --write-baseline}. */
abstract class BaselineCommand extends CliCommand {
    private String baseline;
    private String writeBaseline;

    @Option(names = "--baseline")
    void baseline(String value) {
        baseline = value("--baseline", value);
    }

    @Option(names = "--write-baseline")
    void writeBaseline(String value) {
        writeBaseline = value("--write-baseline", value);
    }

    @Override
    protected final String baseline() {
        return baseline;
    }

    @Override
    protected final String writeBaseline() {
        return writeBaseline;
    }
}
