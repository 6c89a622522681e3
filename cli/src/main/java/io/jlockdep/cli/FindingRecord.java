package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding: an {@code io.jlockdep.PotentialDeadlock} event with its cycle's edges, or a cycle found by
 * {@code merge} in the union of several recordings' edges.
 */
public final class FindingRecord {
    final String cycleId;
    final String kind;
    final String lockClasses;
    final int length;
    /** The full report in the lockdep layout (lines ending in a newline). */
    final String report;
    /** The thread whose acquisition closed the cycle; empty for a merged finding. */
    final String thread;
    /** The closing acquisition's stack text; empty for a merged finding. */
    final String acquisitionStack;
    /** The cycle's edges, index 0 first (for a recorded finding, 0 is the closing edge). */
    final List<EdgeRecord> edges;
    /** Whether {@code merge} found it in the union (no single recording shows it). */
    final boolean merged;
    /** {@code witnessed} or {@code class-only}; null when the recording does not say (an older agent). */
    final String evidence;
    /** The class of the lock instance held on every edge, or null. */
    final String gatedBy;
    /** Where the named lock classes were first allocated, when known (class name to origin). */
    final Map<String, String> origins;
    /** The recordings that had it (for a merged finding: those its edges come from), in command-line order. */
    private final List<String> recordings = new ArrayList<>();
    private List<Frame> frames;

    FindingRecord(String cycleId, String kind, String lockClasses, int length, String report, String thread,
                  String acquisitionStack, List<EdgeRecord> edges, boolean merged, String evidence, String gatedBy,
                  Map<String, String> origins) {
        this.cycleId = Strings.nn(cycleId);
        this.kind = kind == null || kind.isEmpty() ? "unknown" : kind;
        this.lockClasses = Strings.nn(lockClasses);
        this.length = length;
        this.report = report;
        this.thread = Strings.nn(thread);
        this.acquisitionStack = Strings.nn(acquisitionStack);
        this.edges = Collections.unmodifiableList(new ArrayList<>(edges));
        this.merged = merged;
        this.evidence = evidence == null || evidence.isEmpty() ? null : evidence;
        this.gatedBy = gatedBy == null || gatedBy.isEmpty() ? null : gatedBy;
        this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** {@code witnessed} or {@code class-only}, or null when the recording does not say. */
    public String evidence() {
        return evidence;
    }

    /** The class of the lock instance held on every edge of the cycle, or null. */
    public String gatedBy() {
        return gatedBy;
    }

    /**
     * The evidence in a few words, e.g. {@code class-only} or {@code witnessed, gated by G}; null when the
     * recording does not say.
     */
    String evidenceText() {
        if (evidence == null) {
            return gatedBy == null ? null : "gated by " + gatedBy;
        }
        return gatedBy == null ? evidence : evidence + ", gated by " + gatedBy;
    }

    /** The stable cycle id, 16 hex digits. */
    public String cycleId() {
        return cycleId;
    }

    /** The kind's id ({@link io.jlockdep.core.FindingKind#id()}, or a newer agent's). */
    public String kind() {
        return kind;
    }

    /** The cycle as lock classes, {@code A -> B -> A}. */
    public String lockClasses() {
        return lockClasses;
    }

    /** Notes that {@code recording} had this finding (once per recording). */
    void addRecording(String recording) {
        if (!recordings.contains(recording)) {
            recordings.add(recording);
        }
    }

    /** The recordings that had it, in command-line order. */
    public List<String> recordings() {
        return Collections.unmodifiableList(recordings);
    }

    /** The parsed acquisition stack, innermost first. */
    List<Frame> frames() {
        if (frames == null) {
            frames = Frame.parseStack(acquisitionStack);
        }
        return frames;
    }

    /** The distinct lock classes of the cycle, in cycle order. */
    List<String> locks() {
        List<String> out = new ArrayList<>();
        if (edges.isEmpty()) {
            for (String s : lockClasses.split(" -> ")) {
                if (!s.isEmpty() && !out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
        for (EdgeRecord e : edges) {
            if (!out.contains(e.from)) {
                out.add(e.from);
            }
            if (!out.contains(e.to)) {
                out.add(e.to);
            }
        }
        return out;
    }

    /**
     * Where each of the cycle's orders was first taken, for a one-line summary: the edge's context when a test
     * framework set one ({@code test com.acme.BankTest.audit()}, see the JUnit extension), else the outermost
     * program frame of its first-seen stack ({@code com.acme.BankTest.audit(BankTest.java:15)}: under a test
     * runner, usually the test method, as JDK, jlockdep and runner frames are not program code). Distinct, in
     * edge order; edges with neither give nothing.
     */
    public List<String> takenIn() {
        List<String> out = new ArrayList<>();
        for (EdgeRecord e : edges) {
            String where = e.context;
            if (where.isEmpty()) {
                List<Frame> frames = e.frames();
                for (int i = frames.size() - 1; i >= 0 && where.isEmpty(); i--) {
                    Frame f = frames.get(i);
                    if (f.isProgramCode()) {
                        where = f.className + "." + f.method + "(" + f.file + (f.line > 0 ? ":" + f.line : "") + ")";
                    }
                }
            }
            if (!where.isEmpty() && !out.contains(where)) {
                out.add(where);
            }
        }
        return out;
    }

    /** The report text, or a short stand-in when the recording lost it. */
    public String reportText() {
        if (report != null && !report.isEmpty()) {
            return report.endsWith("\n") ? report : report + "\n";
        }
        return "WARNING: potential deadlock (" + Strings.oneLine(kind) + "): " + Strings.oneLine(lockClasses)
                + "\n(the recording has no report text)\ncycle id: " + Strings.oneLine(cycleId) + "\n";
    }

    /** One line: {@code potential deadlock (circular): A -> B -> A}. */
    public String headline() {
        return (merged ? "potential deadlock across recordings (" : "potential deadlock (") + kind + "): "
                + lockClasses;
    }
}
