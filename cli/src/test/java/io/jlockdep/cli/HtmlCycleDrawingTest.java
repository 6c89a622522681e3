package io.jlockdep.cli;

import static io.jlockdep.cli.HtmlOutputTest.all;
import static io.jlockdep.cli.HtmlOutputTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The cycle drawing's layout: every node and label inside the canvas, no two nodes on top of each other. */
class HtmlCycleDrawingTest {
    private record Rect(double x, double y, double w, double h) {
        boolean overlaps(Rect o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean inside(Rect o) {
            return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
        }
    }

    private static Rect rect(Element r) {
        return new Rect(Double.parseDouble(r.getAttribute("x")), Double.parseDouble(r.getAttribute("y")),
                Double.parseDouble(r.getAttribute("width")), Double.parseDouble(r.getAttribute("height")));
    }

    @ParameterizedTest(name = "{0} locks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 20})
    void nodesOnACircleNeverOverlapAndEverythingIsOnTheCanvas(int n) throws Exception {
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // names of different lengths, one very long
            locks.add(i == 1 ? "ReentrantLock com.acme.some.deep.pkg.AVeryLongOwnerClassNameIndeed" + i + ".lockWithALongName"
                    : "monitor com.acme.L" + "x".repeat(i % 4) + i);
        }
        List<HtmlCycleDrawing.Arrow> arrows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arrows.add(new HtmlCycleDrawing.Arrow(locks.get(i), locks.get((i + 1) % n),
                    List.of("#" + i + " \u00b7 \"worker-" + i + "\"", "test com.acme.T" + i + ".run()", "at X.y(X.java:" + i + ")"),
                    "order " + i, i == 0));
        }
        String svg = HtmlCycleDrawing.svg(locks, arrows, "a cycle of " + n);
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getTagName());
        String[] vb = root.getAttribute("viewBox").split(" ");
        Rect canvas = new Rect(Double.parseDouble(vb[0]), Double.parseDouble(vb[1]), Double.parseDouble(vb[2]),
                Double.parseDouble(vb[3]));
        assertEquals(vb[2], root.getAttribute("width"));
        List<Element> nodes = all(d, "//*[@class='node']");
        assertEquals(n, nodes.size());
        assertEquals(n, all(d, "//*[contains(concat(' ', @class, ' '), ' arrow ')]").size());
        List<Rect> boxes = new ArrayList<>();
        for (Element g : nodes) {
            boxes.add(rect((Element) g.getElementsByTagName("rect").item(0)));
        }
        for (int i = 0; i < n; i++) {
            assertTrue(boxes.get(i).inside(canvas), "node " + i + " on the canvas");
            for (int j = i + 1; j < n; j++) {
                assertFalse(boxes.get(i).overlaps(boxes.get(j)), "nodes " + i + " and " + j + " overlap");
            }
        }
        for (Element l : all(d, "//*[contains(@class,'arrow-label')]/*[local-name()='rect']")) {
            assertTrue(rect(l).inside(canvas), "label on the canvas");
        }
        // up to 8 nodes the arrows carry thread, test and source; beyond, their number only
        String first = all(d, "//*[contains(@class,'arrow-label')]").get(0).getTextContent();
        assertEquals(n <= HtmlCycleDrawing.FULL_LABELS ? "#0 \u00b7 \"worker-0\"test com.acme.T0.run()at X.y(X.java:0)" : "#0", first);
        // the same input, the same bytes
        assertEquals(svg, HtmlCycleDrawing.svg(locks, arrows, "a cycle of " + n));
    }

    @ParameterizedTest(name = "{0} classes")
    @ValueSource(ints = {1, 2, 3, 4, 5, 9})
    void eventNodesLookDifferentAndTheLegendOverlapsNothing(int n) throws Exception {
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes.add(i % 2 == 0 ? "event completion of task com.acme.Shop.lambda$save$" + i
                    : "ReentrantLock com.acme.Shop" + i + ".lock");
        }
        List<HtmlCycleDrawing.Arrow> arrows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arrows.add(new HtmlCycleDrawing.Arrow(classes.get(i), classes.get((i + 1) % n),
                    List.of("#" + i + " \u00b7 \"worker-" + i + "\"", "at X.y(X.java:" + i + ")"), "order " + i, i == 0));
        }
        Document d = parse(HtmlCycleDrawing.svg(classes, arrows, "a cycle of " + n));
        String[] vb = d.getDocumentElement().getAttribute("viewBox").split(" ");
        Rect canvas = new Rect(Double.parseDouble(vb[0]), Double.parseDouble(vb[1]), Double.parseDouble(vb[2]),
                Double.parseDouble(vb[3]));
        List<Element> events = all(d, "//*[@class='node event']");
        assertEquals((n + 1) / 2, events.size());
        assertEquals(n / 2, all(d, "//*[@class='node']").size());
        for (Element g : events) {
            assertTrue(g.getElementsByTagName("title").item(0).getTextContent().startsWith("event "));
        }
        List<Rect> drawn = new ArrayList<>();
        for (Element r : all(d, "//*[contains(@class,'node') or contains(@class,'arrow-label')]/*[local-name()='rect']")) {
            drawn.add(rect(r));
        }
        Element legend = all(d, "//*[@class='legend']").get(0);
        assertEquals("eventlock", legend.getTextContent());
        List<Element> swatches = all(legend, ".//*[local-name()='rect']");
        assertEquals(2, swatches.size());
        assertEquals("swatch event", ((Element) swatches.get(0).getParentNode()).getAttribute("class"));
        for (Element s : swatches) {
            Rect r = rect(s);
            assertTrue(r.inside(canvas), "legend on the canvas");
            for (Rect o : drawn) {
                assertFalse(r.overlaps(o), "the legend overlaps the drawing");
            }
        }
        for (Element t : all(legend, ".//*[local-name()='text']")) {
            double y = Double.parseDouble(t.getAttribute("y"));
            double x = Double.parseDouble(t.getAttribute("x"));
            assertTrue(y <= canvas.y + canvas.h && x + t.getTextContent().length() * 7.2 <= canvas.x + canvas.w,
                    "legend word on the canvas");
            for (Rect o : drawn) {
                assertFalse(new Rect(x, y - 11, t.getTextContent().length() * 7.2, 14).overlaps(o),
                        "a legend word overlaps the drawing");
            }
        }
    }
}
