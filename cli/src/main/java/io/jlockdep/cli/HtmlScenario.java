package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The "possible unsafe locking scenario" of a finding as an HTML table, one column per thread, one row per step
 * in time. A cycle of n orders gives n threads: thread k first takes the lock order #k holds, then asks for the
 * one order #k takes, which thread k+1 holds: nobody proceeds. (The text report shows lockdep's two columns; the
 * table shows every thread of a longer cycle.) A shared hold or a read acquisition is {@code rlock}, as in the
 * text report: the order's type says it ({@code S*} held shared, {@code *R} taken for reading). A finding without
 * orders (a lock taken again, a read-to-write upgrade) takes its one column from the scenario lines of its
 * report; a finding without a scenario (an unbalanced release) has no table. An event class reads as the engine
 * words it ({@link Waits}): "held" it is {@code produce(E):} (the thread runs the code that produces E), asked for
 * it is {@code wait(E);}, and the thread after a waiting one must produce the event.
 */
final class HtmlScenario {
    private static final String START = "Possible unsafe locking scenario:";
    private static final String END = "*** DEADLOCK ***";

    private HtmlScenario() {
    }

    /** Writes the table; false when the finding has no scenario. */
    static boolean write(HtmlWriter out, FindingRecord f) {
        if (f.edges.size() >= 2) {
            cycle(out, f);
            return true;
        }
        List<String> steps = reportSteps(f.reportText());
        if (steps.isEmpty()) {
            return false;
        }
        out.open("table", "class", "scenario").open("thead").open("tr").open("th")
                .text("Thread 1").raw(" ").element("span", "as \"" + f.thread + "\"", "class", "muted")
                .close("th").close("tr").close("thead").open("tbody");
        for (String s : steps) {
            out.open("tr").open("td").element("code", s).close("td").close("tr");
        }
        out.open("tr", "class", "deadlock").element("td", "*** DEADLOCK ***").close("tr");
        out.close("tbody").close("table").nl();
        return true;
    }

    private static void cycle(HtmlWriter out, FindingRecord f) {
        int n = f.edges.size();
        out.open("table", "class", "scenario").open("thead").open("tr");
        for (int k = 0; k < n; k++) {
            EdgeRecord e = f.edges.get(k);
            out.open("th").text("Thread " + (k + 1)).raw(" ");
            String as = !e.observed() ? "as contract " + e.origin + " declares (#" + k + ")"
                    : e.thread.isEmpty() ? "as order #" + k : "as \"" + e.thread + "\" did (#" + k + ")";
            out.element("span", as, "class", "muted").close("th");
        }
        out.close("tr").close("thead").open("tbody");
        for (int k = 0; k < n; k++) {
            EdgeRecord e = f.edges.get(k);
            row(out, n, k, holding(e.type.startsWith("S"), e.from), null);
        }
        for (int k = 0; k < n; k++) {
            EdgeRecord e = f.edges.get(k);
            String next = "thread " + ((k + 1) % n + 1);
            row(out, n, k, op(e.type.endsWith("R"), e.to),
                    "waits: " + next + (Waits.isEvent(e.to) ? " must produce it" : " holds it"));
        }
        out.open("tr", "class", "deadlock").element("td", "*** DEADLOCK ***", "colspan", Integer.toString(n))
                .close("tr");
        out.close("tbody").close("table").nl();
    }

    private static void row(HtmlWriter out, int columns, int column, String[] op, String note) {
        out.open("tr");
        for (int c = 0; c < columns; c++) {
            if (c != column) {
                out.element("td", "");
                continue;
            }
            out.open("td").open("code").text(op[0] + "(").element("span", op[1], "title", op[2]).text(op[3])
                    .close("code");
            if (note != null) {
                out.raw(" ").element("span", note, "class", "muted");
            }
            out.close("td");
        }
        out.close("tr");
    }

    /**
     * Asking for a class: {@code lock}, {@code rlock} or for an event {@code wait}; the class's short name, its
     * full name, and what closes the step.
     */
    private static String[] op(boolean shared, String cls) {
        String verb = Waits.isEvent(cls) ? "wait" : shared ? "rlock" : "lock";
        return new String[] {verb, HtmlNames.shortName(cls, 60), cls, ");"};
    }

    /** Holding a class: as {@link #op}, but for an event {@code produce(E):}, running the code that produces it. */
    private static String[] holding(boolean shared, String cls) {
        return Waits.isEvent(cls) ? new String[] {"produce", HtmlNames.shortName(cls, 60), cls, "):"}
                : op(shared, cls);
    }

    /**
     * The steps of a one-thread scenario in a report's text, one per line, as written ({@code lock(A);}, and for
     * an event {@code wait(E);} or {@code produce(E):}); none
     * for a report of two threads (its orders were not recorded: the report text shows it).
     */
    static List<String> reportSteps(String report) {
        List<String> out = new ArrayList<>();
        String[] lines = report.split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].contains(START)) {
            i++;
        }
        for (i++; i < lines.length && !lines[i].contains(END); i++) {
            String l = lines[i].trim();
            if (l.contains("Thread-2")) {
                return List.of();
            }
            if (l.startsWith("lock(") || l.startsWith("rlock(") || l.startsWith("wait(") || l.startsWith("produce(")) {
                out.add(l);
            }
        }
        return out;
    }
}
