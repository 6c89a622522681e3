package io.jlockdep.cli.internal.commands;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.CliException;
import io.jlockdep.cli.Command;
import io.jlockdep.cli.Outcome;
import io.jlockdep.cli.Recording;
import io.jlockdep.cli.Reports;
import java.util.List;

/**
 * {@code merge}: the cycles only the union of several recordings' dependency edges shows ({@code edges=on});
 * exit status as {@code check}.
 */
@picocli.CommandLine.Command(name = "merge")
public final class Merge extends BaselineCommand {
    private static final String USAGE = """
            Usage: java -jar jlockdep-agent.jar merge FILE.jfr... [--baseline FILE] [--write-baseline FILE]
                   [--format F] [--output FILE] [--source-root DIR]

            Unions the dependency edges of recordings made with the agent option edges=on
            (by lock class name), searches the union for cycles with the engine, and reports
            the cycles no single recording shows: e.g. A then B in one test JVM, B then A
            in another. Each edge is shown with the recording, thread, stack and context
            where it was first seen. Cycles a single recording already reports are left to
            check. Exit status as check: 1 when such a cycle is found and not accepted by
            the baseline, 0 when clean, 2 on bad input (also: a recording without edges).

            Options:
            """ + OPTIONS + "\n" + EXIT;

    @Override
    public Command command() {
        return Command.MERGE;
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    protected Outcome analyse(List<Recording> recordings, Baseline baseline) throws CliException {
        return Reports.merge(recordings, baseline);
    }
}
