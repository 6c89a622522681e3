package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jlockdep.cli.EventSchema.DependencyEdge;
import io.jlockdep.cli.EventSchema.PotentialDeadlock;
import io.jlockdep.cli.EventSchema.Statistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The jlockdep events of one recording: {@code io.jlockdep.PotentialDeadlock},
 * {@code io.jlockdep.DependencyEdge} and {@code io.jlockdep.Statistics}, read with
 * {@link RecordingFile} on the test JVM.
 */
public final class JfrData {
    public static final String FINDING_EVENT = PotentialDeadlock.NAME;
    public static final String EDGE_EVENT = DependencyEdge.NAME;
    public static final String STATISTICS_EVENT = Statistics.NAME;

    /** One {@code io.jlockdep.PotentialDeadlock} event. */
    public record Finding(String cycleId, String kind, String lockClasses, int length, String report, String thread,
                          String acquisitionStack) {
        /** The class names of {@code lockClasses} ({@code A -> B -> A}), each once, in order. */
        public List<String> classes() {
            List<String> out = new ArrayList<>();
            for (String s : lockClasses.split(" -> ")) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }

        /** Whether some class name of the cycle contains each of {@code parts}. */
        public boolean involves(String... parts) {
            for (String p : parts) {
                if (classes().stream().noneMatch(c -> c.contains(p))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return kind + " [" + cycleId + "] " + lockClasses + " (thread " + thread + ")";
        }
    }

    /** One {@code io.jlockdep.DependencyEdge} event. */
    public record Edge(String cycleId, int index, String from, String to, String type, String thread, String stack,
                       String origin) {
        @Override
        public String toString() {
            return "[" + cycleId + "#" + index + "] " + from + " -" + type + "-> " + to + " (" + thread + ", " + origin
                    + ")";
        }
    }

    /** The {@code io.jlockdep.Statistics} event. */
    public record Stats(int classes, int edges, int chains, long acquisitions, double chainHitRate, long limitHits,
                        long findings, long dropped) {
    }

    private final List<Finding> findings;
    private final List<Edge> edges;
    private final List<Stats> statistics;
    private final RunResult run;

    private JfrData(List<Finding> findings, List<Edge> edges, List<Stats> statistics, RunResult run) {
        this.findings = Collections.unmodifiableList(findings);
        this.edges = Collections.unmodifiableList(edges);
        this.statistics = Collections.unmodifiableList(statistics);
        this.run = run;
    }

    static JfrData read(Path file, RunResult run) {
        List<Finding> findings = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        List<Stats> stats = new ArrayList<>();
        try {
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                switch (e.getEventType().getName()) {
                    case FINDING_EVENT:
                        findings.add(new Finding(e.getString(PotentialDeadlock.CYCLE_ID),
                                e.getString(PotentialDeadlock.KIND), e.getString(PotentialDeadlock.LOCK_CLASSES),
                                e.getInt(PotentialDeadlock.LENGTH), e.getString(PotentialDeadlock.REPORT),
                                e.getString(PotentialDeadlock.THREAD), e.getString(PotentialDeadlock.ACQUISITION_STACK)));
                        break;
                    case EDGE_EVENT:
                        edges.add(new Edge(e.getString(DependencyEdge.CYCLE_ID), e.getInt(DependencyEdge.INDEX),
                                e.getString(DependencyEdge.FROM), e.getString(DependencyEdge.TO),
                                e.getString(DependencyEdge.TYPE), e.getString(DependencyEdge.THREAD),
                                e.getString(DependencyEdge.STACK), e.getString(DependencyEdge.ORIGIN)));
                        break;
                    case STATISTICS_EVENT:
                        stats.add(new Stats(e.getInt(Statistics.CLASSES), e.getInt(Statistics.EDGES),
                                e.getInt(Statistics.CHAINS), e.getLong(Statistics.ACQUISITIONS),
                                e.getDouble(Statistics.CHAIN_HIT_RATE), e.getLong(Statistics.LIMIT_HITS),
                                e.getLong(Statistics.FINDINGS), e.getLong(Statistics.DROPPED)));
                        break;
                    default:
                        break;
                }
            }
        } catch (IOException e) {
            fail("cannot read the recording " + file + " written by " + run.jvm() + ": " + e + run.describe());
        }
        return new JfrData(findings, edges, stats, run);
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** The one Statistics event (fails when there is not exactly one). */
    public Stats statistics() {
        assertEquals(1, statistics.size(), () -> "Statistics events " + statistics + run.describe());
        return statistics.get(0);
    }

    /** The findings whose cycle involves each of {@code parts} (substrings of class names). */
    public List<Finding> involving(String... parts) {
        return findings.stream().filter(f -> f.involves(parts)).collect(Collectors.toList());
    }

    /** Findings matching {@code p}. */
    public List<Finding> where(Predicate<Finding> p) {
        return findings.stream().filter(p).collect(Collectors.toList());
    }

    /**
     * The single finding of {@code kind} whose classes involve each of {@code parts}; fails (listing every
     * finding) when there is none or more than one.
     */
    public Finding single(String kind, String... parts) {
        List<Finding> l = where(f -> f.kind().equals(kind) && f.involves(parts));
        if (l.size() != 1) {
            fail("expected exactly one '" + kind + "' finding involving " + Arrays.toString(parts) + ", found "
                    + l.size() + "; all findings:\n" + describeFindings() + run.describe());
        }
        return l.get(0);
    }

    /** Asserts that no finding involves any class whose name contains one of {@code parts}. */
    public void assertNoneInvolving(String... parts) {
        for (String p : parts) {
            List<Finding> l = where(f -> f.classes().stream().anyMatch(c -> c.contains(p)));
            assertTrue(l.isEmpty(), () -> "unexpected findings involving '" + p + "':\n" + describeFindings()
                    + run.describe());
        }
    }

    /** Asserts that the recording has no finding at all. */
    public void assertNoFindings() {
        assertTrue(findings.isEmpty(), () -> "unexpected findings:\n" + describeFindings() + run.describe());
    }

    /** The edge events of finding {@code cycleId}, by index. */
    public List<Edge> edgesOf(String cycleId) {
        return edges.stream().filter(e -> cycleId.equals(e.cycleId()))
                .sorted((a, b) -> Integer.compare(a.index(), b.index())).collect(Collectors.toList());
    }

    /** The edge events recorded because of {@code edges=on} (empty cycle id). */
    public List<Edge> plainEdges() {
        return edges.stream().filter(e -> e.cycleId() == null || e.cycleId().isEmpty()).collect(Collectors.toList());
    }

    /** Every finding on its own line, for failure messages. */
    public String describeFindings() {
        if (findings.isEmpty()) {
            return "  (none)\n";
        }
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append("  ").append(f).append('\n');
        }
        return sb.toString();
    }

    /** The run this recording belongs to (for messages). */
    public RunResult run() {
        return run;
    }
}
