package io.jlockdep.agent.cli;

import io.jlockdep.agent.config.Text;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar jlockdep-agent.jar COMMAND …}: the launcher calls {@link #run(String[])} and exits with
 * the status it returns. Exit status: 0 clean (and {@code report} whatever it found), 1 potential
 * deadlocks found that the baseline does not accept ({@code check}, {@code merge}), 2 bad input — with
 * exactly one {@code jlockdep: …} line on standard error and no stack trace.
 */
public final class Main {
    /** Exit status: nothing (new) found, or {@code report}. */
    static final int CLEAN = 0;
    /** Exit status: potential deadlocks found ({@code check}, {@code merge}). */
    static final int FINDINGS = 1;
    /** Exit status: bad input. */
    static final int BAD_INPUT = 2;

    private Main() {
    }

    /** Runs the command line with the process's standard streams and working directory; returns the exit status. */
    public static int run(String[] args) {
        return run(args, System.out, System.err, Paths.get("").toAbsolutePath());
    }

    /** Runs the command line; file arguments are resolved against {@code workDir}. */
    static int run(String[] args, PrintStream out, PrintStream err, Path workDir) {
        try {
            return execute(args == null ? new String[0] : args, out, err, workDir);
        } catch (CliException e) {
            error(err, e.getMessage());
            return BAD_INPUT;
        } catch (OutOfMemoryError e) {
            error(err, "out of memory; give the JVM more heap (java -Xmx... -jar jlockdep-agent.jar)");
            return BAD_INPUT;
        } catch (Throwable t) {
            error(err, "internal error: " + Text.oneLine(String.valueOf(t)));
            return BAD_INPUT;
        }
    }

    private static void error(PrintStream err, String message) {
        err.print("jlockdep: " + Text.oneLine(message) + "\n");
        err.flush();
    }

    private static int execute(String[] args, PrintStream out, PrintStream err, Path workDir) throws CliException {
        if (args.length == 0) {
            print(err, Usage.tool());
            return BAD_INPUT;
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            if (args.length > 1 && Command.of(args[1]) != null) {
                print(out, Usage.of(Command.of(args[1])));
            } else if (args.length > 1) {
                throw new CliException("unknown command '" + args[1] + "' (commands: report, check, merge)");
            } else {
                print(out, Usage.tool());
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
        Options o = Options.parse(command, Arrays.asList(args).subList(1, args.length));
        if (o.help) {
            print(out, Usage.of(command));
            return CLEAN;
        }
        SourceLocator sources = SourceLocator.create(o.sourceRoots, workDir);
        Baseline baseline = o.baseline == null ? null : Baseline.read(o.baseline, workDir.resolve(o.baseline));
        Path output = o.output == null ? null : workDir.resolve(o.output);
        Path writeBaseline = o.writeBaseline == null ? null : workDir.resolve(o.writeBaseline);

        List<Recording> recordings = new ArrayList<>();
        for (Recording.Named n : Recording.expand(o.files, workDir)) {
            Recording r = Recording.read(n.name, n.path);
            if (r.jlockdepEvents == 0) {
                throw CliException.file(n.name, "no jlockdep events - was the agent attached"
                        + " (-javaagent:jlockdep-agent.jar=jfr=FILE)?");
            }
            recordings.add(r);
        }

        List<FindingRecord> all;
        Set<String> current = new HashSet<>();
        int unionEdges = 0;
        int singleCycles = 0;
        if (command == Command.MERGE) {
            Merger.Result m = Merger.merge(recordings);
            all = m.findings;
            unionEdges = m.unionEdges;
            current.addAll(m.singleRecordingIds);
            singleCycles = m.singleRecordingCycles;
        } else {
            all = dedup(recordings);
        }
        List<FindingRecord> fresh = new ArrayList<>();
        List<FindingRecord> accepted = new ArrayList<>();
        for (FindingRecord f : all) {
            current.add(f.cycleId);
            if (baseline != null && baseline.accepts(f.cycleId)) {
                accepted.add(f);
            } else {
                fresh.add(f);
            }
        }
        List<String> stale = baseline == null ? new ArrayList<String>() : baseline.stale(current);
        Outcome outcome = new Outcome(command, recordings, fresh, accepted, stale,
                baseline == null ? null : baseline.name, unionEdges, singleCycles);

        String text;
        switch (o.format) {
            case JSON:
                text = JsonOutput.render(outcome);
                break;
            case SARIF:
                text = SarifOutput.render(outcome, sources);
                break;
            case JUNIT:
                text = JunitOutput.render(outcome);
                break;
            case DOT:
                text = DotOutput.render(outcome);
                break;
            default:
                text = TextOutput.render(outcome);
                break;
        }
        if (writeBaseline != null) {
            write(o.writeBaseline, writeBaseline, Baseline.render(all, command.id()));
            if (o.format == Format.TEXT) {
                text = text + "wrote " + Strings.count(all.size(), "cycle id", "cycle ids") + " to baseline "
                        + o.writeBaseline + "\n";
            }
        }
        if (output != null) {
            write(o.output, output, text);
        } else {
            print(out, text);
        }
        return writeBaseline != null ? CLEAN : outcome.exitCode();
    }

    /** The findings of all recordings, each cycle id once (the first recording's), with every recording that had it. */
    static List<FindingRecord> dedup(List<Recording> recordings) {
        Map<String, FindingRecord> byId = new LinkedHashMap<>();
        for (Recording r : recordings) {
            for (FindingRecord f : r.findings) {
                FindingRecord known = byId.get(f.cycleId);
                if (known == null) {
                    byId.put(f.cycleId, f);
                } else {
                    known.addRecording(r.name);
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static void print(PrintStream ps, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ps.write(b, 0, b.length);
        ps.flush();
    }

    private static void write(String name, Path file, String text) throws CliException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (AccessDeniedException e) {
            throw CliException.file(name, "cannot write (permission denied)");
        } catch (IOException e) {
            throw CliException.file(name, "cannot write (" + e + ")");
        }
    }
}
