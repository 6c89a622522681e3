package io.jlockdep.cli.internal;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.CliException;
import io.jlockdep.cli.Command;
import io.jlockdep.cli.Format;
import io.jlockdep.cli.Outcome;
import io.jlockdep.cli.Recording;
import io.jlockdep.cli.Reports;
import io.jlockdep.cli.SourceLocator;
import io.jlockdep.cli.internal.commands.Check;
import io.jlockdep.cli.internal.commands.Merge;
import io.jlockdep.cli.internal.commands.Report;
import io.jlockdep.core.HumanText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One command of the tool, {@code COMMAND [OPTIONS] FILE.jfr…}: its options, declared for picocli, its help
 * text, and its run, a thin layer over {@link Reports}. Options and files may be mixed; {@code --name=value}
 * and {@code --name value} are the same; {@code --} ends the options; an option given twice, a missing or bad
 * value and an unknown option are usage errors, reported as one {@code COMMAND: …} line (picocli's own
 * messages are mapped to the tool's).
 */
public abstract class CliCommand {
    /** The options of {@code check} and {@code merge}, in their help and the tool's. */
    protected static final String OPTIONS = """
              --format FORMAT              text (default), json, sarif, junit, dot or html
              --output FILE                write the output to FILE instead of standard output
              --baseline FILE              (check, merge) accept the cycle ids listed in FILE
              --write-baseline FILE        (check, merge) write the current findings' ids to FILE; exit 0
              --source-root DIR            (sarif, html) a source directory for file locations; repeatable
                                           (default: src/{main,test}/java here and in subdirectories)
              -h, --help                   this help
            """;

    /** The exit statuses, in the help of {@code check}, {@code merge} and the tool. */
    protected static final String EXIT = """
            Exit status: 0 clean (report: always, unless the input is bad), 1 potential deadlocks
            found that the baseline does not accept (check, merge), 2 bad input (usage, unreadable,
            empty, truncated or non-JFR file, no jlockdep events, bad baseline).
            """;

    /** What each option's value is, for "needs a value" messages. */
    private static final Map<String, String> VALUES = Map.of(
            "--format", "(" + Format.CHOICES + ")",
            "--output", "(a file name)",
            "--baseline", "(a file name)",
            "--write-baseline", "(a file name)",
            "--source-root", "(a directory)");

    @Spec
    CommandSpec spec;

    /** Any number of times; acted on only after a parse without usage errors, as the tool always did. */
    @Option(names = {"-h", "--help"})
    boolean[] help = new boolean[0];

    private Format format;

    private String output;

    @Option(names = "--source-root")
    List<String> sourceRoots = new ArrayList<>();

    @Parameters
    List<String> files = new ArrayList<>();

    /** The command as the API names it. */
    public abstract Command command();

    /** The help text ({@code COMMAND --help}). */
    public abstract String usage();

    /** What the command finds in the recordings. */
    protected abstract Outcome analyse(List<Recording> recordings, Baseline baseline) throws CliException;

    /** {@code --baseline}, or null. */
    protected String baseline() {
        return null;
    }

    /** {@code --write-baseline}, or null. */
    protected String writeBaseline() {
        return null;
    }

    @Option(names = "--format")
    void format(String value) {
        Format f = Format.of(value("--format", value));
        if (f == null) {
            throw new ParameterException(spec.commandLine(), "unknown format '" + value + "' (valid: "
                    + Format.CHOICES + ")");
        }
        format = f;
    }

    @Option(names = "--output")
    void output(String value) {
        output = value("--output", value);
    }

    /** The value given to option {@code name}: not empty, and not a {@code --name} (an option without its value). */
    public String value(String name, String value) {
        if (value.isEmpty() || value.startsWith("--")) {
            throw new ParameterException(spec.commandLine(), needsValue(name));
        }
        return value;
    }

    private static String needsValue(String name) {
        return name + " needs a value " + VALUES.getOrDefault(name, "");
    }

    /** A new, unparsed instance of {@code command}. */
    public static CliCommand of(Command command) {
        return switch (command) {
            case REPORT -> new Report();
            case CHECK -> new Check();
            case MERGE -> new Merge();
        };
    }

    /**
     * Parses the arguments after the command name.
     *
     * @throws CliException for an unknown or repeated option, a missing or bad value, or no files (unless
     *                      {@code --help} was given)
     */
    public static CliCommand parse(Command command, List<String> args) throws CliException {
        CliCommand c = of(command);
        CommandLine line = new CommandLine(c)
                .setExpandAtFiles(false)
                .setPosixClusteredShortOptionsAllowed(false)
                .setOverwrittenOptionsAllowed(false)
                // the argument after an option is its value, whatever it looks like; value() rejects --names
                .setAllowOptionsAsOptionParameters(true);
        // picocli prints the tool's own help text
        line.getHelpSectionMap().put("jlockdep", help -> c.usage());
        line.setHelpSectionKeys(List.of("jlockdep"));
        String cmd = command.id();
        try {
            line.parseArgs(args.toArray(new String[0]));
        } catch (ParameterException e) {
            throw new CliException(cmd + ": " + message(c, e));
        }
        for (String root : c.sourceRoots) {
            if (root.isEmpty() || root.startsWith("--")) {
                throw new CliException(cmd + ": " + needsValue("--source-root"));
            }
        }
        if (!c.helpRequested() && c.files.isEmpty()) {
            throw new CliException(cmd + ": no recordings given (usage: java -jar jlockdep-agent.jar " + cmd
                    + " FILE.jfr... [options]; see --help)");
        }
        return c;
    }

    /** The tool's message for a picocli usage error (ours, thrown by the option methods, as is). */
    private static String message(CliCommand c, ParameterException e) {
        if (e instanceof OverwrittenOptionException o) {
            return name(o.getOverwritten()) + " given twice";
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            return needsValue(name(m.getMissing().get(0)));
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!c.command().takesBaseline() && (name.equals("--baseline") || name.equals("--write-baseline"))) {
                return name + " belongs to check and merge (report never fails on findings)";
            }
            return "unknown option '" + arg + "' (see 'java -jar jlockdep-agent.jar " + c.command().id() + " --help')";
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
    }

    /** Whether {@code -h} or {@code --help} was given. */
    public boolean helpRequested() {
        return help.length > 0;
    }

    /** The help text, as picocli renders it (the tool's own text). */
    public String usageMessage() {
        return spec.commandLine().getUsageMessage();
    }

    /** {@code --format}; text unless given. */
    public Format format() {
        return format == null ? Format.TEXT : format;
    }

    /** {@code --output}, or null. */
    public String output() {
        return output;
    }

    /** The {@code --source-root}s, in order. */
    public List<String> sourceRoots() {
        return List.copyOf(sourceRoots);
    }

    /** The recordings (files and directories) as given. */
    public List<String> files() {
        return List.copyOf(files);
    }

    /**
     * Runs the parsed command: reads the recordings, analyses them, prints the outcome to {@code out} (or writes
     * it to {@code --output}) and writes {@code --write-baseline}; file names are resolved against
     * {@code workDir}. Returns the exit status: 0 after {@code --write-baseline}, else {@link Outcome#exitCode()}.
     */
    public int run(Path workDir, PrintStream out) throws CliException {
        SourceLocator sources = SourceLocator.create(sourceRoots, workDir);
        Baseline base = baseline() == null ? null : Baseline.read(baseline(), workDir.resolve(baseline()));
        List<Recording> recordings = Reports.read(files, workDir);
        Outcome outcome = analyse(recordings, base);
        String text = Reports.render(outcome, format(), sources);
        String writeBaseline = writeBaseline();
        if (writeBaseline != null) {
            write(writeBaseline, workDir.resolve(writeBaseline), Reports.baseline(outcome));
            if (format() == Format.TEXT) {
                int n = outcome.all().size();
                text = text + "wrote " + n + (n == 1 ? " cycle id" : " cycle ids") + " to baseline "
                        + HumanText.escape(writeBaseline) + "\n";
            }
        }
        if (output != null) {
            write(output, workDir.resolve(output), text);
        } else {
            Main.print(out, text);
        }
        return writeBaseline != null ? Main.CLEAN : outcome.exitCode();
    }

    private static void write(String name, Path file, String text) throws CliException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (AccessDeniedException e) {
            throw new CliException(name + ": cannot write (permission denied)");
        } catch (IOException e) {
            throw new CliException(name + ": cannot write (" + e + ")");
        }
    }
}
