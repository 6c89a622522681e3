package io.jlockdep.cli.internal.commands;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.Command;
import io.jlockdep.cli.Outcome;
import io.jlockdep.cli.Recording;
import io.jlockdep.cli.Reports;
import io.jlockdep.cli.internal.CliCommand;
import java.util.List;

/** {@code report}: prints the findings of the recordings; exit status 0 unless the input is bad. */
@picocli.CommandLine.Command(name = "report")
public final class Report extends CliCommand {
    private static final String USAGE = """
            Usage: java -jar jlockdep-agent.jar report FILE.jfr... [--format F] [--output FILE]
                   [--source-root DIR]

            Prints the potential deadlocks recorded in the recordings, each once (by cycle id),
            in the lockdep layout, then a summary line. Exit status 0 whatever was found,
            2 on bad input.

            Options:
              --format FORMAT              text (default), json, sarif, junit, dot or html
              --output FILE                write the output to FILE instead of standard output
              --source-root DIR            (sarif, html) a source directory for file locations; repeatable
              -h, --help                   this help
            """;

    @Override
    public Command command() {
        return Command.REPORT;
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    protected Outcome analyse(List<Recording> recordings, Baseline baseline) {
        return Reports.report(recordings);
    }
}
