package io.jlockdep.cli.internal.commands;

import io.jlockdep.cli.internal.CliCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --baseline} and {@code --write-baseline}: the options of the commands that fail on findings. */
final class BaselineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    String baseline;

    String writeBaseline;

    @Option(names = "--baseline")
    void baseline(String value) {
        baseline = ((CliCommand) mixee.userObject()).value("--baseline", value);
    }

    @Option(names = "--write-baseline")
    void writeBaseline(String value) {
        writeBaseline = ((CliCommand) mixee.userObject()).value("--write-baseline", value);
    }
}
