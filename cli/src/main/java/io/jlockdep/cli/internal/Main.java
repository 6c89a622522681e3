package io.jlockdep.cli.internal;

import io.jlockdep.cli.CliException;
import io.jlockdep.cli.Command;
import io.jlockdep.cli.Version;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * {@code java -jar jlockdep-agent.jar COMMAND …}: the launcher calls {@link #run(String[])} and exits with
 * the status it returns. Exit status: 0 clean (and {@code report} whatever it found), 1 potential
 * deadlocks found that the baseline does not accept ({@code check}, {@code merge}), 2 bad input — with
 * exactly one {@code jlockdep: …} line on standard error and no stack trace. The first argument picks the
 * command ({@link CliCommand}) or asks for help or the version; the command parses the rest.
 */
public final class Main {
    /** Exit status: nothing (new) found, or {@code report}. */
    static final int CLEAN = 0;
    /** Exit status: bad input. */
    static final int BAD_INPUT = 2;

    /** The tool's help ({@code --help}; on standard error when no argument is given). */
    public static final String USAGE = """
            Usage: java -jar jlockdep-agent.jar COMMAND FILE.jfr... [OPTIONS]

            Reads JFR recordings made by the jlockdep agent (-javaagent:jlockdep-agent.jar=jfr=FILE)
            and prints the potential deadlocks found in them.

            Commands:
              report FILE.jfr...   print the findings of the recordings (exit 0 unless the input is bad)
              check FILE.jfr...    print them and exit 1 when there are any not accepted by --baseline
              merge FILE.jfr...    union the dependency edges of recordings made with edges=on and report
                                   the cycles only the union shows (A->B in one JVM, B->A in another)

            Options:
            """ + CliCommand.OPTIONS + """
              --version                    print the version

            A directory argument stands for the *.jfr files in it. The same finding in many
            recordings (cycle id) is reported once, with the recordings that had it.

            """ + CliCommand.EXIT + """

            'java -jar jlockdep-agent.jar COMMAND --help' tells more; docs/cli.md describes the formats.
            """;

    private Main() {
    }

    /** Runs the command line with the process's standard streams and working directory; returns the exit status. */
    public static int run(String[] args) {
        return run(args, System.out, System.err, Paths.get("").toAbsolutePath());
    }

    /** Runs the command line; file arguments are resolved against {@code workDir}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Path workDir) {
        try {
            return execute(args == null ? new String[0] : args, out, err, workDir);
        } catch (CliException e) {
            error(err, e.getMessage());
            return BAD_INPUT;
        } catch (OutOfMemoryError e) {
            error(err, "out of memory; give the JVM more heap (java -Xmx... -jar jlockdep-agent.jar)");
            return BAD_INPUT;
        } catch (Throwable t) {
            error(err, "internal error: " + String.valueOf(t));
            return BAD_INPUT;
        }
    }

    /** The help of {@code command} ({@code COMMAND --help}, {@code help COMMAND}). */
    public static String usage(Command command) {
        return CliCommand.of(command).usage();
    }

    private static void error(PrintStream err, String message) {
        // CliException's message is one line already; others (internal errors) are escaped here
        err.print("jlockdep: " + new CliException(message).getMessage() + "\n");
        err.flush();
    }

    private static int execute(String[] args, PrintStream out, PrintStream err, Path workDir) throws CliException {
        if (args.length == 0) {
            print(err, USAGE);
            return BAD_INPUT;
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            Command command = args.length > 1 ? Command.of(args[1]) : null;
            if (command != null) {
                print(out, usage(command));
            } else if (args.length > 1) {
                throw new CliException("unknown command '" + args[1] + "' (commands: report, check, merge)");
            } else {
                print(out, USAGE);
            }
            return CLEAN;
        }
        if (first.equals("--version") || first.equals("-V")) {
            print(out, Version.NAME + " " + Version.version() + "\n");
            return CLEAN;
        }
        Command command = Command.of(first);
        if (command == null) {
            if (first.startsWith("-")) {
                throw new CliException("unknown option '" + first
                        + "' (the command comes first: report, check or merge; see --help)");
            }
            throw new CliException("unknown command '" + first + "' (commands: report, check, merge; see --help)");
        }
        CliCommand c = CliCommand.parse(command, Arrays.asList(args).subList(1, args.length));
        if (c.helpRequested()) {
            print(out, c.usageMessage());
            return CLEAN;
        }
        return c.run(workDir, out);
    }

    static void print(PrintStream ps, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ps.write(b, 0, b.length);
        ps.flush();
    }
}
