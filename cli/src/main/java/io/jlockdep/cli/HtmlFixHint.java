package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What to do about a finding, worded for its kind. For a cycle: the one global order its other orders already
 * agree on ("always take A before B before C") and the order that breaks it (order #0: for a recorded finding the
 * acquisition that closed the cycle, for a merged one the first in cycle order). A cycle through an event has no
 * such order to agree on (a wait is not an acquisition one could move): its advice names the lock held over the
 * wait and the lock the event's producer takes, and says how to part them. For the other kinds, the kind's advice
 * ({@link Kinds}). A gated cycle, and how to accept a finding on purpose, get a closing note.
 */
final class HtmlFixHint {
    private HtmlFixHint() {
    }

    static void write(HtmlWriter out, FindingRecord f) {
        out.open("div", "class", "hint").element("h4", "How to fix");
        boolean cycle = f.edges.size() >= 2 && (f.kind.equals("circular") || f.kind.equals("instance-inversion"));
        if (cycle && f.kind.equals("circular") && Waits.throughEvent(f.edges)) {
            waitHint(out, f);
        } else if (cycle && f.kind.equals("circular")) {
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

    /**
     * The advice for a cycle through an event: the wait (the first order that waits for an event, from order #0 on)
     * and the order after it, which starts at that event: the lock its producing code takes.
     */
    private static void waitHint(HtmlWriter out, FindingRecord f) {
        int n = f.edges.size();
        int w = 0;
        while (w < n && !Waits.isWait(f.edges.get(w))) {
            w++;
        }
        if (w == n) {
            // every event of the cycle is only produced, never waited for: cannot come from the engine
            out.element("p", Kinds.of(f.kind).help);
            return;
        }
        EdgeRecord wait = f.edges.get(w);
        EdgeRecord produce = f.edges.get((w + 1) % n);
        String event = wait.to;
        boolean heldIsEvent = Waits.isEvent(wait.from);
        out.open("p").text("Order #" + w + " waits for ");
        lock(out, event);
        out.text(heldIsEvent ? " in code that produces " : " while holding ");
        lock(out, wait.from);
        Frame at = Frame.firstProgramFrame(HtmlFinding.frames(f, w));
        if (at != null) {
            out.text(" at ").element("code", HtmlNames.frame(at, 80), "title", at.text);
        }
        out.text(", and the code that produces the event ");
        out.text(Waits.isEvent(produce.to) ? "waits for " : "takes ");
        lock(out, produce.to);
        out.text(n > 2 ? " (and so, through the chain, needs " : "");
        if (n > 2) {
            lock(out, wait.from);
            out.text(")");
        }
        out.text(": the wait can never end.").close("p");
        out.open("p").text("Do not wait for ");
        lock(out, event);
        if (heldIsEvent) {
            out.text(" inside the code that produces ");
            lock(out, wait.from);
            out.text(" (wait outside it, or let another thread wait),");
        } else {
            out.text(" while holding ");
            lock(out, wait.from);
            out.text(" (release it first, or wait outside the lock),");
        }
        out.text(" or produce ");
        lock(out, event);
        out.text(" without ").text(Waits.isEvent(produce.to) ? "waiting for " : "taking ");
        lock(out, produce.to);
        out.text(" (for example count down, put, signal or complete outside it, or do not take the lock in the task"
                + " or thread that produces it).").close("p");
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
