package io.jlockdep.cli;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The tool's Java API, for in-process use (a build plugin) and for the commands, which are thin layers over it:
 * read recordings, report or check them against a baseline, merge across recordings, render the outcome in
 * a format, write a baseline. Nothing here prints, exits or writes a file; bad input is a {@link CliException}
 * whose one-line message names the file (the command line prints it as {@code jlockdep: MESSAGE}, exit status 2).
 *
 * <pre>{@code
 * List<Recording> recs = Reports.read(List.of("target/jlockdep"), projectDir);
 * Outcome o = Reports.check(recs, Baseline.read("jlockdep-baseline.txt", projectDir.resolve("jlockdep-baseline.txt")));
 * String sarif = Reports.render(o, Format.SARIF, SourceLocator.create(List.of(), projectDir));
 * if (o.exitCode() != 0) { ... o.summary() ... }
 * }</pre>
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Reads the recordings {@code names} stand for, resolved against {@code workDir}: a file as is, a directory as
     * the {@code *.jfr} files directly in it (by name); a file named twice counts once. Each recording keeps the
     * name it was given by (directory + file name for a file of a directory) for messages and outputs.
     *
     * @throws CliException for a missing, unreadable, empty, non-JFR, truncated or corrupt file, a directory
     *                      without recordings, or a recording without jlockdep events
     */
    public static List<Recording> read(List<String> names, Path workDir) throws CliException {
        List<Recording.Named> files = Recording.expand(names, workDir);
        List<Recording> recordings = new ArrayList<>(files.size());
        Map<String, EdgeRecord> edges = new HashMap<>();
        int threads = Math.min(files.size(), Math.min(4, Runtime.getRuntime().availableProcessors()));
        if (threads <= 1) {
            for (Recording.Named n : files) {
                recordings.add(withEvents(Recording.read(n.name, n.path)).sharingEdges(edges));
            }
            return recordings;
        }
        // Parsing dominates (a test JVM's recording with edges=on holds megabytes of stack text): files are
        // parsed in parallel, a few ahead, and taken in order, so the result, the first error reported and the
        // first-seen edges are those of a sequential read, and memory holds a few files' edges at a time.
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jlockdep-read");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Recording>> ahead = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !ahead.isEmpty()) {
                while (next < files.size() && ahead.size() < 2 * threads) {
                    Recording.Named n = files.get(next++);
                    ahead.add(pool.submit(() -> Recording.read(n.name, n.path)));
                }
                recordings.add(withEvents(take(ahead.poll())).sharingEdges(edges));
            }
            return recordings;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code r}, or a CliException when it holds no jlockdep event at all. */
    private static Recording withEvents(Recording r) throws CliException {
        if (r.jlockdepEvents == 0) {
            throw CliException.file(r.name, "no jlockdep events - was the agent attached"
                    + " (-javaagent:jlockdep-agent.jar=jfr=FILE)?");
        }
        return r;
    }

    private static Recording take(Future<Recording> f) throws CliException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CliException) {
                throw (CliException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading recordings", e);
        }
    }

    /** {@code report}: the recordings' findings, each cycle id once; its {@link Outcome#exitCode()} is always 0. */
    public static Outcome report(List<Recording> recordings) {
        return judge(Command.REPORT, recordings, dedup(recordings), null, new HashSet<>(), 0, 0);
    }

    /**
     * {@code check}: the recordings' findings, each cycle id once, split into those {@code baseline} accepts and
     * the rest; exit status 1 when the rest is not empty.
     *
     * @param baseline the accepted cycle ids, or null for none
     */
    public static Outcome check(List<Recording> recordings, Baseline baseline) {
        return judge(Command.CHECK, recordings, dedup(recordings), baseline, new HashSet<>(), 0, 0);
    }

    /**
     * {@code merge}: the cycles of the union of the recordings' dependency edges that no single recording shows,
     * split by {@code baseline} as {@link #check}.
     *
     * @param baseline the accepted cycle ids, or null for none
     * @throws CliException when a recording was not made with {@code edges=on}
     */
    public static Outcome merge(List<Recording> recordings, Baseline baseline) throws CliException {
        Merger.Result m = Merger.merge(recordings);
        return judge(Command.MERGE, recordings, m.findings, baseline, new HashSet<>(m.singleRecordingIds),
                m.unionEdges, m.singleRecordingCycles);
    }

    /**
     * {@code check} and {@code merge} as one outcome, the way a build judges the test JVMs of a module: every
     * recording's own findings (each cycle id once), then the cycles only the union of their dependency edges
     * shows, all split by one {@code baseline}. Its command is {@link Command#CHECK} (exit status 1 when a
     * finding is not accepted); a merged finding keeps its {@code merged} scope in every format.
     *
     * @param baseline the accepted cycle ids, or null for none
     * @throws CliException when a recording was not made with {@code edges=on}
     */
    public static Outcome checkAcrossRecordings(List<Recording> recordings, Baseline baseline) throws CliException {
        Merger.Result m = Merger.merge(recordings);
        List<FindingRecord> all = dedup(recordings);
        all.addAll(m.findings);
        return judge(Command.CHECK, recordings, all, baseline, new HashSet<>(), m.unionEdges, m.singleRecordingCycles);
    }

    /**
     * The outcome in {@code format}, as the command line prints it.
     *
     * @param sources where SARIF and HTML look up source files (see {@link SourceLocator#create}); other formats ignore it
     */
    public static String render(Outcome outcome, Format format, SourceLocator sources) {
        return switch (format) {
            case JSON -> JsonOutput.render(outcome);
            case SARIF -> SarifOutput.render(outcome, sources);
            case JUNIT -> JunitOutput.render(outcome);
            case DOT -> DotOutput.render(outcome);
            case TEXT -> TextOutput.render(outcome);
            case HTML -> HtmlOutput.render(outcome, sources);
        };
    }

    /** The text of a baseline file that accepts every finding of {@code outcome}, accepted or not, in order. */
    public static String baseline(Outcome outcome) {
        return Baseline.render(outcome.all, outcome.command.id());
    }

    private static Outcome judge(Command command, List<Recording> recordings, List<FindingRecord> all,
                                 Baseline baseline, Set<String> current, int unionEdges, int singleCycles) {
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
        List<String> stale = baseline == null ? List.of() : baseline.stale(current);
        return new Outcome(command, recordings, all, fresh, accepted, stale,
                baseline == null ? null : baseline.name, unionEdges, singleCycles);
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
}
