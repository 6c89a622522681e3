package io.jlockdep.cli;

/**
 * The HTML report's style sheet, inlined into the page: system fonts only (nothing to download), a light and a
 * dark palette, print rules. The drawing's text is monospace, whose widths {@link HtmlCycleDrawing} estimates.
 * No {@code <} or {@code &} here: the page stays well-formed XML.
 */
final class HtmlStyle {
    private HtmlStyle() {
    }

    static final String CSS = """
            :root {
              --bg: #f6f7f9; --panel: #ffffff; --text: #1d2330; --muted: #5d6678; --line: #dde1e8;
              --accent: #2f5fb3; --node: #e3ecfb; --node-line: #2f5fb3; --arrow: #4a5468;
              --event: #fdf3e1; --event-line: #a86a00;
              --bad: #c0352b; --bad-bg: #fdecea; --ok: #1e7a45; --ok-bg: #e6f4ec;
              --warn: #8a5a00; --warn-bg: #fff4dc; --code-bg: #f1f3f6;
              --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
            }
            @media (prefers-color-scheme: dark) {
              :root {
                --bg: #14171c; --panel: #1c2027; --text: #e3e6eb; --muted: #9aa3b2; --line: #2e343e;
                --accent: #7fa6ec; --node: #1f2b40; --node-line: #7fa6ec; --arrow: #aab3c2;
                --event: #33291a; --event-line: #f3c46b;
                --bad: #ff8a80; --bad-bg: #3a1f1f; --ok: #7fd6a0; --ok-bg: #1b3226;
                --warn: #f3c46b; --warn-bg: #3a2f17; --code-bg: #232831;
              }
            }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--text);
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
            code, pre { font-family: var(--mono); font-size: 13px; }
            code { background: var(--code-bg); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
            h1 { font-size: 24px; margin: 0; }
            h2 { font-size: 19px; margin: 0 0 14px; }
            h3 { font-size: 18px; margin: 0; line-height: 1.35; }
            h4 { font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
              margin: 22px 0 8px; }
            .muted { color: var(--muted); }
            .page-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 20px;
              padding-bottom: 18px; border-bottom: 1px solid var(--line); margin-bottom: 22px; }
            .page-head .summary { margin: 6px 0 0; color: var(--muted); }
            .verdict { font-weight: 600; padding: 6px 14px; border-radius: 999px; white-space: nowrap; }
            .verdict.bad { color: var(--bad); background: var(--bad-bg); }
            .verdict.ok { color: var(--ok); background: var(--ok-bg); }
            section.overview, section.finding, .toc, .clean { background: var(--panel); border: 1px solid var(--line);
              border-radius: 10px; padding: 20px 24px; margin-bottom: 22px; }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px;
              margin-bottom: 18px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
            .card.bad { border-color: var(--bad); background: var(--bad-bg); }
            .card.ok { border-color: var(--ok); background: var(--ok-bg); }
            .card-n { font-size: 26px; font-weight: 650; line-height: 1.2; }
            .card.bad .card-n { color: var(--bad); }
            .card.ok .card-n { color: var(--ok); }
            .card-what { font-weight: 600; }
            .card-note { font-size: 12px; color: var(--muted); }
            table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 14px; }
            th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .stale { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 6px 14px;
              border-radius: 4px; }
            .toc ol { margin: 0; padding-left: 22px; }
            .toc li { margin: 4px 0; }
            .toc a { color: var(--accent); text-decoration: none; }
            .toc a:hover { text-decoration: underline; }
            .clean { border-color: var(--ok); background: var(--ok-bg); }
            .clean h2 { color: var(--ok); margin: 0 0 4px; }
            section.finding { border-left: 5px solid var(--bad); }
            section.finding.baselined { border-left-color: var(--warn); }
            .finding-head .kind { font-family: var(--mono); font-size: 14px; color: var(--muted); font-weight: 500; }
            .finding-head .cycle-name { overflow-wrap: anywhere; }
            .finding-head .lead { margin: 6px 0 2px; }
            .finding-head .meta { margin: 0; color: var(--muted); font-size: 13px; }
            .badges { margin: 8px 0 0; display: flex; gap: 6px; flex-wrap: wrap; }
            .badge { font-size: 12px; font-weight: 600; padding: 2px 10px; border-radius: 999px;
              border: 1px solid var(--line); color: var(--muted); }
            .badge.new { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
            .badge.baselined { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
            .drawing { margin: 18px 0 4px; padding: 10px; border: 1px solid var(--line); border-radius: 8px;
              background: var(--bg); overflow-x: auto; text-align: center; }
            svg.cycle { max-width: 100%; height: auto; }
            svg.cycle .node rect, svg.cycle .swatch rect { fill: var(--node); stroke: var(--node-line); stroke-width: 1.5; }
            svg.cycle .event rect { fill: var(--event); stroke: var(--event-line); stroke-dasharray: 6 3; }
            svg.cycle .legend-word { font-size: 12px; fill: var(--muted); }
            svg.cycle text { font-family: var(--mono); fill: var(--text); }
            svg.cycle .node-type { font-size: 12px; fill: var(--muted); }
            svg.cycle .node-name { font-size: 13px; font-weight: 600; }
            svg.cycle .arrow-line { fill: none; stroke: var(--arrow); stroke-width: 1.6; }
            svg.cycle .arrow-head { fill: var(--arrow); }
            svg.cycle .closing .arrow-line { stroke: var(--bad); stroke-width: 2.2; }
            svg.cycle .closing .arrow-head { fill: var(--bad); }
            svg.cycle .arrow-label rect { fill: var(--panel); opacity: .88; }
            svg.cycle .arrow-label text { font-size: 12px; }
            svg.cycle .arrow-label.closing text { fill: var(--bad); }
            ol.orders { list-style: none; padding: 0; margin: 0; }
            li.order, div.order { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 8px 0; }
            li.order.closing { border-left: 4px solid var(--bad); }
            li.order p, div.order p { margin: 2px 0; }
            .order-no { font-weight: 700; color: var(--accent); }
            .edge-type { font-family: var(--mono); font-size: 11px; color: var(--muted); border: 1px solid var(--line);
              border-radius: 4px; padding: 0 4px; }
            .seen { color: var(--muted); font-size: 14px; }
            .seen strong { color: var(--text); font-weight: 600; }
            ol.stack { list-style: none; padding-left: 14px; margin: 6px 0 4px; }
            ol.stack li { margin: 1px 0; }
            li.frame code { background: none; padding: 0; }
            li.frame.app code { font-weight: 600; }
            .src { font-family: var(--mono); font-size: 12px; color: var(--muted); }
            li.folded summary { cursor: pointer; color: var(--muted); font-size: 13px; }
            li.folded ol.stack { padding-left: 18px; }
            li.folded li.frame code { color: var(--muted); }
            table.scenario { width: auto; min-width: 50%; }
            table.scenario td, table.scenario th { border: 1px solid var(--line); min-width: 220px; }
            table.scenario tr.deadlock td { text-align: center; font-weight: 700; color: var(--bad);
              font-family: var(--mono); font-size: 13px; }
            dl.evidence { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0; }
            dl.evidence dt { font-weight: 600; }
            dl.evidence dd { margin: 0; }
            ul.origins { margin: 0; padding-left: 18px; }
            .hint { margin-top: 22px; border-left: 4px solid var(--accent); background: var(--code-bg);
              padding: 4px 16px; border-radius: 4px; }
            .hint h4 { margin-top: 10px; }
            details.report-text { margin-top: 18px; }
            details.report-text summary { cursor: pointer; color: var(--muted); }
            details.report-text pre { background: var(--code-bg); padding: 12px; border-radius: 6px; overflow-x: auto;
              white-space: pre; }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 30px; }
            @media print {
              body { background: #fff; }
              section.overview, section.finding, .toc { break-inside: avoid-page; }
              details.report-text { display: none; }
            }
            """;
}
