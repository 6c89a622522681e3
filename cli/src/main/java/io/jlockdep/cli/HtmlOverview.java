package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overview at the top of the HTML report: the verdict, the findings counted by kind and by status (new,
 * baselined, and what the agents suppressed or held back as gated, from their Statistics events), the
 * recordings read with the lock classes and orders each checked, stale baseline ids, and for {@code merge} the
 * union it searched.
 */
final class HtmlOverview {
    private HtmlOverview() {
    }

    static void write(HtmlWriter out, Outcome o) {
        out.open("section", "class", "overview", "id", "overview").nl();
        out.element("h2", "Overview");
        cards(out, o);
        byKind(out, o);
        recordings(out, o);
        if (o.merge()) {
            out.open("p").text("merge searched the union of ").number(o.unionEdges)
                    .text(o.unionEdges == 1 ? " dependency edge" : " dependency edges")
                    .text(" and reports only the cycles no single recording shows");
            if (o.singleRecordingCycles > 0) {
                out.text("; ").number(o.singleRecordingCycles).text(o.singleRecordingCycles == 1
                        ? " cycle within a single recording is left to check" : " cycles within single recordings"
                        + " are left to check");
            }
            out.text(".").close("p").nl();
        }
        if (!o.stale.isEmpty()) {
            out.open("div", "class", "stale").open("p").text("Baseline ").element("code", o.baselineName).text(": ")
                    .text(Strings.count(o.stale.size(), "stale id", "stale ids"))
                    .text(" no longer found (the deadlock was fixed? remove the line):").close("p");
            out.open("ul");
            for (String id : o.stale) {
                out.open("li").element("code", id).close("li");
            }
            out.close("ul").close("div").nl();
        }
        out.close("section").nl();
    }

    private static void cards(HtmlWriter out, Outcome o) {
        long suppressed = sum(o, c -> c.suppressed);
        long gated = sum(o, c -> c.gated);
        long classes = sum(o, c -> c.classes);
        long orders = sum(o, c -> c.orders);
        out.open("div", "class", "cards");
        card(out, o.findings.size(), o.baselineName != null ? "new" : "findings", o.findings.isEmpty() ? "ok" : "bad",
                o.baselineName != null ? "not in the baseline" : "potential deadlocks");
        if (o.baselineName != null) {
            card(out, o.accepted.size(), "baselined", "", "accepted by " + o.baselineName);
        }
        if (suppressed >= 0) {
            card(out, suppressed, "suppressed", "", "by the agents' suppress=FILE, not reported");
        }
        if (gated > 0) {
            card(out, gated, "gated", "", "held back by the agents (gated=ignore)");
        }
        card(out, o.recordings.size(), o.recordings.size() == 1 ? "recording" : "recordings", "", "read");
        if (classes >= 0) {
            card(out, classes, "lock classes", "", "checked" + (o.recordings.size() > 1 ? ", summed over JVMs" : ""));
        }
        if (orders >= 0) {
            card(out, orders, "lock orders", "", "checked" + (o.recordings.size() > 1 ? ", summed over JVMs" : ""));
        }
        out.close("div").nl();
    }

    private static void card(HtmlWriter out, long n, String what, String tone, String note) {
        out.open("div", "class", tone.isEmpty() ? "card" : "card " + tone).open("div", "class", "card-n").number(n)
                .close("div").element("div", what, "class", "card-what").element("div", note, "class", "card-note")
                .close("div");
    }

    private static void byKind(HtmlWriter out, Outcome o) {
        if (o.all.isEmpty()) {
            return;
        }
        Map<String, Integer> fresh = Outcome.byKind(o.findings);
        Map<String, Integer> accepted = Outcome.byKind(o.accepted);
        Map<String, Integer> all = Outcome.byKind(o.all);
        boolean baseline = o.baselineName != null;
        out.open("table", "class", "kinds").open("thead").open("tr").element("th", "kind")
                .element("th", baseline ? "new" : "found", "class", "num");
        if (baseline) {
            out.element("th", "baselined", "class", "num");
        }
        out.element("th", "what it means").close("tr").close("thead").open("tbody");
        for (String kind : all.keySet()) {
            out.open("tr").open("td").element("code", kind).close("td")
                    .open("td", "class", "num").number(fresh.getOrDefault(kind, 0)).close("td");
            if (baseline) {
                out.open("td", "class", "num").number(accepted.getOrDefault(kind, 0)).close("td");
            }
            out.element("td", Kinds.of(kind).shortDescription).close("tr");
        }
        out.close("tbody").close("table").nl();
    }

    private static void recordings(HtmlWriter out, Outcome o) {
        out.open("table", "class", "recordings").open("thead").open("tr").element("th", "recording")
                .element("th", "findings", "class", "num").element("th", "lock classes", "class", "num")
                .element("th", "lock orders", "class", "num").element("th", "acquisitions", "class", "num")
                .element("th", "suppressed", "class", "num").element("th", "gated", "class", "num")
                .element("th", "notes").close("tr").close("thead").open("tbody");
        for (Recording r : o.recordings) {
            Recording.Counters c = r.counters;
            out.open("tr").open("td").element("code", r.name).close("td");
            cell(out, r.findings.size());
            cell(out, c.classes);
            cell(out, c.orders);
            cell(out, c.acquisitions);
            cell(out, c.suppressed);
            cell(out, c.gated);
            List<String> notes = new ArrayList<>();
            if (r.statisticsEvents == 0) {
                notes.add("no Statistics event: the run was killed or is still running");
            } else if (r.statisticsEvents > 1) {
                notes.add(r.statisticsEvents + " agent runs");
            }
            if (Boolean.TRUE.equals(r.edgesRecorded)) {
                notes.add("edges=on (" + Strings.count(r.plainEdges.size(), "edge", "edges") + " recorded)");
            }
            if (c.dropped > 0) {
                notes.add(c.dropped + " events dropped by the agent");
            }
            out.element("td", String.join("; ", notes), "class", "muted").close("tr");
        }
        out.close("tbody").close("table").nl();
    }

    private static void cell(HtmlWriter out, long n) {
        out.open("td", "class", "num");
        if (n < 0) {
            out.element("span", "\u2013", "class", "muted", "title", "not in this recording");
        } else {
            out.number(n);
        }
        out.close("td");
    }

    private interface Counter {
        long of(Recording.Counters c);
    }

    /** The counter summed over the recordings that have it; -1 when none has. */
    private static long sum(Outcome o, Counter counter) {
        long sum = -1;
        for (Recording r : o.recordings) {
            long v = counter.of(r.counters);
            if (v >= 0) {
                sum = Math.max(sum, 0) + v;
            }
        }
        return sum;
    }
}
