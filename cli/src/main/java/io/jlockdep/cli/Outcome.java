package io.jlockdep.cli;

import io.jlockdep.core.FindingKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a command found: the findings to report, those the baseline accepted, and the context. Made by
 * {@link Reports}; rendered by {@link Reports#render}.
 */
public final class Outcome {
    /** The kinds in the order summaries list them, the engine's order (others follow alphabetically). */
    static final List<String> KIND_ORDER = Arrays.stream(FindingKind.values()).map(FindingKind::id).toList();

    final Command command;
    final List<Recording> recordings;
    /** Every finding, accepted or not, in first-seen order. */
    final List<FindingRecord> all;
    /** Findings not accepted by the baseline, in first-seen order. */
    final List<FindingRecord> findings;
    /** Findings the baseline accepted. */
    final List<FindingRecord> accepted;
    /** The baseline's ids that no longer occur. */
    final List<String> stale;
    /** The baseline file's name, or null. */
    final String baselineName;
    /** merge: distinct edges in the union (else 0). */
    final int unionEdges;
    /** merge: cycles a single recording already shows, left to check (else 0). */
    final int singleRecordingCycles;

    Outcome(Command command, List<Recording> recordings, List<FindingRecord> all, List<FindingRecord> findings,
            List<FindingRecord> accepted, List<String> stale, String baselineName, int unionEdges,
            int singleRecordingCycles) {
        this.command = command;
        this.recordings = Collections.unmodifiableList(new ArrayList<>(recordings));
        this.all = Collections.unmodifiableList(new ArrayList<>(all));
        this.findings = Collections.unmodifiableList(new ArrayList<>(findings));
        this.accepted = Collections.unmodifiableList(new ArrayList<>(accepted));
        this.stale = Collections.unmodifiableList(new ArrayList<>(stale));
        this.baselineName = baselineName;
        this.unionEdges = unionEdges;
        this.singleRecordingCycles = singleRecordingCycles;
    }

    /** The command that made it. */
    public Command command() {
        return command;
    }

    /** Every finding, accepted or not, in first-seen order (what {@link Reports#baseline} writes). */
    public List<FindingRecord> all() {
        return all;
    }

    /** The findings the baseline does not accept (all of them without a baseline), in first-seen order. */
    public List<FindingRecord> findings() {
        return findings;
    }

    /** The findings the baseline accepted. */
    public List<FindingRecord> accepted() {
        return accepted;
    }

    /** The baseline's ids that no longer occur (fixed deadlocks whose line can go). */
    public List<String> stale() {
        return stale;
    }

    boolean merge() {
        return command == Command.MERGE;
    }

    /** The exit status: 1 for check and merge with findings the baseline does not accept, else 0. */
    public int exitCode() {
        return command.failsOnFindings() && !findings.isEmpty() ? 1 : 0;
    }

    /** Finding counts by kind, in {@link #KIND_ORDER}. */
    static Map<String, Integer> byKind(List<FindingRecord> findings) {
        Map<String, Integer> out = new TreeMap<>((a, b) -> {
            int ia = KIND_ORDER.indexOf(a);
            int ib = KIND_ORDER.indexOf(b);
            if (ia >= 0 && ib >= 0) {
                return Integer.compare(ia, ib);
            }
            if (ia >= 0 || ib >= 0) {
                return ia >= 0 ? -1 : 1;
            }
            return a.compareTo(b);
        });
        for (FindingRecord f : findings) {
            out.merge(f.kind, 1, Integer::sum);
        }
        return out;
    }

    /** The recordings' names, in command-line order. */
    List<String> recordingNames() {
        List<String> out = new ArrayList<>();
        for (Recording r : recordings) {
            out.add(r.name);
        }
        return out;
    }

    /**
     * The one-line summary: {@code 2 potential deadlocks (1 circular, 1 recursive) in 3 recordings},
     * {@code no potential deadlocks in 3 recordings}, with what the baseline accepted.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        int n = findings.size();
        String newWord = baselineName != null ? "new " : "";
        if (n == 0) {
            sb.append("no ").append(newWord).append("potential deadlocks");
        } else {
            sb.append(n).append(' ').append(newWord).append(n == 1 ? "potential deadlock" : "potential deadlocks")
                    .append(" (");
            int i = 0;
            for (Map.Entry<String, Integer> e : byKind(findings).entrySet()) {
                if (i++ > 0) {
                    sb.append(", ");
                }
                sb.append(e.getValue()).append(' ').append(Strings.oneLine(e.getKey()));
            }
            sb.append(')');
        }
        sb.append(merge() ? " across " : " in ").append(Strings.count(recordings.size(), "recording", "recordings"));
        if (merge()) {
            sb.append(" (").append(Strings.count(unionEdges, "dependency edge", "dependency edges"))
                    .append(" merged)");
        }
        if (baselineName != null) {
            sb.append("; accepted by baseline: ").append(accepted.size());
        }
        if (merge() && singleRecordingCycles > 0) {
            sb.append("; ").append(Strings.count(singleRecordingCycles, "cycle", "cycles"))
                    .append(" within single recordings left to check");
        }
        return sb.toString();
    }

    /** The stale-baseline line, or null when there is nothing stale. */
    String staleLine() {
        if (stale.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("baseline ").append(Strings.oneLine(baselineName)).append(": ")
                .append(Strings.count(stale.size(), "stale id", "stale ids"))
                .append(" no longer found (the deadlock was fixed? remove the line): ");
        int max = 10;
        for (int i = 0; i < stale.size() && i < max; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(stale.get(i));
        }
        if (stale.size() > max) {
            sb.append(", and ").append(stale.size() - max).append(" more");
        }
        return sb.toString();
    }
}
