package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.HumanText;
import io.jlockdep.core.Mode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code --format html} over real recordings: the page's structure (a section per finding with its cycle drawn,
 * statuses counted with a baseline, stacks folded), escaping of hostile names, and that it refers to nothing
 * outside itself. The page is well-formed XML by design, so the tests read it as a DOM; the integration test
 * {@code HtmlReportIT} loads it in Chromium.
 */
class HtmlOutputTest {
    /** A lock acquisition as the agent records it: JDK frames, the program's, then the test runner's. */
    static String stack(String cls, String method, String file, int line) {
        return "\tat java.base/java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)\n"
                + "\tat " + cls + "." + method + "(" + file + ":" + line + ")\n"
                + "\tat com.acme.ShopTest.run(ShopTest.java:12)\n"
                + "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n"
                + "\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)\n"
                + "\tat org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)";
    }

    static final String RECURSIVE_REPORT = "=====\nWARNING: possible recursive locking detected\n-----\n"
            + " Possible unsafe locking scenario:\n\n       Thread-1\n       --------\n  lock(X);\n  lock(X);\n\n"
            + " *** DEADLOCK ***\n\ncycle id: 00000000000000c3\n";

    @TempDir
    Path dir;

    /** Three findings in one recording: a 2-lock and a 3-lock cycle, and a lock taken again. */
    private Path threeFindings(String u, String name) throws Exception {
        String a = "ReentrantLock com.acme.Orders" + u + ".lock";
        String b = "monitor com.acme.Stock" + u;
        String c = "ReentrantLock com.acme.Ledger" + u + ".LOCK";
        String d = "ReentrantLock com.acme.Vault" + u + ".lock";
        String e = "ReentrantLock com.acme.Audit" + u + ".lock";
        String x = "ReentrantLock com.acme.Once" + u + ".lock";
        return Recordings.builder()
                .circular("00000000000000a2", a, b, stack("com.acme.Orders", "place", "Orders.java", 40),
                        stack("com.acme.Stock", "restock", "Stock.java", 77))
                .evidence("witnessed", null, a + "\tcom.acme.Orders.<clinit>(Orders.java:9)")
                .finding("00000000000000b3", "circular", e + " -> " + c + " -> " + d + " -> " + e, 3,
                        "=====\nWARNING: possible circular locking dependency detected\ncycle id: 00000000000000b3\n",
                        "audit", stack("com.acme.Audit", "check", "Audit.java", 5))
                .evidence("class-only", null, "")
                .edge("00000000000000b3", 0, e, c, "EN", "audit", stack("com.acme.Audit", "check", "Audit.java", 5),
                        "observed", "test com.acme.AuditTest.check()")
                .edge("00000000000000b3", 1, c, d, "EN", "ledger", stack("com.acme.Ledger", "post", "Ledger.java", 6),
                        "observed", "")
                .edge("00000000000000b3", 2, d, e, "SN", "vault", stack("com.acme.Vault", "open", "Vault.java", 7),
                        "observed", "")
                .finding("00000000000000c3", "recursive", x, 0, RECURSIVE_REPORT, "main",
                        stack("com.acme.Once", "twice", "Once.java", 3))
                .statistics(17, 23, 2, 1)
                .write(dir.resolve(name));
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    static List<Element> all(Node context, String xpath) throws Exception {
        XPath xp = XPathFactory.newInstance().newXPath();
        NodeList nl = (NodeList) xp.evaluate(xpath, context, XPathConstants.NODESET);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    static Element one(Node context, String xpath) throws Exception {
        List<Element> l = all(context, xpath);
        assertEquals(1, l.size(), () -> xpath + " matched " + l.size());
        return l.get(0);
    }

    /**
     * Nothing the page could load or run: no URL anywhere in it; in its DOM no element that loads or runs
     * something, no {@code src} attribute, no link but to an anchor of the page, no event handler, nothing the
     * style sheet would fetch.
     */
    static void assertSelfContained(String html) throws Exception {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String bad : new String[] {"http:", "https:", "file:", "javascript:"}) {
            assertFalse(lower.contains(bad), () -> "the page contains " + bad);
        }
        Document d = parse(html);
        for (Element e : all(d, "//*")) {
            String tag = e.getTagName().toLowerCase(Locale.ROOT);
            assertFalse(Set.of("link", "script", "iframe", "object", "embed", "img", "image", "use", "base", "form",
                    "audio", "video", "source").contains(tag), () -> "element <" + tag + ">");
            for (int i = 0; i < e.getAttributes().getLength(); i++) {
                String attr = e.getAttributes().item(i).getNodeName().toLowerCase(Locale.ROOT);
                String value = e.getAttributes().item(i).getNodeValue();
                assertFalse(attr.equals("src") || attr.startsWith("on") || attr.endsWith(":href") || attr.equals("style"),
                        () -> "attribute " + attr + " on <" + tag + ">");
                if (attr.equals("href")) {
                    assertTrue(value.startsWith("#"), () -> "a link out of the page: " + value);
                }
            }
        }
        String css = one(d, "//style").getTextContent().toLowerCase(Locale.ROOT);
        assertFalse(css.contains("url(") || css.contains("@import") || css.contains("@font-face"), "the style fetches");
    }

    @Test
    void aSectionPerFindingWithItsCycleDrawnAndStatusesCountedWithABaseline() throws Exception {
        threeFindings(Recordings.unique(), "r.jfr");
        Files.writeString(dir.resolve("base.txt"), "00000000000000b3  # the 3-lock cycle, accepted\n"
                + "00000000deadbeef  # fixed long ago\n");
        Run r = Run.cli(dir, "check", "r.jfr", "--baseline", "base.txt", "--format", "html").assertExit(1)
                .assertQuiet();
        String html = r.out;
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertSelfContained(html);
        Document d = parse(html);

        List<Element> sections = all(d, "//section[contains(@class,'finding')]");
        assertEquals(List.of("00000000000000a2", "00000000000000c3", "00000000000000b3"),
                sections.stream().map(s -> s.getAttribute("id")).toList(), "new findings first, then baselined");
        int[] nodes = {2, 1, 3};
        int[] arrows = {2, 1, 3};
        String[] status = {"new", "new", "baselined"};
        for (int i = 0; i < 3; i++) {
            Element s = sections.get(i);
            Element svg = one(s, ".//svg");
            assertEquals(nodes[i], all(svg, ".//*[@class='node']").size(), "one node per lock class");
            assertEquals(arrows[i], all(svg, ".//*[contains(concat(' ', @class, ' '), ' arrow ')]").size(),
                    "one arrow per order");
            assertEquals(status[i], one(s, ".//*[contains(@class,'badges')]/span[1]").getTextContent());
            assertTrue(s.getAttribute("class").contains(status[i].equals("new") ? "new" : "baselined"));
        }
        // the 2-lock cycle: thread, test and source line on its arrows; the closing order emphasized
        Element two = sections.get(0);
        String labels = all(two, ".//*[contains(@class,'arrow-label')]").stream().map(Element::getTextContent)
                .reduce("", String::concat);
        assertTrue(labels.contains("\"worker-2\"") && labels.contains("\"worker-1\""), labels);
        assertTrue(labels.contains("test BankTest.audit()"), labels);
        assertTrue(labels.contains("at Stock.restock(Stock.java:77)") && labels.contains("at Orders.place(Orders.java:40)"),
                labels);
        assertEquals(1, all(two, ".//svg//*[@class='arrow closing']").size());
        // node labels without packages, the full name in the tooltip
        assertTrue(all(two, ".//svg//*[@class='node']/title").stream()
                .anyMatch(t -> t.getTextContent().startsWith("ReentrantLock com.acme.Orders")));
        // stacks: the program's frames shown, each run of JDK and runner frames folded into one line
        Element closing = one(two, ".//li[contains(@class,'order closing')]");
        List<Element> app = all(closing, ".//li[@class='frame app']");
        assertEquals(List.of("at com.acme.Stock.restock(Stock.java:77)", "at com.acme.ShopTest.run(ShopTest.java:12)"),
                app.stream().map(Element::getTextContent).toList());
        List<Element> folded = all(closing, ".//li[@class='folded']/details/summary");
        assertEquals(List.of("1 framework frame (java.base)", "3 framework frames (java.base, org.junit.platform,"
                + " org.junit.jupiter)"), folded.stream().map(Element::getTextContent).toList());
        // the scenario: one column per thread of the cycle, and the fix in one global order
        assertEquals(2, all(two, ".//table[@class='scenario']/thead/tr/th").size());
        Element three = sections.get(2);
        assertEquals(3, all(three, ".//table[@class='scenario']/thead/tr/th").size());
        assertTrue(one(three, ".//table[@class='scenario']").getTextContent().contains("rlock(ReentrantLock Vault"),
                "an SN order holds its lock shared");
        String hint = one(three, ".//div[@class='hint']").getTextContent();
        assertTrue(hint.contains("always take ReentrantLock Ledger") && hint.contains(" before ReentrantLock Vault")
                && hint.contains(" before ReentrantLock Audit"), hint);
        assertTrue(one(sections.get(1), ".//div[@class='hint']").getTextContent()
                .contains(Kinds.of("recursive").help), "the kind's advice");
        assertEquals(List.of("lock(X);", "lock(X);"), all(sections.get(1), ".//table[@class='scenario']//code")
                .stream().map(Element::getTextContent).toList());
        // evidence
        assertTrue(one(two, ".//dl[@class='evidence']").getTextContent().contains("witnessed: the same lock instances"));
        assertTrue(one(two, ".//dl[@class='evidence']").getTextContent().contains("com.acme.Orders.<clinit>(Orders.java:9)"));
        assertTrue(one(three, ".//dl[@class='evidence']").getTextContent().contains("class-only"));

        // the overview: counted by status, the agents' suppressed and gated counts, the recording's statistics
        Element overview = one(d, "//section[@id='overview']");
        assertEquals("2", card(overview, "new"));
        assertEquals("1", card(overview, "baselined"));
        assertEquals("2", card(overview, "suppressed"));
        assertEquals("1", card(overview, "gated"));
        assertEquals("17", card(overview, "lock classes"));
        assertEquals("23", card(overview, "lock orders"));
        List<Element> kindRows = all(overview, ".//table[@class='kinds']/tbody/tr");
        assertEquals(List.of("circular 1 1", "recursive 1 0"), kindRows.stream().map(tr -> {
            List<String> cells = new ArrayList<>();
            NodeList tds = tr.getElementsByTagName("td");
            for (int i = 0; i < 3; i++) {
                cells.add(tds.item(i).getTextContent());
            }
            return String.join(" ", cells);
        }).toList());
        assertTrue(one(overview, ".//div[@class='stale']").getTextContent().contains("00000000deadbeef"));
        // a table of contents linking every finding by its cycle id
        assertEquals(List.of("#00000000000000a2", "#00000000000000c3", "#00000000000000b3"),
                all(d, "//nav[@class='toc']//a").stream().map(a -> a.getAttribute("href")).toList());
    }

    private static String card(Element overview, String what) throws Exception {
        return one(overview, ".//div[starts-with(@class,'card')][div[@class='card-what']='" + what + "']"
                + "/div[@class='card-n']").getTextContent();
    }

    @Test
    void theSameRecordingsGiveTheSameBytes() throws Exception {
        threeFindings(Recordings.unique(), "r.jfr");
        String first = Run.cli(dir, "report", "r.jfr", "--format", "html").assertExit(0).out;
        String second = Run.cli(dir, "report", "r.jfr", "--format", "html").assertExit(0).out;
        assertEquals(first, second);
        Run.cli(dir, "report", "r.jfr", "--format", "html", "--output", "out/report.html").assertExit(0).assertQuiet();
        assertEquals(first, Files.readString(dir.resolve("out/report.html")));
    }

    @Test
    void hostileNamesCannotAddMarkupOrReorderText() throws Exception {
        String evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;\n\u202Eevil\u0007";
        String a = "ReentrantLock com.acme.A" + evil;
        String b = "monitor " + evil + "B";
        Recordings.builder()
                .circular("00000000000000e1", a, b, "\tat com.acme.X" + evil + ".run(X.java:3)",
                        "\tat com.acme.Y.run(Y" + evil + ".java:4)")
                .evidence("witnessed" + evil, "class <b>G</b>" + evil, a + "\t" + evil)
                .statistics(1, 1, 0, 0)
                .write(dir.resolve("evil" + "-x.jfr"));
        String html = Run.cli(dir, "report", "evil-x.jfr", "--format", "html").assertExit(0).out;
        assertSelfContained(html);
        Document d = parse(html);
        Set<String> allowed = Set.of("html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2",
                "h3", "h4", "p", "span", "div", "section", "nav", "ol", "ul", "li", "a", "code", "strong", "table",
                "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "details", "summary", "pre", "footer", "svg", "g",
                "rect", "path", "text", "tspan");
        for (Element e : all(d, "//*")) {
            assertTrue(allowed.contains(e.getTagName()), () -> "element <" + e.getTagName() + "> from a name");
            for (int i = 0; i < e.getAttributes().getLength(); i++) {
                String attr = e.getAttributes().item(i).getNodeName();
                assertFalse(attr.toLowerCase(Locale.ROOT).startsWith("on"), () -> "attribute " + attr);
            }
        }
        // the names are shown as text, escaped as everywhere humans read them
        assertTrue(one(d, "//h3/span[@class='cycle-name']").getAttribute("title").contains(
                "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;\\n\\u202eevil\\u0007"));
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            assertTrue(c == '\n' || !HumanText.isUnsafe(c), "raw U+" + Integer.toHexString(c));
        }
    }

    @Test
    void aGatedCycleSaysWhichLockGatesItAndHowToReadThat() throws Exception {
        String u = Recordings.unique();
        Recordings.builder()
                .circular("00000000000000d1", "ReentrantLock com.acme.A" + u + ".lock", "monitor com.acme.B" + u,
                        stack("com.acme.A", "run", "A.java", 1), stack("com.acme.B", "run", "B.java", 2))
                .evidence("witnessed", "class com.acme.Registry", "")
                .statistics(3, 3, 0, 0)
                .write(dir.resolve("g.jfr"));
        Document d = parse(Run.cli(dir, "report", "g.jfr", "--format", "html").assertExit(0).out);
        Element s = one(d, "//section[@id='00000000000000d1']");
        assertNotNull(one(s, ".//span[@class='badge gated']"));
        assertEquals("witnessed", one(s, ".//span[@class='badge evidence']").getTextContent());
        String evidence = one(s, ".//dl[@class='evidence']").getTextContent();
        assertTrue(evidence.contains("Gated byclass com.acme.Registry: one instance of it was held on every order"),
                evidence);
        String hint = one(s, ".//div[@class='hint']").getTextContent();
        assertTrue(hint.contains("while holding one instance of class Registry exclusively"), hint);
    }

    @Test
    void noFindingsGiveAClearPageWithTheOverview() throws Exception {
        Recordings.builder().statistics(5, 4, 0, 0).write(dir.resolve("clean.jfr"));
        String html = Run.cli(dir, "check", "clean.jfr", "--format", "html").assertExit(0).assertQuiet().out;
        assertSelfContained(html);
        Document d = parse(html);
        assertEquals("No potential deadlocks", one(d, "//section[@class='clean']/h2").getTextContent());
        assertEquals("check passes", one(d, "//header//span[contains(@class,'verdict')]").getTextContent());
        Element overview = one(d, "//section[@id='overview']");
        assertEquals("5", card(overview, "lock classes"));
        assertEquals("0", card(overview, "suppressed"));
        assertEquals(0, all(d, "//svg").size());
        assertEquals(0, all(d, "//section[contains(@class,'finding')]").size());
    }

    @Test
    void anOlderRecordingWithoutCountersShowsThemAsUnknown() throws Exception {
        Recordings.builder().circular("00000000000000f1", "A" + Recordings.unique(), "B", "", "").write(dir.resolve("o.jfr"));
        Document d = parse(Run.cli(dir, "report", "o.jfr", "--format", "html").assertExit(0).out);
        Element overview = one(d, "//section[@id='overview']");
        assertTrue(all(overview, ".//div[div[@class='card-what']='suppressed']").isEmpty(), "no Statistics event");
        assertTrue(one(overview, ".//table[@class='recordings']").getTextContent().contains("no Statistics event"));
        // empty stacks are said to be empty
        assertEquals(2, all(d, "//li[contains(@class,'order')]/p[@class='muted']").size());
    }

    @Test
    void aMergedFindingSaysWhichRecordingsAndTestsItsOrdersComeFrom() throws Exception {
        String u = Recordings.unique();
        String a = "ReentrantLock com.acme.Bank" + u + ".lock";
        String b = "monitor com.acme.Account" + u;
        Recordings.engine(dir.resolve("fork-1.jfr"), true, e -> {
            e.setContext("test com.acme.BankTest.audit()");
            assertNull(Recordings.nest(e, "auditor", a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE));
        });
        Recordings.engine(dir.resolve("fork-2.jfr"), true, e -> {
            e.setContext("test com.acme.AccountTest.deposit()");
            assertNull(Recordings.nest(e, "depositor", b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE));
        });
        String html = Run.cli(dir, "merge", "fork-1.jfr", "fork-2.jfr", "--format", "html").assertExit(1).out;
        assertSelfContained(html);
        Document d = parse(html);
        Element s = one(d, "//section[contains(@class,'finding')]");
        assertNotNull(one(s, ".//span[@class='badge merged']"));
        String meta = one(s, ".//p[@class='meta']").getTextContent();
        assertTrue(meta.contains("2 recordings: fork-1.jfr, fork-2.jfr"), meta);
        assertTrue(meta.contains("test com.acme.BankTest.audit()") && meta.contains("test com.acme.AccountTest.deposit()"),
                meta);
        String labels = all(s, ".//*[contains(@class,'arrow-label')]").stream().map(Element::getTextContent)
                .reduce("", String::concat);
        assertTrue(labels.contains("in fork-1.jfr") && labels.contains("in fork-2.jfr"), labels);
        assertTrue(one(s, ".//dl[@class='evidence']").getTextContent().contains("different JVMs"));
        assertEquals(0, all(s, ".//svg//*[@class='arrow closing']").size(), "no order of a merged cycle closed it");
        assertTrue(one(d, "//section[@id='overview']").getTextContent().contains("merge searched the union of"));
    }
}
