package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.MavenBuild.Ran;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A user's project, built with Maven: {@code src/it/consumer} runs its tests under the agent with the JUnit 5
 * extension auto-detected, one JVM and one recording per test class, configured as the README says. One
 * test class is clean; one splits an inversion over two tests: the build fails naming the second test, with
 * the report, and {@code check} over the recordings fails too. Two more classes each take one half of another
 * inversion: every JVM is clean and the build passes, but {@code merge} over the recordings finds the cycle,
 * naming both tests, and a baseline then accepts it.
 *
 * <p>Where the consumer build gets jlockdep from, and how it runs: {@link MavenBuild}. Its builds run one after the
 * other; their output is kept in the session directory under {@code target/it-work}.
 */
@Execution(ExecutionMode.SAME_THREAD)
class ConsumerProjectIT {
    private static final Path PROJECT = MavenBuild.path("jlockdep.it.consumerProject", "src/it/consumer");
    private static final Path PARENT_POM = MavenBuild.path("jlockdep.it.parentPom", "../pom.xml");

    @BeforeAll
    static void installed() {
        MavenBuild.requireInstalled("jlockdep-parent", "jlockdep-agent", "jlockdep-cli", "jlockdep-junit5");
    }

    @Test
    void inversionFailsTheBuildWithTheReportAndCheckFailsOnTheRecordings() {
        Ran b = maven("all-tests", "verify");

        assertNotEquals(0, b.exit, b.describe());
        String out = b.output;
        assertTrue(out.contains("WARNING: possible circular locking dependency detected"), b.describe());
        assertTrue(out.contains("ReentrantLock com.example.Bank.books"), b.describe());
        assertTrue(out.contains("Account@com.example.Bank.open#1"), b.describe());
        assertTrue(out.contains("during test com.example.InversionTest.audit()"), b.describe());
        assertTrue(out.contains("during test com.example.InversionTest.deposit()"), b.describe());
        assertTrue(out.contains("jlockdep: 1 potential deadlock during this test: circular "), b.describe());
        assertTrue(out.lines().anyMatch(l -> l.contains("com.example.InversionTest.deposit")
                && l.contains("<<< FAILURE!")), "names the failing test\n" + b.describe());
        assertTrue(out.contains("Tests run: 5, Failures: 1, Errors: 0, Skipped: 0"), b.describe());
        assertFalse(out.lines().anyMatch(l -> l.contains("CleanTest") && l.contains("<<< FAILURE!")), b.describe());
        assertFalse(out.lines().anyMatch(l -> l.contains("InversionTest.audit") && l.contains("<<< FAILURE!")),
                b.describe());
        assertFalse(out.contains("the agent is not attached"), b.describe());

        // Each report once (the failure's cause, under the failing test), not also on stderr and in the summary.
        assertEquals(1, count(out, "WARNING: possible circular locking dependency detected"), b.describe());
        assertEquals(1, out.lines().filter(l -> l.startsWith("cycle id: ")).count(), b.describe());
        assertTrue(out.contains("Caused by: io.jlockdep.junit5.PotentialDeadlockFailure$Report"), b.describe());
        // The agent's log gives the finding one line, pointing at the test.
        assertTrue(out.lines().anyMatch(l -> l.startsWith("jlockdep: potential deadlock circular ")
                && l.endsWith("): the test during which it appeared reports it")), b.describe());
        // Framework frames folded: the application's kept, JUnit's and reflection's one line per run.
        assertTrue(out.contains("at com.example.InversionTest.deposit(InversionTest.java:"), b.describe());
        assertTrue(out.contains(" framework frames"), b.describe());
        assertFalse(out.contains("org.junit.jupiter.engine"), b.describe());
        assertFalse(out.contains("jdk.internal.reflect"), b.describe());
        // Maven's summary: one line for the failure, then the totals.
        List<String> lines = out.lines().toList();
        int failures = lines.indexOf("[ERROR] Failures: ");
        assertTrue(failures >= 0, b.describe());
        assertTrue(lines.get(failures + 1).startsWith("[ERROR]   InversionTest.deposit:")
                && lines.get(failures + 1).endsWith(")"), b.describe());
        assertEquals("[ERROR] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0", lines.get(failures + 3), b.describe());
        // The test report keeps the whole report for CI (the failure's body).
        String xml = Fork.read(b.dir.resolve("project/target/surefire-reports/TEST-com.example.InversionTest.xml"));
        assertTrue(xml.contains("WARNING: possible circular locking dependency detected"), xml);
        assertTrue(xml.contains("during test com.example.InversionTest.audit()"), xml);

        // The CI recipe's second step: one recording per test JVM, checked by the command-line tool.
        Path recordings = b.dir.resolve("project/target/jlockdep");
        Ran check = cli(b, "check", recordings.toString());
        assertEquals(1, check.exit, check.describe());
        assertTrue(check.output.contains("1 potential deadlock (1 circular) in 4 recordings"), check.describe());
        assertTrue(check.output.contains("during test com.example.InversionTest.audit()"), check.describe());
    }

    @Test
    void withoutTheInvertedTestTheBuildPassesAndMergeFindsTheCycleAcrossForks() {
        Ran b = maven("clean-tests", "verify", "-Dtest=CleanTest,LedgerPostTest,LedgerReconcileTest");

        assertEquals(0, b.exit, b.describe());
        assertTrue(b.output.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), b.describe());
        assertTrue(b.output.contains("BUILD SUCCESS"), b.describe());
        assertFalse(b.output.contains("possible circular locking dependency"), b.describe());
        assertFalse(b.output.contains("the agent is not attached"), b.describe());

        // Each test JVM alone is clean; the ledger's halves ran in two of them, and only the union shows it.
        String recordings = b.dir.resolve("project/target/jlockdep").toString();
        Ran check = cli(b, "check", recordings);
        assertEquals(0, check.exit, check.describe());
        assertTrue(check.output.contains("no potential deadlocks in 3 recordings"), check.describe());

        Ran merge = cli(b, "merge", recordings);
        assertEquals(1, merge.exit, merge.describe());
        assertTrue(merge.output.contains("WARNING: possible circular locking dependency across recordings"),
                merge.describe());
        assertTrue(merge.output.contains("ReentrantLock com.example.Ledger.journal"), merge.describe());
        assertTrue(merge.output.contains("monitor com.example.Vault"), merge.describe());
        assertTrue(merge.output.contains("during test com.example.LedgerPostTest.post()"), merge.describe());
        assertTrue(merge.output.contains("during test com.example.LedgerReconcileTest.reconcile()"),
                merge.describe());

        // Accept it in a baseline: the same merge then passes.
        String baseline = b.dir.resolve("merge-baseline.txt").toString();
        Ran write = cli(b, "merge", recordings, "--write-baseline", baseline);
        assertEquals(0, write.exit, write.describe());
        Ran accepted = cli(b, "merge", recordings, "--baseline", baseline);
        assertEquals(0, accepted.exit, accepted.describe());
        assertTrue(accepted.output.contains("accepted by baseline: 1"), accepted.describe());
    }

    /**
     * The extension honours {@code jlockdep-baseline.txt} at the module root, the file {@code check} reads: a
     * baselined finding fails no test and is named on one line; a malformed baseline fails the build with one line.
     */
    @Test
    void aBaselineAtTheModuleRootAcceptsTheFindingAndAMalformedOneFailsInOneLine() {
        Ran failing = maven("baseline-before", Map.of(), "verify", "-Dtest=InversionTest");
        assertNotEquals(0, failing.exit, failing.describe());
        String id = failing.output.lines().filter(l -> l.startsWith("cycle id: ")).map(l -> l.substring(10))
                .findFirst().orElseThrow(() -> new AssertionError("no cycle id\n" + failing.describe()));

        String baseline = "# accepted potential deadlocks\n" + id + "  # circular Account -> books\n";
        Ran accepted = maven("baseline-accepted", Map.of("jlockdep-baseline.txt", baseline), "verify",
                "-Dtest=InversionTest");
        assertEquals(0, accepted.exit, accepted.describe());
        assertTrue(accepted.output.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), accepted.describe());
        assertTrue(accepted.output.lines().anyMatch(l -> l.startsWith("jlockdep: baselined " + id + " ")
                && l.contains("ReentrantLock com.example.Bank.books")
                && l.endsWith(" (jlockdep-baseline.txt:2)")), accepted.describe());
        assertFalse(accepted.output.contains("WARNING: possible circular locking dependency"), accepted.describe());

        Ran malformed = maven("baseline-malformed", Map.of("jlockdep-baseline.txt", "# accepted\nnot-an-id\n"),
                "verify", "-Dtest=InversionTest");
        assertNotEquals(0, malformed.exit, malformed.describe());
        String error = "jlockdep: jlockdep-baseline.txt:2: malformed cycle id 'not-an-id' (expected 16 hex digits,"
                + " as in 'cycle id: 7f4baf92884d54f5')";
        assertTrue(malformed.output.lines().anyMatch(l -> l.equals("[ERROR]   InversionTest " + error)),
                malformed.describe());
        List<String> lines = malformed.output.lines().toList();
        int at = lines.indexOf("io.jlockdep.junit5.BaselineError: " + error);
        assertTrue(at >= 0, malformed.describe());
        assertFalse(lines.get(at + 1).startsWith("\tat "), "no stack trace\n" + malformed.describe());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    /** The consumer pins the parent's plugin and JUnit versions, so its builds download nothing new. */
    @Test
    void consumerUsesTheParentsVersions() throws Exception {
        Document parent = xml(PARENT_POM);
        Document consumer = xml(PROJECT.resolve("pom.xml"));
        Map<String, String> managed = new HashMap<>();
        Element pluginManagement = (Element) parent.getElementsByTagName("pluginManagement").item(0);
        for (Element p : elements(pluginManagement.getElementsByTagName("plugin"))) {
            managed.put(text(p, "artifactId"), text(p, "version"));
        }
        List<Element> plugins = elements(consumer.getElementsByTagName("plugin"));
        assertFalse(plugins.isEmpty());
        for (Element p : plugins) {
            String artifactId = text(p, "artifactId");
            String version = text(p, "version");
            if (version != null) {
                assertEquals(managed.get(artifactId), version, artifactId + " in " + PROJECT.resolve("pom.xml"));
            }
        }
        assertEquals(text(parent.getDocumentElement(), "properties", "junit.version"),
                text(consumer.getDocumentElement(), "properties", "junit.version"), "junit.version");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Ran maven(String name, String... goalsAndOptions) {
        return maven(name, Map.of(), goalsAndOptions);
    }

    /** Builds a copy of the consumer project with {@code files} (name to text) added at its root. */
    private static Ran maven(String name, Map<String, String> files, String... goalsAndOptions) {
        return MavenBuild.maven(PROJECT, name, files, goalsAndOptions);
    }

    private static Ran cli(Ran build, String... args) {
        return MavenBuild.cli(build, args);
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The text of the child element path under {@code e} (direct children only), or null. */
    private static String text(Element e, String... path) {
        Element cur = e;
        for (String name : path) {
            Element next = null;
            for (Node n = cur.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                    next = (Element) n;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            cur = next;
        }
        return cur.getTextContent().trim();
    }
}
