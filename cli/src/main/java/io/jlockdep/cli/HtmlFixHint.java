package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What to do about a finding, worded for its kind. For a cycle: the one global order its other orders already
 * agree on ("always take A before B before C") and the order that breaks it (order #0: for a recorded finding the
 * acquisition that closed the cycle, for a merged one the first in cycle order). For the other kinds, the kind's
 * advice ({@link Kinds}). A gated cycle, and how to accept a finding on purpose, get a closing note.
 */
final class HtmlFixHint {
    private HtmlFixHint() {
    }

    static void write(HtmlWriter out, FindingRecord f) {
        out.open("div", "class", "hint").element("h4", "How to fix");
        boolean cycle = f.edges.size() >= 2 && (f.kind.equals("circular") || f.kind.equals("instance-inversion"));
        if (cycle && f.kind.equals("circular")) {
            List<String> order = globalOrder(f);
            EdgeRecord breaking = f.edges.get(0);
            out.open("p").text("Take these locks in one global order everywhere: always take ");
            for (int i = 0; i < order.size(); i++) {
                if (i > 0) {
                    out.text(" before ");
                }
                lock(out, order.get(i));
            }
            out.text(".").close("p");
            out.open("p").text("The other orders of the cycle already follow it; order #0 does not: it takes ");
            lock(out, breaking.to);
            out.text(" while holding ");
            lock(out, breaking.from);
            Frame at = Frame.firstProgramFrame(HtmlFinding.frames(f, 0));
            if (at != null) {
                out.text(" at ").element("code", HtmlNames.frame(at, 80), "title", at.text);
            }
            out.text(". Take ");
            lock(out, breaking.to);
            out.text(" first there, or release ");
            lock(out, breaking.from);
            out.text(" before taking it (copy what you need while holding it, act after).").close("p");
        } else if (cycle) {
            out.element("p", Kinds.of(f.kind).help + " Here two instances of "
                    + HtmlNames.shortName(f.edges.get(0).from, 80) + " are nested in both orders.");
        } else {
            out.element("p", Kinds.of(f.kind).help);
        }
        if (f.gatedBy != null) {
            out.open("p").text("Every order of this cycle was taken while holding one instance of ");
            lock(out, f.gatedBy);
            out.text(" exclusively, so these paths exclude each other as long as every one of them takes it first."
                    + " If that is by design, accept the finding in the baseline.").close("p");
        }
        out.open("p", "class", "muted").text("If this cannot happen (for example the paths never run at the same"
                + " time), accept it: add its cycle id ").element("code", f.cycleId).text(" to the baseline file.")
                .close("p");
        out.close("div").nl();
    }

    /** The locks in the order the orders #1..#n-1 take them: #1's held lock, then each order's taken lock. */
    static List<String> globalOrder(FindingRecord f) {
        List<String> order = new ArrayList<>();
        for (int i = 1; i < f.edges.size(); i++) {
            EdgeRecord e = f.edges.get(i);
            if (order.isEmpty()) {
                order.add(e.from);
            }
            if (!order.contains(e.to)) {
                order.add(e.to);
            }
        }
        return order;
    }

    private static void lock(HtmlWriter out, String name) {
        out.element("code", HtmlNames.shortName(name, 80), "title", name);
    }
}
