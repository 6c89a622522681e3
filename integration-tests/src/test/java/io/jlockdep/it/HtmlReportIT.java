package io.jlockdep.it;

import static io.jlockdep.it.CliIT.arg;
import static io.jlockdep.it.CliIT.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.HtmlCycles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code report --format html} on a real recording, opened in real headless Chromium: a forked JVM (JDK 17 and
 * JDK 25) runs {@link HtmlCycles} under the agent (a 2-lock and a 3-lock cycle, one more inversion suppressed by
 * {@code suppress=FILE}), the tool on the same JDK writes the page, Chromium loads it from disk. The DOM after
 * loading has every finding of the recording with its drawing; the screenshot decodes and is not blank; a
 * full-page screenshot shows every lock class of every cycle as a drawn node box.
 */
class HtmlReportIT {
    private static final Class<?> P = HtmlCycles.class;
    /** The node fill of the drawing ({@code --node} in the page's light palette), a colour nothing else uses. */
    private static final int NODE_FILL = 0xe3ecfb;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void theReportOfARecordingOpensInChromiumWithEveryCycleDrawn(Jvm jvm) throws IOException {
        jvm.assumeAvailable();
        Chromium chromium = Chromium.require();
        Path dir = Fork.newDir("html-report-jdk" + jvm.feature());
        Path suppress = Files.writeString(dir.resolve("jlockdep.suppress"),
                "ReentrantLock io.jlockdep.it.programs.HtmlCycles.MUTED_*\n");
        RunResult run = Fork.program(P).on(jvm).agent("suppress=" + suppress).jfr()
                .args("two-locks", "three-locks", "muted").label("HtmlCycles-" + jvm.feature()).run().assertExit(0);
        List<Finding> findings = run.jfr().findings();
        assertEquals(2, findings.size(), run.jfr()::describeFindings);
        Finding two = findings.stream().filter(f -> f.classes().size() == 2).findFirst().orElseThrow();
        Finding three = findings.stream().filter(f -> f.classes().size() == 3).findFirst().orElseThrow();
        assertTrue(two.involves("HtmlCycles.CART", "HtmlCycles$Inventory"), two::toString);
        assertTrue(three.involves("PAYMENTS", "SHIPPING", "INVOICES"), three::toString);

        Path page = dir.resolve("site/jlockdep/index.html");
        cli(jvm, "report", arg(run.dir().resolve("jlockdep.jfr")), "--format", "html", "--output", arg(page))
                .assertExit(0).assertQuiet();
        String html = Files.readString(page);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link")
                || html.contains("<script") || html.contains("<img"), "self-contained, and no markup from a name");

        String dom = chromium.dumpDom(page, dir);
        Files.writeString(dir.resolve("dom.html"), dom);
        Set<String> sections = new HashSet<>();
        Matcher m = Pattern.compile("<section class=\"finding [a-z]+\" id=\"([0-9a-f]{16})\">").matcher(dom);
        while (m.find()) {
            sections.add(m.group(1));
        }
        assertEquals(Set.of(two.cycleId(), three.cycleId()), sections, "a section per finding, by cycle id");
        for (Finding f : findings) {
            String section = section(dom, f.cycleId());
            assertEquals(1, count(section, "<svg class=\"cycle\""), "one drawing per cycle");
            assertEquals(f.classes().size(), count(section, "<g class=\"node\">"), "a node per lock class of " + f);
            assertEquals(f.length(), count(section, "<g class=\"arrow") - count(section, "<g class=\"arrow-label"),
                    "an arrow per order of " + f);
            for (String cls : f.classes()) {
                assertTrue(section.contains("<title>" + cls + "</title>"), () -> "node " + cls);
            }
        }
        // the 2-lock cycle's arrows name the thread, the test and the line that took each order
        String twoSection = section(dom, two.cycleId());
        assertTrue(twoSection.contains("#0 · \"restock\"") && twoSection.contains("#1 · \"checkout\""), twoSection);
        assertTrue(twoSection.contains(">test InventoryTest.restock()<") && twoSection.contains(">test CartTest.checkout()<"),
                twoSection);
        assertTrue(twoSection.contains(Sources.fileLine(P, "html-restock") + ")</tspan>"), twoSection);
        assertTrue(twoSection.contains(Sources.fileLine(P, "html-checkout") + ")</tspan>"), twoSection);
        // stacks: the program's frame with its source file found under the module, the JDK's folded
        assertTrue(twoSection.contains("src/test/java/io/jlockdep/it/programs/" + Sources.fileLine(P, "html-restock")),
                twoSection);
        assertTrue(twoSection.contains("<summary>1 framework frame (java.base)</summary>"), twoSection);
        // a thread name with markup is text in the browser's DOM, not an element
        assertFalse(dom.contains("<script"), "a script element in the DOM");
        assertTrue(section(dom, three.cycleId()).contains("\"shipper&lt;script&gt;alert(1)&lt;/script&gt;\""),
                () -> section(dom, three.cycleId()));
        // the overview counts the suppressed inversion, from the recording's Statistics event
        assertTrue(dom.contains("<div class=\"card-n\">1</div><div class=\"card-what\">suppressed</div>"), dom);

        BufferedImage shot = ImageIO.read(chromium.screenshot(page, dir.resolve("screenshot.png"), 1280, 2000).toFile());
        assertEquals(1280, shot.getWidth());
        assertEquals(2000, shot.getHeight());
        assertNotBlank(shot);

        // the whole page: every node box of every drawing painted
        BufferedImage full = ImageIO.read(chromium.screenshot(page, dir.resolve("full-page.png"), 1280, 7000).toFile());
        assertEquals(two.classes().size() + three.classes().size(), nodeBoxes(full), "node boxes painted");
    }

    /** Many colours, and a good share of pixels unlike the background (the corner's colour). */
    private static void assertNotBlank(BufferedImage img) {
        int background = img.getRGB(0, 0) & 0xffffff;
        Set<Integer> colours = new HashSet<>();
        long differing = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y) & 0xffffff;
                colours.add(c);
                if (c != background) {
                    differing++;
                }
            }
        }
        long total = (long) img.getWidth() * img.getHeight();
        assertTrue(colours.size() >= 64, "only " + colours.size() + " colours");
        assertTrue(differing * 10 >= total, "only " + differing + " of " + total + " pixels differ from the background");
    }

    /** Regions of the node fill colour at least 40 x 20 pixels in area: the drawn node boxes. */
    private static int nodeBoxes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean[] seen = new boolean[w * h];
        int boxes = 0;
        int[] stack = new int[w * h];
        for (int start = 0; start < w * h; start++) {
            if (seen[start] || !nodeFill(img.getRGB(start % w, start / w))) {
                continue;
            }
            int area = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                area++;
                int x = p % w;
                int y = p / w;
                int[] next = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : next) {
                    if (q >= 0 && !seen[q] && nodeFill(img.getRGB(q % w, q / w))) {
                        seen[q] = true;
                        stack[top++] = q;
                    }
                }
            }
            if (area >= 800) {
                boxes++;
            }
        }
        return boxes;
    }

    private static boolean nodeFill(int rgb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((NODE_FILL >> shift) & 0xff)) > 2) {
                return false;
            }
        }
        return true;
    }

    /** The serialized section of the finding {@code id}. */
    private static String section(String dom, String id) {
        int start = dom.indexOf("\" id=\"" + id + "\">");
        assertTrue(start >= 0, "no section " + id);
        int end = dom.indexOf("</section>", start);
        return dom.substring(start, end);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
