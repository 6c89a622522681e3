package io.jlockdep.cli;

import java.util.List;

/**
 * The report of a cycle found only in the union of several recordings, in a layout close to the lockdep
 * one: each order with the recording, thread, context and stack where it was first seen. Orders and scenario
 * steps through an event class are worded for waits as the engine words them ({@link Waits}).
 */
final class MergedReport {
    static final String HEADLINE = "WARNING: possible circular locking dependency across recordings";
    private static final String NL = "\n";
    private static final int MAX_PRINTED_FRAMES = 12;

    private MergedReport() {
    }

    /** The report; {@code edges} in cycle order ({@code edges[i].to == edges[i+1].from}). */
    static String render(String cycleId, String lockClasses, List<EdgeRecord> edges) {
        StringBuilder sb = new StringBuilder(2048);
        line(sb, '=', HEADLINE.length());
        sb.append(HEADLINE).append(NL);
        line(sb, '-', HEADLINE.length());
        if (Waits.throughEvent(edges)) {
            // a wait is no lock order: say what was seen without calling it one
            sb.append("no single recording shows this cycle: its waits and lock orders were seen in different")
                    .append(NL);
        } else {
            sb.append("no single recording shows this cycle: its lock orders were taken in different").append(NL);
        }
        sb.append("JVMs, so each run looked clean on its own. Together they can deadlock:").append(NL)
                .append(NL);
        sb.append("  ").append(h(lockClasses)).append(NL).append(NL);
        sb.append("the dependency chain, each order where it was first seen:").append(NL).append(NL);
        for (int i = 0; i < edges.size(); i++) {
            EdgeRecord e = edges.get(i);
            sb.append("-> #").append(i).append(" (").append(h(e.to)).append("): ");
            if (e.recording == null) {
                sb.append("declared in contract ").append(h(e.origin)).append(" (primed in every JVM)");
            } else if (e.observed()) {
                sb.append("first seen in ").append(h(e.recording)).append(", thread \"").append(h(e.thread)).append('"');
            } else {
                sb.append("first seen in ").append(h(e.recording)).append(", in contract ").append(h(e.origin));
            }
            if (!e.context.isEmpty()) {
                sb.append(" during ").append(h(e.context));
            }
            sb.append(", ").append(Waits.how(e)).append(' ').append(h(e.from)).append(" -(").append(h(e.type)).append(")->").append(NL);
            if (e.recording != null) {
                frames(sb, e.frames());
            }
            if (!e.alsoIn.isEmpty()) {
                sb.append("       (also in ").append(h(String.join(", ", e.alsoIn))).append(')').append(NL);
            }
            sb.append(NL);
        }
        EdgeRecord first = edges.get(0);
        EdgeRecord last = edges.get(edges.size() - 1);
        sb.append(" Possible unsafe locking scenario:").append(NL).append(NL);
        sb.append("       Thread-1                Thread-2").append(NL);
        sb.append("       --------                --------").append(NL);
        sb.append("  ").append(Waits.holding(held(first), first.from, h(first.from))).append(NL);
        sb.append("                               ").append(Waits.holding(held(last), last.from, h(last.from)))
                .append(NL);
        sb.append("                               ").append(Waits.op(acquired(last), last.to, h(last.to))).append(NL);
        sb.append("  ").append(Waits.op(acquired(first), first.to, h(first.to))).append(NL).append(NL);
        sb.append(" *** DEADLOCK ***").append(NL).append(NL);
        sb.append("evidence: class-only (orders from different JVMs: their instances are not comparable)").append(NL);
        sb.append("cycle id: ").append(cycleId).append(NL);
        return sb.toString();
    }

    private static boolean held(EdgeRecord e) {
        return e.type.startsWith("S");
    }

    private static boolean acquired(EdgeRecord e) {
        return e.type.endsWith("R");
    }


    private static void frames(StringBuilder sb, List<Frame> frames) {
        if (frames.isEmpty()) {
            sb.append("       (no stack trace recorded)").append(NL);
            return;
        }
        int n = Math.min(frames.size(), MAX_PRINTED_FRAMES);
        for (int i = 0; i < n; i++) {
            sb.append("       at ").append(h(frames.get(i).text)).append(NL);
        }
        if (frames.size() > n) {
            sb.append("       ... ").append(frames.size() - n).append(" more").append(NL);
        }
    }

    /** A name from a recording, safe to print on one line ({@link Strings#oneLine}). */
    private static String h(String name) {
        return Strings.oneLine(name);
    }

    private static void line(StringBuilder sb, char c, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        sb.append(NL);
    }
}
