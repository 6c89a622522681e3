package io.jlockdep.cli;

import java.util.List;

/**
 * {@code --format html}: one self-contained HTML5 page that opens from disk. Style, drawings and text are inline;
 * the page has no script and refers to nothing outside itself (no URL, font, image or link to a file), and its
 * Content-Security-Policy forbids loading or running anything, so even markup that escaped escaping could not
 * act. The page: the verdict and summary line, the overview ({@link HtmlOverview}), a list of the findings, then
 * one section per finding, each cycle id once, anchored at its cycle id ({@link HtmlFinding}): first those the
 * baseline does not accept, then the baselined ones. Without findings, a "no potential deadlocks" panel above
 * the overview. Every name from a recording is escaped ({@link HtmlWriter}). Nothing depends on the time or
 * the machine: the same outcome gives the same bytes.
 */
final class HtmlOutput {
    /** Nothing may load or run; inline styles and SVG still render. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'";

    private HtmlOutput() {
    }

    static String render(Outcome o, SourceLocator sources) {
        HtmlWriter out = new HtmlWriter();
        out.raw("<!DOCTYPE html>").nl();
        out.open("html", "lang", "en").nl().open("head").nl();
        out.empty("meta", "charset", "utf-8").nl();
        out.empty("meta", "http-equiv", "Content-Security-Policy", "content", CSP).nl();
        out.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").nl();
        out.empty("meta", "name", "generator", "content", Version.NAME + " " + Version.version()).nl();
        out.element("title", "jlockdep " + o.command.id() + ": " + o.summary()).nl();
        out.open("style").raw(HtmlStyle.CSS).close("style").nl();
        out.close("head").nl().open("body").nl().open("main").nl();

        header(out, o);
        if (o.all.isEmpty()) {
            out.open("section", "class", "clean", "id", "clean").element("h2", "No potential deadlocks")
                    .element("p", "No lock order cycle, self-deadlock or lock misuse in "
                            + Strings.count(o.recordings.size(), "recording", "recordings")
                            + (o.merge() ? " or in the union of their lock orders." : "."))
                    .close("section").nl();
        }
        HtmlOverview.write(out, o);
        if (!o.all.isEmpty()) {
            toc(out, o);
            int number = 0;
            for (FindingRecord f : o.findings) {
                HtmlFinding.write(out, f, o.baselineName != null ? HtmlFinding.Status.NEW : HtmlFinding.Status.FOUND,
                        number++, sources, o.recordings.size());
            }
            for (FindingRecord f : o.accepted) {
                HtmlFinding.write(out, f, HtmlFinding.Status.BASELINED, number++, sources, o.recordings.size());
            }
        }
        out.open("footer").text("Written by " + Version.NAME + " " + Version.version() + " (" + o.command.id()
                + "). This page is self-contained: it loads nothing and runs no script.").close("footer").nl();
        out.close("main").nl().close("body").nl().close("html").nl();
        return out.finish();
    }

    private static void header(HtmlWriter out, Outcome o) {
        boolean fails = o.command.failsOnFindings() && !o.findings.isEmpty();
        String verdict;
        if (o.command.failsOnFindings()) {
            verdict = fails ? o.command.id() + " fails" : o.command.id() + " passes";
        } else {
            verdict = o.findings.isEmpty() ? "clean" : Strings.count(o.findings.size(), "finding", "findings");
        }
        out.open("header", "class", "page-head").open("div").element("h1", "jlockdep " + o.command.id())
                .element("p", o.summary(), "class", "summary").close("div")
                .element("span", verdict, "class", o.findings.isEmpty() ? "verdict ok" : "verdict bad")
                .close("header").nl();
    }

    private static void toc(HtmlWriter out, Outcome o) {
        out.open("nav", "class", "toc").element("h2", "Findings").open("ol");
        int number = 0;
        number = tocEntries(out, o.findings, o.baselineName != null ? "new" : null, number);
        tocEntries(out, o.accepted, "baselined", number);
        out.close("ol").close("nav").nl();
    }

    private static int tocEntries(HtmlWriter out, List<FindingRecord> list, String status, int number) {
        for (FindingRecord f : list) {
            out.open("li").open("a", "href", "#" + HtmlFinding.anchor(f, number++))
                    .element("span", Strings.oneLine(f.kind), "class", "muted").raw(" ")
                    .text(HtmlFinding.shortCycle(f)).close("a");
            if (status != null) {
                out.raw(" ").element("span", status, "class", "badge " + status);
            }
            out.close("li");
        }
        return number;
    }
}
