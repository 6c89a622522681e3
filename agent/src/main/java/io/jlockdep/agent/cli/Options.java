package io.jlockdep.agent.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parsed command line of one command: {@code COMMAND [OPTIONS] FILE.jfr…}. Options and files may be
 * mixed; {@code --name=value} and {@code --name value} are the same; {@code --} ends the options.
 */
final class Options {
    final Command command;
    final boolean help;
    final Format format;
    final String output;
    final String baseline;
    final String writeBaseline;
    final List<String> sourceRoots;
    final List<String> files;

    private Options(Command command, boolean help, Format format, String output, String baseline,
                    String writeBaseline, List<String> sourceRoots, List<String> files) {
        this.command = command;
        this.help = help;
        this.format = format;
        this.output = output;
        this.baseline = baseline;
        this.writeBaseline = writeBaseline;
        this.sourceRoots = Collections.unmodifiableList(sourceRoots);
        this.files = Collections.unmodifiableList(files);
    }

    /**
     * Parses the arguments after the command name.
     *
     * @throws CliException for an unknown or repeated option, a missing or bad value, or no files
     */
    static Options parse(Command command, List<String> args) throws CliException {
        String cmd = command.id();
        boolean help = false;
        Format format = null;
        String output = null;
        String baseline = null;
        String writeBaseline = null;
        List<String> roots = new ArrayList<>();
        List<String> files = new ArrayList<>();
        boolean optionsDone = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsDone || !a.startsWith("-") || a.equals("-")) {
                files.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsDone = true;
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                help = true;
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--format": {
                    value = value(cmd, name, value, args, i, "(" + Format.CHOICES + ")");
                    i = next(a, i);
                    if (format != null) {
                        throw repeated(cmd, name);
                    }
                    format = Format.of(value);
                    if (format == null) {
                        throw new CliException(cmd + ": unknown format '" + value + "' (valid: " + Format.CHOICES + ")");
                    }
                    break;
                }
                case "--output":
                    value = value(cmd, name, value, args, i, "(a file name)");
                    i = next(a, i);
                    if (output != null) {
                        throw repeated(cmd, name);
                    }
                    output = value;
                    break;
                case "--baseline":
                case "--write-baseline":
                    if (!command.takesBaseline()) {
                        throw new CliException(cmd + ": " + name + " belongs to check and merge (report never fails on findings)");
                    }
                    value = value(cmd, name, value, args, i, "(a file name)");
                    i = next(a, i);
                    if (name.equals("--baseline")) {
                        if (baseline != null) {
                            throw repeated(cmd, name);
                        }
                        baseline = value;
                    } else {
                        if (writeBaseline != null) {
                            throw repeated(cmd, name);
                        }
                        writeBaseline = value;
                    }
                    break;
                case "--source-root":
                    value = value(cmd, name, value, args, i, "(a directory)");
                    i = next(a, i);
                    roots.add(value);
                    break;
                default:
                    throw new CliException(cmd + ": unknown option '" + a + "' (see 'java -jar jlockdep-agent.jar "
                            + cmd + " --help')");
            }
        }
        if (help) {
            return new Options(command, true, Format.TEXT, null, null, null, roots, files);
        }
        if (files.isEmpty()) {
            throw new CliException(cmd + ": no recordings given (usage: java -jar jlockdep-agent.jar " + cmd
                    + " FILE.jfr... [options]; see --help)");
        }
        return new Options(command, false, format == null ? Format.TEXT : format, output, baseline, writeBaseline,
                roots, files);
    }

    /**
     * The value of option {@code name}: the part after {@code =} when there was one, else the next
     * argument. {@link #next} tells the caller whether that argument was consumed.
     */
    private static String value(String cmd, String name, String inline, List<String> args, int i, String what)
            throws CliException {
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new CliException(cmd + ": " + name + " needs a value " + what);
            }
            return inline;
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new CliException(cmd + ": " + name + " needs a value " + what);
        }
        return args.get(i + 1);
    }

    /** The index of the last argument an option used: itself for {@code --name=value}, else the next one. */
    private static int next(String arg, int i) {
        return arg.indexOf('=') > 0 ? i : i + 1;
    }

    private static CliException repeated(String cmd, String name) {
        return new CliException(cmd + ": " + name + " given twice");
    }
}
