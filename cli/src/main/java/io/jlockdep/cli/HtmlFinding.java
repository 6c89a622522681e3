package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One finding's section of the HTML report: its title and status, the cycle drawn ({@link HtmlCycleDrawing}),
 * each order with where it was first taken and its stack ({@link HtmlStack}), the unsafe scenario
 * ({@link HtmlScenario}), the instance evidence, the fix ({@link HtmlFixHint}) and the report text.
 */
final class HtmlFinding {
    /** Cycle ids as the agent makes them; anything else a recording holds gets a numbered anchor instead. */
    private static final Pattern CYCLE_ID = Pattern.compile("[0-9a-f]{16}");

    /** The lead of a cycle through an event: not locks taken in opposite orders, a wait that cannot end. */
    static final String WAIT_LEAD = "Potential deadlock: a wait for an event while holding a lock that the code"
            + " producing the event needs";

    /** The finding's status on the page. */
    enum Status {
        /** Not accepted by the baseline the command was given. */
        NEW("new", "new"),
        /** Not accepted, and no baseline was given. */
        FOUND("found", "new"),
        /** Accepted by the baseline. */
        BASELINED("baselined", "baselined");

        final String label;
        final String css;

        Status(String label, String css) {
            this.label = label;
            this.css = css;
        }
    }

    private HtmlFinding() {
    }

    /** The anchor of the finding: its cycle id, or {@code finding-N} for an id that is not one. */
    static String anchor(FindingRecord f, int number) {
        return CYCLE_ID.matcher(f.cycleId).matches() ? f.cycleId : "finding-" + number;
    }

    /** The cycle as short names, {@code Bank.lock → Account → Bank.lock}. */
    static String shortCycle(FindingRecord f) {
        List<String> parts = new ArrayList<>();
        for (String s : f.lockClasses.split(" -> ", -1)) {
            parts.add(HtmlNames.shortName(s, 48));
        }
        return String.join(" \u2192 ", parts);
    }

    static void write(HtmlWriter out, FindingRecord f, Status status, int number, SourceLocator sources,
                      int recordingCount) {
        out.open("section", "class", "finding " + status.css, "id", anchor(f, number)).nl();
        out.open("header", "class", "finding-head");
        out.open("h3").element("span", Strings.oneLine(f.kind), "class", "kind").raw(" ")
                .element("span", shortCycle(f), "class", "cycle-name", "title", f.lockClasses).close("h3");
        out.open("div", "class", "badges").element("span", status.label, "class", "badge " + status.css);
        if (f.merged) {
            out.element("span", "across JVMs", "class", "badge merged");
        }
        if (f.evidence != null) {
            out.element("span", f.evidence, "class", "badge evidence");
        }
        if (f.gatedBy != null) {
            out.element("span", "gated", "class", "badge gated");
        }
        out.close("div");
        out.element("p", Waits.throughEvent(f.edges) && f.kind.equals("circular") ? WAIT_LEAD
                : Kinds.of(f.kind).shortDescription, "class", "lead");
        out.open("p", "class", "meta").text("cycle id ").element("code", f.cycleId, "class", "cycle-id");
        List<String> recs = f.recordings();
        if (f.merged) {
            out.text(" \u00b7 no single recording shows it: its orders come from " + Strings.count(recs.size(),
                    "recording", "recordings") + ": " + String.join(", ", recs));
            List<String> tests = contexts(f);
            if (!tests.isEmpty()) {
                out.text("; during " + String.join(", ", tests));
            }
        } else if (recordingCount > 1) {
            out.text(" \u00b7 found in " + Strings.count(recs.size(), "recording", "recordings") + ": "
                    + String.join(", ", recs));
        }
        out.close("p").close("header").nl();

        out.open("div", "class", "drawing").raw(HtmlCycleDrawing.svg(f.locks().isEmpty() ? List.of(f.lockClasses)
                : f.locks(), arrows(f), f.kind + ": " + f.lockClasses)).close("div").nl();

        if (!f.edges.isEmpty()) {
            out.element("h4", f.edges.size() == 1 ? "The order" : "The " + f.edges.size() + " orders of the cycle");
            out.open("ol", "class", "orders", "start", "0");
            for (int i = 0; i < f.edges.size(); i++) {
                order(out, f, i, sources);
            }
            out.close("ol").nl();
        } else {
            out.element("h4", "The acquisition");
            out.open("div", "class", "order").open("p").text("in thread ").element("strong", "\"" + f.thread + "\"")
                    .close("p");
            HtmlStack.write(out, f.frames(), sources);
            out.close("div").nl();
        }

        HtmlWriter scenario = new HtmlWriter();
        if (HtmlScenario.write(scenario, f)) {
            out.element("h4", "Possible unsafe locking scenario").raw(scenario.finish());
        }
        evidence(out, f);
        HtmlFixHint.write(out, f);
        out.open("details", "class", "report-text").element("summary", "Report text (lockdep layout)")
                .open("pre").lines(f.reportText()).close("pre").close("details").nl();
        out.close("section").nl();
    }

    /** The arrows of the drawing: one per order; a finding without orders gets one loop on its lock. */
    static List<HtmlCycleDrawing.Arrow> arrows(FindingRecord f) {
        List<HtmlCycleDrawing.Arrow> out = new ArrayList<>();
        for (int i = 0; i < f.edges.size(); i++) {
            EdgeRecord e = f.edges.get(i);
            List<String> label = new ArrayList<>();
            StringBuilder tip = new StringBuilder("#" + i + ": " + e.to + " " + Waits.how(e) + " " + e.from
                    + " (" + e.type + ")");
            if (e.observed()) {
                label.add("#" + i + " \u00b7 \"" + HtmlNames.shortName(e.thread, HtmlCycleDrawing.LABEL_CHARS - 6)
                        + "\"");
                tip.append(i == 0 && !f.merged ? ", closing the cycle in thread \"" : ", first seen in thread \"")
                        .append(e.thread).append('"');
            } else {
                label.add("#" + i + " \u00b7 contract "
                        + HtmlNames.shortName(e.origin, HtmlCycleDrawing.LABEL_CHARS - 14));
                tip.append(", declared in contract ").append(e.origin);
            }
            if (!e.context.isEmpty()) {
                label.add(HtmlNames.shortName(e.context, HtmlCycleDrawing.LABEL_CHARS));
                tip.append(" during ").append(e.context);
            }
            Frame at = Frame.firstProgramFrame(frames(f, i));
            if (at != null) {
                label.add("at " + HtmlNames.frame(at, HtmlCycleDrawing.LABEL_CHARS - 3));
                tip.append(", at ").append(at.text);
            }
            if (f.merged && e.recording != null) {
                label.add("in " + HtmlNames.shortName(fileName(e.recording), HtmlCycleDrawing.LABEL_CHARS - 3));
                tip.append(", in ").append(e.recording);
            }
            out.add(new HtmlCycleDrawing.Arrow(e.from, e.to, label, tip.toString(), i == 0 && !f.merged));
        }
        if (f.edges.isEmpty()) {
            List<String> locks = f.locks();
            String lock = locks.isEmpty() ? f.lockClasses : locks.get(0);
            List<String> label = new ArrayList<>();
            label.add(loopWords(f.kind));
            if (!f.thread.isEmpty()) {
                label.add("\"" + HtmlNames.shortName(f.thread, HtmlCycleDrawing.LABEL_CHARS - 2) + "\"");
            }
            Frame at = Frame.firstProgramFrame(f.frames());
            if (at != null) {
                label.add("at " + HtmlNames.frame(at, HtmlCycleDrawing.LABEL_CHARS - 3));
            }
            out.add(new HtmlCycleDrawing.Arrow(lock, lock, label, loopWords(f.kind) + ": " + lock + " in thread \""
                    + f.thread + "\"" + (at == null ? "" : ", at " + at.text), true));
        }
        return out;
    }

    private static String loopWords(String kind) {
        return switch (kind) {
            case "recursive" -> "taken again while held";
            case "rw-upgrade" -> "write lock asked while reading";
            case "nest-lock-not-held" -> "nest lock not held";
            case "unbalanced" -> "released, not held";
            default -> Strings.oneLine(kind);
        };
    }

    /** The stack of order {@code i}: its own, or for the closing order of a recorded finding the acquisition's. */
    static List<Frame> frames(FindingRecord f, int i) {
        List<Frame> own = f.edges.get(i).frames();
        if (own.isEmpty() && i == 0 && !f.merged) {
            return f.frames();
        }
        return own;
    }

    private static void order(HtmlWriter out, FindingRecord f, int i, SourceLocator sources) {
        EdgeRecord e = f.edges.get(i);
        out.open("li", "class", i == 0 && !f.merged ? "order closing" : "order");
        out.open("p").element("span", "#" + i, "class", "order-no").raw(" ");
        if (Waits.isWait(e)) {
            out.text("waited for ").element("code", HtmlNames.shortName(e.to, 80), "title", e.to)
                    .text(Waits.isEvent(e.from) ? " in code that produces " : " while holding ");
        } else if (Waits.isProduction(e)) {
            out.text("took ").element("code", HtmlNames.shortName(e.to, 80), "title", e.to)
                    .text(" in code that produces ");
        } else {
            out.text("took ").element("code", HtmlNames.shortName(e.to, 80), "title", e.to).text(" while holding ");
        }
        out.element("code", HtmlNames.shortName(e.from, 80), "title", e.from).raw(" ")
                .element("span", e.type, "class", "edge-type", "title", edgeType(e)).close("p");
        out.open("p", "class", "seen");
        if (!e.observed()) {
            out.text("declared in contract ").element("code", e.origin);
            out.text(f.merged ? " (primed in every JVM)" : "");
        } else {
            out.text(i == 0 && !f.merged ? "closed the cycle in thread " : "first seen in thread ")
                    .element("strong", "\"" + e.thread + "\"");
        }
        if (!e.context.isEmpty()) {
            out.text(" during ").element("strong", e.context);
        }
        if (f.merged && e.recording != null) {
            out.text(" in ").element("code", e.recording);
            if (!e.alsoIn.isEmpty()) {
                out.text(" (also in " + String.join(", ", e.alsoIn) + ")");
            }
        }
        out.close("p");
        if (e.observed()) {
            HtmlStack.write(out, frames(f, i), sources);
        }
        out.close("li").nl();
    }

    private static String edgeType(EdgeRecord e) {
        if (Waits.isWait(e)) {
            // the engine types a wait as an exclusive acquisition of the event: its modes say nothing more
            return (e.type.startsWith("S") ? "held shared" : "held exclusively") + ", then the event waited for";
        }
        if (Waits.isProduction(e)) {
            return "code producing the event, then " + (e.type.endsWith("R") ? "taken for a recursive read"
                    : "taken exclusively (or for a read that can queue)");
        }
        return switch (e.type) {
            case "EN" -> "held exclusively, then taken exclusively (or for a read that can queue)";
            case "ER" -> "held exclusively, then taken for a recursive read";
            case "SN" -> "held shared, then taken exclusively (or for a read that can queue)";
            case "SR" -> "held shared, then taken for a recursive read";
            default -> "edge type " + e.type;
        };
    }

    private static void evidence(HtmlWriter out, FindingRecord f) {
        out.element("h4", "Evidence");
        out.open("dl", "class", "evidence");
        out.element("dt", "Instances");
        if (f.merged) {
            out.element("dd", "class-only: the orders come from different JVMs, whose lock instances are not"
                    + " comparable. Each order ran; run together, they can deadlock.");
        } else if ("witnessed".equals(f.evidence)) {
            out.element("dd", "witnessed: the same lock instances were taken in every order of the cycle. This run"
                    + " itself could have deadlocked with a different timing.");
        } else if ("class-only".equals(f.evidence)) {
            out.element("dd", "class-only: the orders were taken on different instances of these lock classes."
                    + " Another run (other data, other timing) can take the same instances in both orders.");
        } else if (f.evidence != null) {
            out.element("dd", f.evidence);
        } else {
            out.element("dd", "not recorded (an agent older than the evidence field made this recording)");
        }
        if (f.gatedBy != null) {
            out.element("dt", "Gated by");
            out.open("dd").element("code", f.gatedBy).text(": one instance of it was held on every order of the"
                    + " cycle (the agent ran with gated=report)").close("dd");
        }
        if (!f.origins.isEmpty()) {
            out.element("dt", "Allocated at");
            out.open("dd").open("ul", "class", "origins");
            for (Map.Entry<String, String> o : f.origins.entrySet()) {
                out.open("li").element("code", HtmlNames.shortName(o.getKey(), 80), "title", o.getKey()).text(": ")
                        .element("code", o.getValue()).close("li");
            }
            out.close("ul").close("dd");
        }
        out.close("dl").nl();
    }

    /** The distinct contexts (tests) of the finding's orders, in order. */
    static List<String> contexts(FindingRecord f) {
        List<String> out = new ArrayList<>();
        for (EdgeRecord e : f.edges) {
            if (!e.context.isEmpty() && !out.contains(e.context)) {
                out.add(e.context);
            }
        }
        return out;
    }

    private static String fileName(String recording) {
        int slash = Math.max(recording.lastIndexOf('/'), recording.lastIndexOf('\\'));
        return slash >= 0 ? recording.substring(slash + 1) : recording;
    }
}
