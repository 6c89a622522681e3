package io.jlockdep.cli;

import static io.jlockdep.cli.Json.arr;
import static io.jlockdep.cli.Json.at;
import static io.jlockdep.cli.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * report and check over recordings with findings: dedup across recordings, the summary, baselines, and
 * the structure of every output format.
 */
class FormatsTest {
    static final String CIRCULAR = "7f4baf92884d54f5";
    static final String RECURSIVE = "0123456789abcdef";
    static final String BANK = "ReentrantLock@com.acme.Bank.<init>(Bank.java:12)";
    static final String ACCOUNT = "monitor com.acme.Account";
    static final String SECTION = "fence \"signalling\" <section>";
    static final String DEPOSIT_STACK = "\tat io.jlockdep.bootstrap.Hooks.monitorEnter(Hooks.java:77)\n"
            + "\tat com.acme.Bank.deposit(Bank.java:53)\n"
            + "\tat com.acme.Bank.lambda$main$1(Bank.java:60)\n"
            + "\tat java.base/java.lang.Thread.run(Thread.java:840)";
    static final String AUDIT_STACK = "\tat java.base/java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)\n"
            + "\tat com.acme.Audit.run(Audit.java:37)\n"
            + "\tat java.base/java.lang.Thread.run(Thread.java:840)";

    @TempDir
    Path dir;

    @BeforeEach
    void recordingsAndSources() throws IOException {
        // a.jfr and b.jfr both have the circular finding; a.jfr also a recursive one; c.jfr is clean.
        Recordings.builder().circular(CIRCULAR, BANK, ACCOUNT, AUDIT_STACK, DEPOSIT_STACK)
                .finding(RECURSIVE, "recursive", SECTION + " -> " + SECTION, 1,
                        "WARNING: possible recursive locking detected\ncycle id: " + RECURSIVE + "\n", "irq\"1\"",
                        "\tat com.acme.Irq.handle(Irq.java:9)")
                .edge(RECURSIVE, 0, SECTION, SECTION, "EN", "irq\"1\"", "\tat com.acme.Irq.handle(Irq.java:9)",
                        "observed", "")
                .statistics().write(dir.resolve("a.jfr"));
        Recordings.builder().circular(CIRCULAR, BANK, ACCOUNT, AUDIT_STACK, DEPOSIT_STACK).statistics()
                .write(dir.resolve("b.jfr"));
        Recordings.builder().statistics().write(dir.resolve("c.jfr"));
        write("src/main/java/com/acme/Bank.java", "package com.acme;\n");
        write("mod/src/test/java/com/acme/Audit.java", "package com.acme;\n");
        write("target/src/main/java/com/acme/Irq.java", "package com.acme; // under target: never searched\n");
    }

    private void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Run cli(String... args) {
        return Run.cli(dir, args);
    }

    // ------------------------------------------------------------------------------------------ text

    @Test
    void textPrintsEachFindingOnceWithTheRecordingsThatHadIt() {
        Run r = cli("check", "a.jfr", "b.jfr", "c.jfr").assertExit(1).assertQuiet();
        assertEquals(1, count(r.out, "cycle id: " + CIRCULAR + "\n"), r.out);
        assertTrue(r.out.contains("cycle id: " + CIRCULAR + "\nfound in 2 recordings: a.jfr, b.jfr\n\n"), r.out);
        assertTrue(r.out.contains("cycle id: " + RECURSIVE + "\nfound in a.jfr\n\n"), r.out);
        assertTrue(r.out.startsWith("======\nWARNING: possible circular locking dependency detected\n"), r.out);
        assertEquals("2 potential deadlocks (1 circular, 1 recursive) in 3 recordings", r.lastLine());
    }

    @Test
    void reportExitsZeroWithFindingsAndCheckOne() {
        Run report = cli("report", "a.jfr").assertExit(0).assertQuiet();
        Run check = cli("check", "a.jfr").assertExit(1).assertQuiet();
        assertEquals(report.out, check.out);
        assertFalse(report.out.contains("found in"), "one recording: nothing to list");
        assertEquals("2 potential deadlocks (1 circular, 1 recursive) in 1 recording", report.lastLine());
        assertEquals("no potential deadlocks in 1 recording\n", cli("check", "c.jfr").assertExit(0).out);
        assertEquals("no potential deadlocks in 1 recording\n",
                cli("report", "c.jfr", "c.jfr", "./c.jfr", dir.resolve("c.jfr").toString()).out, "one file, once");
    }

    @Test
    void baselineAcceptsAndReportsStaleIds() throws IOException {
        Files.writeString(dir.resolve("base.txt"), "# known\n" + CIRCULAR + "  # circular Bank/Account\n"
                + "aaaaaaaaaaaaaaaa  # fixed long ago\n");
        Run r = cli("check", "a.jfr", "b.jfr", "--baseline", "base.txt").assertExit(1).assertQuiet();
        assertFalse(r.out.contains("cycle id: " + CIRCULAR), r.out);
        assertTrue(r.out.contains("cycle id: " + RECURSIVE), r.out);
        assertTrue(r.out.contains("\nbaseline base.txt: 1 stale id no longer found (the deadlock was fixed? remove"
                + " the line): aaaaaaaaaaaaaaaa\n"), r.out);
        assertEquals("1 new potential deadlock (1 recursive) in 2 recordings; accepted by baseline: 1", r.lastLine());

        Files.writeString(dir.resolve("all.txt"), CIRCULAR + "\n" + RECURSIVE + "\n");
        Run clean = cli("check", "a.jfr", "b.jfr", "--baseline", "all.txt").assertExit(0).assertQuiet();
        assertEquals("no new potential deadlocks in 2 recordings; accepted by baseline: 2\n", clean.out);
    }

    @Test
    void writeBaselineRoundTrip() throws IOException {
        Run w = cli("check", "a.jfr", "b.jfr", "--write-baseline", "ci/baseline.txt").assertExit(0).assertQuiet();
        assertEquals("wrote 2 cycle ids to baseline ci/baseline.txt", w.lastLine());
        String text = Files.readString(dir.resolve("ci/baseline.txt"), StandardCharsets.UTF_8);
        assertTrue(text.contains(CIRCULAR + "  # circular " + ACCOUNT + " -> " + BANK + " -> " + ACCOUNT + "\n"), text);
        assertTrue(text.contains(RECURSIVE + "  # recursive " + SECTION + " -> " + SECTION + "\n"), text);
        Run again = cli("check", "a.jfr", "b.jfr", "--baseline", "ci/baseline.txt").assertExit(0).assertQuiet();
        assertEquals("no new potential deadlocks in 2 recordings; accepted by baseline: 2\n", again.out);
        // fixed: the clean recording makes both ids stale, still exit 0
        Run fixed = cli("check", "c.jfr", "--baseline", "ci/baseline.txt").assertExit(0);
        assertTrue(fixed.out.contains("2 stale ids no longer found"), fixed.out);
        // json output with --write-baseline: the document only
        Run json = cli("check", "a.jfr", "--format", "json", "--write-baseline", "b2.txt").assertExit(0);
        Json.parse(json.out);
    }

    // ------------------------------------------------------------------------------------------ json

    @Test
    void jsonStructure() throws IOException {
        Files.writeString(dir.resolve("base.txt"), RECURSIVE + "\nbbbbbbbbbbbbbbbb\n");
        Run r = cli("check", "a.jfr", "b.jfr", "c.jfr", "--format", "json", "--baseline", "base.txt")
                .assertExit(1).assertQuiet();
        Object root = Json.parse(r.out);
        assertEquals(List.of("tool", "formatVersion", "command", "exitCode", "summary", "recordings", "baseline",
                "merge", "findings", "accepted"), new ArrayList<>(obj(root).keySet()));
        assertEquals("jlockdep", at(root, "tool", "name"));
        assertEquals(BigDecimal.ONE, at(root, "formatVersion"));
        assertEquals("check", at(root, "command"));
        assertEquals(BigDecimal.ONE, at(root, "exitCode"));
        assertEquals("1 new potential deadlock (1 circular) in 3 recordings; accepted by baseline: 1",
                at(root, "summary"));
        assertEquals("a.jfr", at(root, "recordings", 0, "file"));
        assertEquals(new BigDecimal(2), at(root, "recordings", 0, "findings"));
        assertEquals(Boolean.TRUE, at(root, "recordings", 2, "statistics"));
        assertEquals("base.txt", at(root, "baseline", "file"));
        assertEquals(BigDecimal.ONE, at(root, "baseline", "accepted"));
        assertEquals(List.of("bbbbbbbbbbbbbbbb"), at(root, "baseline", "stale"));
        assertNull(at(root, "merge"));

        Map<String, Object> f = obj(at(root, "findings", 0));
        assertEquals(List.of("cycleId", "kind", "scope", "lockClasses", "locks", "length", "thread", "evidence",
                "gatedBy", "origins", "acquisitionStack", "edges", "recordings", "report"), new ArrayList<>(f.keySet()));
        assertEquals(CIRCULAR, f.get("cycleId"));
        assertEquals("circular", f.get("kind"));
        assertEquals("recording", f.get("scope"));
        assertEquals(ACCOUNT + " -> " + BANK + " -> " + ACCOUNT, f.get("lockClasses"));
        assertEquals(List.of(ACCOUNT, BANK), f.get("locks"));
        assertEquals(new BigDecimal(2), f.get("length"));
        assertEquals("worker-2", f.get("thread"));
        assertEquals(List.of("a.jfr", "b.jfr"), f.get("recordings"));
        assertTrue(((String) f.get("report")).contains("cycle id: " + CIRCULAR));
        Map<String, Object> frame = obj(at(f, "acquisitionStack", 1));
        assertEquals("com.acme.Bank", frame.get("class"));
        assertEquals("deposit", frame.get("method"));
        assertEquals("Bank.java", frame.get("file"));
        assertEquals(new BigDecimal(53), frame.get("line"));
        assertNull(frame.get("module"));
        assertEquals(Boolean.TRUE, frame.get("programCode"));
        assertEquals("com.acme.Bank.deposit(Bank.java:53)", frame.get("text"));
        assertEquals("java.base", at(f, "acquisitionStack", 3, "module"));
        assertEquals(Boolean.FALSE, at(f, "acquisitionStack", 0, "programCode"));

        List<Object> edges = arr(f.get("edges"));
        assertEquals(2, edges.size());
        Map<String, Object> e1 = obj(edges.get(1));
        assertEquals(List.of("index", "from", "to", "type", "thread", "origin", "context", "recording", "alsoIn",
                "stack"), new ArrayList<>(e1.keySet()));
        assertEquals(BigDecimal.ONE, e1.get("index"));
        assertEquals(BANK, e1.get("from"));
        assertEquals(ACCOUNT, e1.get("to"));
        assertEquals("EN", e1.get("type"));
        assertEquals("worker-1", e1.get("thread"));
        assertEquals("observed", e1.get("origin"));
        assertEquals("test com.acme.BankTest.audit()", e1.get("context"));
        assertNull(at(edges, 0, "context"), "empty context is null");
        assertEquals("a.jfr", e1.get("recording"));
        assertEquals("com.acme.Audit", at(e1, "stack", 1, "class"));

        Map<String, Object> accepted = obj(at(root, "accepted", 0));
        assertEquals(RECURSIVE, accepted.get("cycleId"));
        assertEquals("irq\"1\"", accepted.get("thread"));
        assertEquals(1, arr(at(root, "accepted")).size());
    }

    // ------------------------------------------------------------------------------------------ sarif

    @Test
    void sarifStructureForCodeScanning() {
        Run r = cli("check", "a.jfr", "b.jfr", "--format", "sarif").assertExit(1).assertQuiet();
        Object root = Json.parse(r.out);
        assertEquals(SarifOutput.SCHEMA, at(root, "$schema"));
        assertEquals("2.1.0", at(root, "version"));
        assertEquals(1, arr(at(root, "runs")).size());
        Object run = at(root, "runs", 0);
        Map<String, Object> driver = obj(at(run, "tool", "driver"));
        assertEquals("jlockdep", driver.get("name"));
        assertTrue(((String) driver.get("informationUri")).startsWith("https://"));
        List<Object> rules = arr(driver.get("rules"));
        Set<String> ruleIds = new HashSet<>();
        for (Object rule : rules) {
            Map<String, Object> m = obj(rule);
            String id = (String) m.get("id");
            assertTrue(ruleIds.add(id), "unique rule ids");
            assertTrue(id.startsWith("jlockdep/"), id);
            assertTrue(((String) m.get("name")).matches("[A-Z][A-Za-z]+"), (String) m.get("name"));
            for (String d : new String[] {"shortDescription", "fullDescription", "help"}) {
                assertFalse(((String) at(m, d, "text")).isEmpty(), id + " " + d);
            }
            assertEquals("error", at(m, "defaultConfiguration", "level"));
        }
        assertTrue(ruleIds.containsAll(List.of("jlockdep/circular", "jlockdep/recursive", "jlockdep/rw-upgrade",
                "jlockdep/instance-inversion", "jlockdep/nest-lock-not-held", "jlockdep/unbalanced")), ruleIds.toString());
        String srcRoot = (String) at(run, "originalUriBaseIds", "%SRCROOT%", "uri");
        assertTrue(srcRoot.startsWith("file:") && srcRoot.endsWith("/"), srcRoot);

        List<Object> results = arr(at(run, "results"));
        assertEquals(2, results.size(), "one result per finding, deduplicated");
        for (Object res : results) {
            Map<String, Object> m = obj(res);
            int index = ((BigDecimal) m.get("ruleIndex")).intValue();
            assertEquals(m.get("ruleId"), at(rules, index, "id"));
            assertEquals("error", m.get("level"));
            String text = (String) at(m, "message", "text");
            assertFalse(text.contains("\n"), text);
            assertFalse(arr(m.get("locations")).isEmpty(), "GitHub needs a location");
            for (Object loc : arr(m.get("locations"))) {
                assertTrue(((BigDecimal) at(loc, "physicalLocation", "region", "startLine")).intValue() >= 1);
                assertFalse(((String) at(loc, "physicalLocation", "artifactLocation", "uri")).isEmpty());
            }
            assertEquals(at(m, "properties", "cycleId"), at(m, "partialFingerprints", SarifOutput.FINGERPRINT));
        }
        Map<String, Object> circ = obj(results.get(0));
        assertEquals("jlockdep/circular", circ.get("ruleId"));
        assertEquals("Potential deadlock (circular): " + ACCOUNT + " -> " + BANK + " -> " + ACCOUNT,
                at(circ, "message", "text"));
        // primary: the closing acquisition's first program frame (the hook frame before it is skipped)
        Map<String, Object> primary = obj(at(circ, "locations", 0, "physicalLocation"));
        assertEquals("src/main/java/com/acme/Bank.java", at(primary, "artifactLocation", "uri"));
        assertEquals("%SRCROOT%", at(primary, "artifactLocation", "uriBaseId"));
        assertEquals(new BigDecimal(53), at(primary, "region", "startLine"));
        // related: each edge's first program frame; Audit.java is found in a nested module
        List<Object> related = arr(circ.get("relatedLocations"));
        assertEquals(2, related.size());
        assertEquals(BigDecimal.ONE, at(related, 0, "id"));
        assertEquals(new BigDecimal(2), at(related, 1, "id"));
        assertEquals("mod/src/test/java/com/acme/Audit.java", at(related, 1, "physicalLocation", "artifactLocation", "uri"));
        assertEquals(new BigDecimal(37), at(related, 1, "physicalLocation", "region", "startLine"));
        assertTrue(((String) at(related, 1, "message", "text")).contains("first seen in thread \"worker-1\" during"
                + " test com.acme.BankTest.audit()"));
        // code flows: a thread flow per edge, outermost frame first
        List<Object> flows = arr(at(circ, "codeFlows", 0, "threadFlows"));
        assertEquals(2, flows.size());
        List<Object> first = arr(at(flows, 0, "locations"));
        assertEquals(2, first.size());
        assertEquals(new BigDecimal(60), at(first, 0, "location", "physicalLocation", "region", "startLine"));
        assertEquals(new BigDecimal(53), at(first, 1, "location", "physicalLocation", "region", "startLine"));
        assertEquals(BigDecimal.ZERO, at(first, 0, "nestingLevel"));

        // the recursive finding's file is only under target/ (never searched): path by package, no base
        Map<String, Object> rec = obj(results.get(1));
        assertEquals("com/acme/Irq.java", at(rec, "locations", 0, "physicalLocation", "artifactLocation", "uri"));
        assertFalse(obj(at(rec, "locations", 0, "physicalLocation", "artifactLocation")).containsKey("uriBaseId"));
    }

    @Test
    void sarifWithExplicitSourceRoots() throws IOException {
        write("elsewhere/java/com/acme/Audit.java", "package com.acme;\n");
        Run r = cli("report", "a.jfr", "--format", "sarif", "--source-root", "elsewhere/java").assertExit(0);
        Object run = at(Json.parse(r.out), "runs", 0);
        assertEquals("com/acme/Bank.java", at(run, "results", 0, "locations", 0, "physicalLocation",
                "artifactLocation", "uri"), "not under the given root: by package");
        assertEquals("elsewhere/java/com/acme/Audit.java", at(run, "results", 0, "relatedLocations", 1,
                "physicalLocation", "artifactLocation", "uri"));
    }

    @Test
    void sarifWithoutFindingsHasRulesAndNoResults() {
        Run r = cli("check", "c.jfr", "--format", "sarif").assertExit(0);
        Object run = at(Json.parse(r.out), "runs", 0);
        assertEquals(List.of(), at(run, "results"));
        assertEquals(6, arr(at(run, "tool", "driver", "rules")).size());
    }

    @Test
    void sarifLocationFallsBackToTheLockAllocationSite() throws IOException {
        Recordings.builder().finding("1111111111111111", "rw-upgrade", "ReentrantReadWriteLock@com.acme.Cache.<init>"
                + "(Cache.java:21) -> ReentrantReadWriteLock@com.acme.Cache.<init>(Cache.java:21)", 1, "r", "main", "")
                .statistics().write(dir.resolve("nostack.jfr"));
        Run r = cli("check", "nostack.jfr", "--format", "sarif").assertExit(1);
        Object loc = at(Json.parse(r.out), "runs", 0, "results", 0, "locations", 0, "physicalLocation");
        assertEquals("com/acme/Cache.java", at(loc, "artifactLocation", "uri"));
        assertEquals(new BigDecimal(21), at(loc, "region", "startLine"));
    }

    // ------------------------------------------------------------------------------------------ junit

    @Test
    void junitXml() throws Exception {
        Files.writeString(dir.resolve("base.txt"), RECURSIVE + "\n");
        Run r = cli("check", "a.jfr", "b.jfr", "--format", "junit", "--baseline", "base.txt").assertExit(1);
        Document d = xml(r.out);
        Element suites = d.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("jlockdep", suites.getAttribute("name"));
        assertEquals("2", suites.getAttribute("tests"));
        assertEquals("1", suites.getAttribute("failures"));
        assertEquals("1", suites.getAttribute("skipped"));
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertEquals("jlockdep", suite.getAttribute("name"));
        assertEquals("0", suite.getAttribute("errors"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element c0 = (Element) cases.item(0);
        assertEquals("jlockdep.circular", c0.getAttribute("classname"));
        assertEquals("circular: " + ACCOUNT + " -> " + BANK + " -> " + ACCOUNT, c0.getAttribute("name"));
        Element failure = (Element) c0.getElementsByTagName("failure").item(0);
        assertEquals("potential deadlock (circular): " + ACCOUNT + " -> " + BANK + " -> " + ACCOUNT + " [cycle id "
                + CIRCULAR + "]", failure.getAttribute("message"));
        assertEquals("circular", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("WARNING: possible circular locking dependency detected\n"));
        assertTrue(failure.getTextContent().contains("recordings: a.jfr, b.jfr\n"));
        Element c1 = (Element) cases.item(1);
        assertEquals("recursive: " + SECTION + " -> " + SECTION, c1.getAttribute("name"));
        assertEquals(1, c1.getElementsByTagName("skipped").getLength());
        assertEquals("accepted by baseline base.txt",
                ((Element) c1.getElementsByTagName("skipped").item(0)).getAttribute("message"));
    }

    @Test
    void junitWithoutFindingsIsOnePassingTestCase() throws Exception {
        Run r = cli("check", "c.jfr", "--format", "junit").assertExit(0);
        Element suites = xml(r.out).getDocumentElement();
        assertEquals("1", suites.getAttribute("tests"));
        assertEquals("0", suites.getAttribute("failures"));
        NodeList cases = suites.getElementsByTagName("testcase");
        assertEquals(1, cases.getLength());
        assertEquals("no potential deadlocks", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals(0, ((Element) cases.item(0)).getChildNodes().getLength());
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    // ------------------------------------------------------------------------------------------ dot

    @Test
    void dotGraphOfTheCycles() throws Exception {
        Run r = cli("report", "a.jfr", "b.jfr", "--format", "dot").assertExit(0);
        String dot = r.out;
        assertTrue(dot.startsWith("digraph \"jlockdep\" {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        assertTrue(dot.contains("[label=\"" + BANK + "\"]"), dot);
        assertTrue(dot.contains("[label=\"fence \\\"signalling\\\" <section>\"]"), "quotes escaped: " + dot);
        assertEquals(3, count(dot, " -> n"), "three edges: two of the cycle, one self edge: " + dot);
        assertTrue(dot.contains("[label=\"EN\", tooltip=\"cycle id " + CIRCULAR), dot);
        // every line is a statement or a brace: balanced quotes on each line
        for (String line : dot.split("\n")) {
            assertEquals(0, count(line.replace("\\\\", "").replace("\\\"", ""), "\"") % 2, line);
        }
        assertValidDot(dot);
        assertValidDot(cli("check", "c.jfr", "--format", "dot").out);
    }

    /** Runs Graphviz on the text when it is installed (the test is about our quoting, not Graphviz). */
    private void assertValidDot(String text) throws Exception {
        Path dotTool = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "dot");
            if (Files.isExecutable(p)) {
                dotTool = p;
                break;
            }
        }
        Assumptions.assumeTrue(dotTool != null, "Graphviz 'dot' not installed: syntax checked by the assertions only");
        Path in = dir.resolve("graph.dot");
        Files.writeString(in, text);
        Process p = new ProcessBuilder(dotTool.toString(), "-Tsvg", "-o", dir.resolve("graph.svg").toString(),
                in.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.trim(), "no warnings");
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
