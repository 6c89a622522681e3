package io.jlockdep.core.oracle;

import io.jlockdep.core.oracle.Program.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares one engine run with the oracle, renders disagreements and shrinks counterexamples. */
final class Comparison {

    /** The first disagreement of a run: where, what sort ({@code category}) and both sides. */
    static final class Mismatch {
        /** event index, or the event count for the final graph */
        final int event;
        final String category;
        final String detail;

        Mismatch(int event, String category, String detail) {
            this.event = event;
            this.category = category;
            this.detail = detail;
        }
    }

    /** One program checked under one policy. */
    static final class Outcome {
        final long seed;
        final Program program;
        final Oracle.Policy policy;
        final Oracle.Result oracle;
        final EngineDriver.Run engine;
        final Mismatch mismatch;

        Outcome(long seed, Program program, Oracle.Policy policy, Oracle.Result oracle, EngineDriver.Run engine,
                Mismatch mismatch) {
            this.seed = seed;
            this.program = program;
            this.policy = policy;
            this.oracle = oracle;
            this.engine = engine;
            this.mismatch = mismatch;
        }
    }

    private Comparison() {
    }

    static Outcome check(EngineDriver driver, long seed, Program p, Oracle.Policy policy) {
        Oracle.Result o = Oracle.run(p, policy);
        EngineDriver.Run e = driver.run(p, policy);
        return new Outcome(seed, p, policy, o, e, compare(p, o, e));
    }

    static Mismatch compare(Program p, Oracle.Result o, EngineDriver.Run e) {
        int n = p.events.size();
        for (int i = 0; i < n; i++) {
            if (e.errorEvent == i) {
                return new Mismatch(i, "exception", "engine threw " + stackTrace(e.error));
            }
            for (int k = 0; k < Oracle.KINDS; k++) {
                if (e.deltas[i][k] != o.counts[i][k]) {
                    return new Mismatch(i, "count:" + Oracle.KIND_ID[k],
                            "detections this event: engine " + counts(e.deltas[i]) + ", oracle " + counts(o.counts[i]));
                }
            }
            if (e.ret[i] != o.ret[i]) {
                return new Mismatch(i, "return", "return value: engine " + e.ret[i] + ", oracle " + o.ret[i]
                        + " (release: 1=true 0=false; wait-release: saved holds)");
            }
            if (e.depth[i] != o.depth[i] || !e.held[i].equals(o.held[i])) {
                return new Mismatch(i, "held", "held stack after the event (class, effective mode, ?=trylock): engine depth "
                        + e.depth[i] + " " + e.held[i] + ", oracle depth " + o.depth[i] + " " + o.held[i]);
            }
        }
        if (e.error != null) {
            return new Mismatch(n, "exception", "engine threw at the end " + stackTrace(e.error));
        }
        if (e.snapshotProblem != null) {
            return new Mismatch(n, "edges", e.snapshotProblem);
        }
        if (!e.edges.equals(o.classEdges)) {
            return new Mismatch(n, "edges", edgeDiff(o.classEdges, e.edges));
        }
        return null;
    }

    static String counts(long[] c) {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < c.length; k++) {
            if (c[k] != 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(Oracle.KIND_ID[k]).append('=').append(c[k]);
            }
        }
        return sb.append('}').toString();
    }

    static String counts(int[] c) {
        long[] l = new long[c.length];
        for (int k = 0; k < c.length; k++) {
            l[k] = c[k];
        }
        return counts(l);
    }

    static String edgeDiff(Map<String, Integer> oracle, Map<String, Integer> engine) {
        StringBuilder sb = new StringBuilder("final class edges differ (oracle has " + oracle.size() + ", engine "
                + engine.size() + "):");
        TreeSet<String> keys = new TreeSet<>(oracle.keySet());
        keys.addAll(engine.keySet());
        for (String k : keys) {
            Integer a = oracle.get(k);
            Integer b = engine.get(k);
            if (a == null) {
                sb.append("\n    engine only: ").append(k).append(" [").append(StrongWalks.names(b)).append(']');
            } else if (b == null) {
                sb.append("\n    oracle only: ").append(k).append(" [").append(StrongWalks.names(a)).append(']');
            } else if (!a.equals(b)) {
                sb.append("\n    types differ: ").append(k).append(" oracle [").append(StrongWalks.names(a))
                        .append("] engine [").append(StrongWalks.names(b)).append(']');
            }
        }
        return sb.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        String s = sw.toString();
        String[] lines = s.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 25); i++) {
            sb.append("\n      ").append(lines[i]);
        }
        return sb.toString();
    }

    static String replayHint(long seed, Oracle.Policy policy) {
        return "mvn -q -pl core test -Dtest=OracleTest -Djlockdep.oracle.seed=" + seed
                + " -Djlockdep.oracle.policy=" + policy;
    }

    /** The full report: seed, policy, replay command, the program with per-event counts, the disagreement. */
    static String report(Outcome out, Outcome shrunk) {
        StringBuilder sb = new StringBuilder();
        sb.append("jlockdep ORACLE DISAGREEMENT\n");
        sb.append("  seed=").append(out.seed).append("  policy=").append(out.policy).append('\n');
        sb.append("  replay: ").append(replayHint(out.seed, out.policy)).append('\n');
        Mismatch m = out.mismatch;
        sb.append("  first disagreeing event: ").append(eventLabel(out.program, m.event)).append('\n');
        sb.append("  ").append(m.category).append(": ").append(m.detail).append('\n');
        sb.append("  program (").append(out.program.events.size()).append(" events; '# o:' oracle, 'e:' engine"
                + " detections, when nonzero):\n");
        sb.append(annotated(out));
        sb.append("  oracle final class edges: ").append(edgesText(out.oracle.classEdges)).append('\n');
        sb.append("  engine final class edges: ").append(edgesText(out.engine.edges)).append('\n');
        if (shrunk != null && shrunk.program.events.size() < out.program.events.size()) {
            sb.append("\n  SHRUNK to ").append(shrunk.program.events.size()).append(" events (same category ")
                    .append(shrunk.mismatch.category).append("; replay: save the text below to a file and run with"
                            + " -Djlockdep.oracle.programFile=FILE -Djlockdep.oracle.policy=")
                    .append(out.policy).append("):\n");
            sb.append("  first disagreeing event: ").append(eventLabel(shrunk.program, shrunk.mismatch.event)).append('\n');
            sb.append("  ").append(shrunk.mismatch.category).append(": ").append(shrunk.mismatch.detail).append('\n');
            sb.append(annotated(shrunk));
            sb.append("  oracle final class edges: ").append(edgesText(shrunk.oracle.classEdges)).append('\n');
            sb.append("  engine final class edges: ").append(edgesText(shrunk.engine.edges)).append('\n');
        }
        return sb.toString();
    }

    static String eventLabel(Program p, int event) {
        if (event >= p.events.size()) {
            return "end of program (final graph)";
        }
        return "#" + event + " (" + p.describe(p.events.get(event)) + ")";
    }

    static String edgesText(Map<String, Integer> edges) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Integer> e : edges.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(" [").append(StrongWalks.names(e.getValue())).append(']');
        }
        return sb.append('}').toString();
    }

    private static String annotated(Outcome out) {
        Program p = out.program;
        StringBuilder sb = new StringBuilder();
        for (String h : p.header().split("\n")) {
            sb.append("    ").append(h).append('\n');
        }
        for (int i = 0; i < p.events.size(); i++) {
            String line = p.describe(p.events.get(i));
            StringBuilder note = new StringBuilder();
            String oc = counts(out.oracle.counts[i]);
            boolean ran = out.engine.errorEvent < 0 || i <= out.engine.errorEvent;
            String ec = ran ? counts(out.engine.deltas[i]) : "(not run)";
            if (!oc.equals("{}") || !ec.equals("{}")) {
                note.append(" o:").append(oc).append(" e:").append(ec);
            }
            if (i == out.mismatch.event) {
                note.append("   <== FIRST DISAGREEMENT");
            }
            sb.append("    ").append(String.format("%-34s", line));
            if (note.length() > 0) {
                sb.append(" # ").append(String.format("%4d", i)).append(note);
            } else {
                sb.append(" # ").append(String.format("%4d", i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Greedy delta debugging: removes chunks of events (then single events) while the program still
     * disagrees in the same category and stays unambiguous for the oracle.
     */
    static Outcome shrink(EngineDriver driver, Outcome failing, int budget) {
        Outcome best = failing;
        int runs = 0;
        int chunk = Math.max(1, best.program.events.size() / 2);
        while (chunk >= 1 && runs < budget) {
            boolean progress = false;
            for (int start = 0; start < best.program.events.size() && runs < budget; ) {
                List<Event> evs = new ArrayList<>(best.program.events);
                int end = Math.min(evs.size(), start + chunk);
                evs.subList(start, end).clear();
                Program cand = best.program.withEvents(evs);
                Oracle.Result o = Oracle.run(cand, best.policy);
                if (o.ambiguousEvent >= 0) {
                    start += chunk;
                    continue;
                }
                runs++;
                EngineDriver.Run e = driver.run(cand, best.policy);
                Mismatch m = compare(cand, o, e);
                if (m != null && m.category.equals(failing.mismatch.category)) {
                    best = new Outcome(best.seed, cand, best.policy, o, e, m);
                    progress = true;
                } else {
                    start += chunk;
                }
            }
            if (!progress) {
                chunk /= 2;
            }
        }
        Program pruned = best.program.pruned();
        Oracle.Result o = Oracle.run(pruned, best.policy);
        EngineDriver.Run e = driver.run(pruned, best.policy);
        Mismatch m = compare(pruned, o, e);
        if (o.ambiguousEvent < 0 && m != null && m.category.equals(failing.mismatch.category)) {
            best = new Outcome(best.seed, pruned, best.policy, o, e, m);
        }
        return best;
    }
}
