package io.jlockdep.cli.internal.commands;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.Command;
import io.jlockdep.cli.Outcome;
import io.jlockdep.cli.Recording;
import io.jlockdep.cli.Reports;
import java.util.List;

/** {@code check}: as {@code report}, for CI: exit status 1 for findings the baseline does not accept. */
@picocli.CommandLine.Command(name = "check")
public final class Check extends BaselineCommand {
    private static final String USAGE = """
            Usage: java -jar jlockdep-agent.jar check FILE.jfr... [--baseline FILE] [--write-baseline FILE]
                   [--format F] [--output FILE] [--source-root DIR]

            As report, for CI: exit status 1 when a potential deadlock was found that the
            baseline does not accept, 0 when clean, 2 on bad input.

            A baseline file lists accepted cycle ids, one per line; '#' starts a comment and
            anything after the id is ignored. Ids in the baseline that no longer occur are
            listed as stale (not an error). --write-baseline writes the current findings'
            ids (with '# kind lock classes' comments) and exits 0: the first baseline of a CI job.

            Options:
            """ + OPTIONS + "\n" + EXIT;

    @Override
    public Command command() {
        return Command.CHECK;
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    protected Outcome analyse(List<Recording> recordings, Baseline baseline) {
        return Reports.check(recordings, baseline);
    }
}
