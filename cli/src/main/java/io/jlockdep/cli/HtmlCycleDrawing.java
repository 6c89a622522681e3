package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cycle drawn as an inline SVG graph: one node per lock class, one arrow per order ("held, then taken"), each
 * arrow labelled with a few short lines (thread, test, source line). The layout is computed here, so the same
 * cycle always gives the same bytes and the page needs no script: one node in the middle, two side by side
 * (their two orders bent apart, one above, one below), three or more on a circle in cycle order, clockwise from
 * the top, with the arrows bent outwards. The circle grows with the widest node, so nodes never overlap; the
 * canvas is the bounding box of everything drawn. A lock taken again while held is a loop on its node. An event
 * class ({@link Waits#isEvent}) is a node of its own look (class {@code node event}: a dashed box), and a drawing
 * with one gets a legend below everything else ("event", "lock"), so it never overlaps the cycle.
 *
 * <p>Trigonometry is {@link StrictMath}'s, so that every JDK computes the same coordinates (one decimal).
 * Text widths are estimated for the monospace font the page's style sets for the drawing (0.6 em per
 * character). Beyond {@link #FULL_LABELS} nodes, labels shrink to the arrow's number, names to
 * {@link #SMALL_NODE_CHARS} characters: the finding's order list below the drawing says the rest.
 */
final class HtmlCycleDrawing {
    /** Up to this many nodes the arrows carry their full labels. */
    static final int FULL_LABELS = 8;
    static final int NODE_CHARS = 30;
    static final int SMALL_NODE_CHARS = 20;
    static final int LABEL_CHARS = 56;
    private static final double NODE_FONT = 13;
    private static final double LABEL_FONT = 12;
    private static final double CHAR = 0.6;
    private static final double LINE = 15;
    private static final double PAD = 12;

    /** One order of the cycle: {@code from} held while {@code to} was taken. */
    record Arrow(String from, String to, List<String> label, String tooltip, boolean emphasized) {
    }

    private record Box(double x, double y, double w, double h) {
        double cx() {
            return x + w / 2;
        }

        double cy() {
            return y + h / 2;
        }
    }

    private record Pt(double x, double y) {
        Pt plus(Pt o, double k) {
            return new Pt(x + o.x * k, y + o.y * k);
        }

        Pt unit() {
            double l = StrictMath.hypot(x, y);
            return l < 1e-9 ? new Pt(0, -1) : new Pt(x / l, y / l);
        }
    }

    private final List<String> nodes;
    private final List<Arrow> arrows;
    private final String caption;
    private final List<Box> boxes = new ArrayList<>();
    private final List<String[]> nodeText = new ArrayList<>();
    private double minX = Double.MAX_VALUE;
    private double minY = Double.MAX_VALUE;
    private double maxX = -Double.MAX_VALUE;
    private double maxY = -Double.MAX_VALUE;

    private HtmlCycleDrawing(List<String> nodes, List<Arrow> arrows, String caption) {
        this.nodes = nodes;
        this.arrows = arrows;
        this.caption = caption;
    }

    /**
     * The SVG element (markup) of the cycle through {@code nodes} (lock classes, each once, in cycle order) along
     * {@code arrows}, whose ends are among the nodes.
     *
     * @param caption what a screen reader says for the drawing
     */
    static String svg(List<String> nodes, List<Arrow> arrows, String caption) {
        return new HtmlCycleDrawing(nodes, arrows, caption).draw();
    }

    private String draw() {
        boolean small = nodes.size() > FULL_LABELS;
        layoutNodes(small ? SMALL_NODE_CHARS : NODE_CHARS);
        HtmlWriter arrowsOut = new HtmlWriter();
        HtmlWriter labelsOut = new HtmlWriter();
        int[] loops = new int[nodes.size()];
        for (int i = 0; i < arrows.size(); i++) {
            Arrow a = arrows.get(i);
            int from = nodes.indexOf(a.from());
            int to = nodes.indexOf(a.to());
            if (from < 0 || to < 0) {
                continue;
            }
            List<String> label = small ? List.of("#" + i) : a.label();
            if (from == to) {
                loop(arrowsOut, labelsOut, a, label, from, loops[from]++);
            } else {
                curve(arrowsOut, labelsOut, a, label, from, to, parallelIndex(i));
            }
        }
        HtmlWriter nodesOut = new HtmlWriter();
        boolean events = false;
        for (int i = 0; i < nodes.size(); i++) {
            node(nodesOut, i);
            events |= Waits.isEvent(nodes.get(i));
        }
        if (events) {
            legend(nodesOut);
        }
        double x = minX - PAD;
        double y = minY - PAD;
        double w = maxX - minX + 2 * PAD;
        double h = maxY - minY + 2 * PAD;
        HtmlWriter svg = new HtmlWriter();
        svg.open("svg", "class", "cycle", "viewBox", n(x) + " " + n(y) + " " + n(w) + " " + n(h),
                "width", n(w), "height", n(h), "role", "img", "aria-label", caption).nl();
        svg.raw(arrowsOut.finish()).raw(labelsOut.finish()).raw(nodesOut.finish());
        svg.close("svg");
        return svg.finish();
    }

    /** How many earlier arrows join the same two nodes in the same direction (they bend further out). */
    private int parallelIndex(int i) {
        int k = 0;
        for (int j = 0; j < i; j++) {
            if (arrows.get(j).from().equals(arrows.get(i).from()) && arrows.get(j).to().equals(arrows.get(i).to())) {
                k++;
            }
        }
        return k;
    }

    private void layoutNodes(int maxChars) {
        double maxW = 0;
        double maxH = 0;
        for (String name : nodes) {
            String[] parts = HtmlNames.lockParts(name, maxChars);
            nodeText.add(parts);
            double w = Math.max(parts[0].length(), parts[1].length()) * CHAR * NODE_FONT + 24;
            double h = parts[0].isEmpty() ? 30 : 44;
            maxW = Math.max(maxW, w);
            maxH = Math.max(maxH, h);
        }
        int n = nodes.size();
        List<Pt> centers = new ArrayList<>();
        if (n == 1) {
            centers.add(new Pt(0, 0));
        } else if (n == 2) {
            double d = maxW + 170;
            centers.add(new Pt(-d / 2, 0));
            centers.add(new Pt(d / 2, 0));
        } else {
            // neighbours one chord apart: the chord must clear the widest node (and a tall one, near the sides)
            double chord = Math.max(maxW, maxH * 2) + 70;
            double r = Math.max(150, chord / (2 * StrictMath.sin(Math.PI / n)));
            for (int i = 0; i < n; i++) {
                double a = -Math.PI / 2 + 2 * Math.PI * i / n;
                centers.add(new Pt(r * StrictMath.cos(a), r * StrictMath.sin(a)));
            }
        }
        for (int i = 0; i < n; i++) {
            String[] parts = nodeText.get(i);
            double w = Math.max(parts[0].length(), parts[1].length()) * CHAR * NODE_FONT + 24;
            double h = parts[0].isEmpty() ? 30 : 44;
            Box b = new Box(centers.get(i).x - w / 2, centers.get(i).y - h / 2, w, h);
            boxes.add(b);
            extend(b.x, b.y);
            extend(b.x + b.w, b.y + b.h);
        }
    }

    private void node(HtmlWriter out, int i) {
        Box b = boxes.get(i);
        String[] parts = nodeText.get(i);
        out.open("g", "class", Waits.isEvent(nodes.get(i)) ? "node event" : "node").element("title", nodes.get(i));
        out.empty("rect", "x", n(b.x), "y", n(b.y), "width", n(b.w), "height", n(b.h), "rx", "6");
        if (parts[0].isEmpty()) {
            out.element("text", parts[1], "class", "node-name", "x", n(b.cx()), "y", n(b.cy() + 4), "text-anchor",
                    "middle");
        } else {
            out.element("text", parts[0], "class", "node-type", "x", n(b.cx()), "y", n(b.y + 17), "text-anchor",
                    "middle");
            out.element("text", parts[1], "class", "node-name", "x", n(b.cx()), "y", n(b.y + 35), "text-anchor",
                    "middle");
        }
        out.close("g").nl();
    }

    /** The legend of a drawing with an event: a box of each look and its word, in a row below the drawing. */
    private void legend(HtmlWriter out) {
        double top = maxY + 14;
        double x = minX;
        out.open("g", "class", "legend");
        for (String[] item : new String[][] {{"swatch event", "event"}, {"swatch", "lock"}}) {
            out.open("g", "class", item[0]);
            out.empty("rect", "x", n(x), "y", n(top), "width", "24", "height", "14", "rx", "3");
            out.close("g");
            double w = item[1].length() * CHAR * LABEL_FONT;
            out.element("text", item[1], "class", "legend-word", "x", n(x + 30), "y", n(top + 11));
            x += 30 + w + 18;
        }
        out.close("g").nl();
        extend(minX, top);
        extend(x - 18, top + 14);
    }

    /** An arrow between two nodes: a quadratic curve bent away from the middle of the drawing. */
    private void curve(HtmlWriter out, HtmlWriter labels, Arrow a, List<String> label, int from, int to, int k) {
        Box bf = boxes.get(from);
        Box bt = boxes.get(to);
        Pt pf = new Pt(bf.cx(), bf.cy());
        Pt pt = new Pt(bt.cx(), bt.cy());
        Pt dir = new Pt(pt.x - pf.x, pt.y - pf.y);
        double length = StrictMath.hypot(dir.x, dir.y);
        Pt mid = new Pt((pf.x + pt.x) / 2, (pf.y + pt.y) / 2);
        Pt normal;
        if (nodes.size() > 2 && StrictMath.hypot(mid.x, mid.y) > 1) {
            normal = mid.unit();
        } else {
            // two nodes: each direction bends to its own left, so A -> B and B -> A never cross
            Pt u = dir.unit();
            normal = new Pt(u.y, -u.x);
        }
        double bend = (nodes.size() == 2 ? 0.22 : 0.16) * length + 22 * k;
        Pt ctrl = mid.plus(normal, bend);
        Pt start = exit(bf, ctrl);
        Pt end = exit(bt, ctrl);
        String cls = a.emphasized() ? "arrow closing" : "arrow";
        out.open("g", "class", cls).element("title", a.tooltip());
        out.empty("path", "class", "arrow-line", "d", "M" + p(start) + " Q" + p(ctrl) + " " + p(end));
        head(out, end, new Pt(end.x - ctrl.x, end.y - ctrl.y).unit());
        out.close("g").nl();
        for (double t = 0; t <= 1.0001; t += 0.1) {
            extend(quad(start, ctrl, end, t));
        }
        label(labels, a, label, quad(start, ctrl, end, 0.5).plus(normal, 6), normal);
    }

    /** A lock taken while a lock of its own class is held: a loop out of the node, away from the middle. */
    private void loop(HtmlWriter out, HtmlWriter labels, Arrow a, List<String> label, int node, int k) {
        Box b = boxes.get(node);
        Pt c = new Pt(b.cx(), b.cy());
        double base = nodes.size() == 1 || StrictMath.hypot(c.x, c.y) < 1 ? -Math.PI / 2 : StrictMath.atan2(c.y, c.x);
        double angle = base + k * 0.9;
        Pt d1 = new Pt(StrictMath.cos(angle - 0.45), StrictMath.sin(angle - 0.45));
        Pt d2 = new Pt(StrictMath.cos(angle + 0.45), StrictMath.sin(angle + 0.45));
        Pt start = exit(b, c.plus(d1, 1000));
        Pt end = exit(b, c.plus(d2, 1000));
        Pt c1 = start.plus(d1, 70);
        Pt c2 = end.plus(d2, 70);
        String cls = a.emphasized() ? "arrow closing" : "arrow";
        out.open("g", "class", cls).element("title", a.tooltip());
        out.empty("path", "class", "arrow-line", "d", "M" + p(start) + " C" + p(c1) + " " + p(c2) + " " + p(end));
        head(out, end, new Pt(end.x - c2.x, end.y - c2.y).unit());
        out.close("g").nl();
        for (double t = 0; t <= 1.0001; t += 0.1) {
            extend(cubic(start, c1, c2, end, t));
        }
        Pt outward = new Pt(StrictMath.cos(angle), StrictMath.sin(angle));
        label(labels, a, label, cubic(start, c1, c2, end, 0.5).plus(outward, 6), outward);
    }

    private static void head(HtmlWriter out, Pt tip, Pt u) {
        Pt back = tip.plus(u, -11);
        Pt left = back.plus(new Pt(-u.y, u.x), 5);
        Pt right = back.plus(new Pt(u.y, -u.x), 5);
        out.empty("path", "class", "arrow-head", "d", "M" + p(tip) + " L" + p(left) + " L" + p(right) + " Z");
    }

    /**
     * The label's lines beside {@code at}, on the side {@code normal} points to: left-aligned when it points
     * right, right-aligned when left, centred above or below otherwise; on a pale box so that curves behind it
     * do not cross the text.
     */
    private void label(HtmlWriter out, Arrow a, List<String> lines, Pt at, Pt normal) {
        if (lines.isEmpty()) {
            return;
        }
        int chars = 0;
        for (String l : lines) {
            chars = Math.max(chars, l.length());
        }
        double w = chars * CHAR * LABEL_FONT;
        double h = lines.size() * LINE;
        String anchor;
        double left;
        if (normal.x > 0.35) {
            anchor = "start";
            left = at.x;
        } else if (normal.x < -0.35) {
            anchor = "end";
            left = at.x - w;
        } else {
            anchor = "middle";
            left = at.x - w / 2;
        }
        double top;
        if (normal.y < -0.35) {
            top = at.y - h;
        } else if (normal.y > 0.35) {
            top = at.y;
        } else {
            top = at.y - h / 2;
        }
        double textX = anchor.equals("start") ? left : anchor.equals("end") ? left + w : left + w / 2;
        out.open("g", "class", a.emphasized() ? "arrow-label closing" : "arrow-label");
        out.empty("rect", "x", n(left - 3), "y", n(top - 1), "width", n(w + 6), "height", n(h + 2), "rx", "3");
        out.open("text", "x", n(textX), "y", n(top), "text-anchor", anchor);
        for (int i = 0; i < lines.size(); i++) {
            out.element("tspan", lines.get(i), "x", n(textX), "dy", i == 0 ? "12" : n(LINE));
        }
        out.close("text").close("g").nl();
        extend(left - 3, top - 1);
        extend(left + w + 3, top + h + 1);
    }

    /** Where the ray from the centre of {@code b} towards {@code toward} leaves the box (plus a small gap). */
    private static Pt exit(Box b, Pt toward) {
        Pt c = new Pt(b.cx(), b.cy());
        Pt u = new Pt(toward.x - c.x, toward.y - c.y).unit();
        double tx = Math.abs(u.x) < 1e-9 ? Double.MAX_VALUE : (b.w / 2) / Math.abs(u.x);
        double ty = Math.abs(u.y) < 1e-9 ? Double.MAX_VALUE : (b.h / 2) / Math.abs(u.y);
        return c.plus(u, Math.min(tx, ty) + 3);
    }

    private static Pt quad(Pt a, Pt c, Pt b, double t) {
        double s = 1 - t;
        return new Pt(s * s * a.x + 2 * s * t * c.x + t * t * b.x, s * s * a.y + 2 * s * t * c.y + t * t * b.y);
    }

    private static Pt cubic(Pt a, Pt c1, Pt c2, Pt b, double t) {
        double s = 1 - t;
        return new Pt(s * s * s * a.x + 3 * s * s * t * c1.x + 3 * s * t * t * c2.x + t * t * t * b.x,
                s * s * s * a.y + 3 * s * s * t * c1.y + 3 * s * t * t * c2.y + t * t * t * b.y);
    }

    private void extend(Pt p) {
        extend(p.x, p.y);
    }

    private void extend(double x, double y) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
    }

    private static String p(Pt pt) {
        return n(pt.x) + "," + n(pt.y);
    }

    /** A coordinate with one decimal, never {@code -0.0}: the same layout always gives the same text. */
    static String n(double v) {
        double r = Math.round(v * 10) / 10.0;
        if (r == 0) {
            r = 0;
        }
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
