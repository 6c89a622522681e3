package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.MavenBuild.Ran;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Users' projects built with Maven through {@code jlockdep-maven-plugin}, configured with nothing but the plugin
 * block of the README ({@code src/it/plugin-single}, {@code src/it/plugin-multi}; see {@link MavenBuild} for where
 * they get jlockdep from). Two test classes of the single-module project take a lock and a monitor in opposite
 * orders, a third is clean; their tests pass, and {@code check} fails the build in {@code verify}, naming the finding
 * and its tests, after {@code report} wrote the HTML, SARIF, JUnit XML and JSON files. Without the inverted class the
 * build passes, with Failsafe's JVM recorded beside Surefire's ({@code prepare-agent-integration}). With each class
 * in its own JVM (the halves in different recordings) the merged cycle fails it, beside JaCoCo's agent; the cycle's
 * id in {@code jlockdep-baseline.txt} makes it pass; {@code -Djlockdep.skip} skips it all. The multi-module
 * project's two modules each take one half of an inversion beside JaCoCo: each module passes its own check, and
 * {@code report-aggregate} finds the cycle across the modules.
 */
@Execution(ExecutionMode.SAME_THREAD)
class MavenPluginIT {
    private static final Path PROJECTS = MavenBuild.path("jlockdep.it.pluginProjects", "src/it");
    private static final Path SINGLE = PROJECTS.resolve("plugin-single");
    private static final Path MULTI = PROJECTS.resolve("plugin-multi");
    private static final String VERSION = MavenBuild.VERSION;
    private static final String PLUGIN = "io.jlockdep:jlockdep-maven-plugin:" + VERSION;
    private static final String BOOKS = "ReentrantLock com.example.Bank.books";
    private static final String ACCOUNT = "Account@com.example.Bank.open#1";
    private static final Pattern CYCLE_ID = Pattern.compile("cycle id ([0-9a-f]{16})");
    private static final List<String> REPORT_FILES =
            List.of("index.html", "jlockdep.sarif", "jlockdep-junit.xml", "jlockdep.json");

    @BeforeAll
    static void installed() {
        MavenBuild.requireInstalled("jlockdep-parent", "jlockdep-agent", "jlockdep-maven-plugin", "jlockdep-cli",
                "jlockdep-core");
    }

    @Test
    void inversionFailsVerifyNamingTheFindingAndItsTestsAfterWritingTheReports() {
        Ran b = MavenBuild.maven(SINGLE, "plugin-inversion", "verify");
        String out = b.output;

        assertNotEquals(0, b.exit, b.describe());
        // the agent, from the plugin's own dependencies, under its repository name, appended to argLine
        assertTrue(out.contains("[INFO] jlockdep: argLine set to -javaagent:" + agentJar() + "=jfr="
                + b.project().resolve("target/jlockdep") + "/test-%p.jfr,edges=on\n"), b.describe());
        // the tests themselves pass: check fails the build, in verify, once
        assertTrue(out.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), b.describe());
        assertTrue(out.contains("[ERROR] Failed to execute goal " + PLUGIN + ":check (default) on project bank:"
                + " jlockdep: 1 potential deadlock (1 circular) in 1 recording\n"), b.describe());
        assertTrue(out.contains("\n[ERROR]   potential deadlock (circular): "), b.describe());
        assertTrue(out.contains(BOOKS) && out.contains(ACCOUNT), b.describe());
        String id = cycleId(b);
        assertTrue(out.contains("[ERROR]     cycle id " + id + "; taken in "), b.describe());
        assertTrue(out.contains("com.example.AuditTest.audit(AuditTest.java:"), "names the tests\n" + b.describe());
        assertTrue(out.contains("com.example.DepositTest.deposit(DepositTest.java:"), "names the tests\n" + b.describe());
        assertTrue(out.contains("[ERROR]   report: target/site/jlockdep/index.html\n"), b.describe());
        assertTrue(out.contains("[ERROR]   accepted findings: their cycle ids, one per line, in jlockdep-baseline.txt"),
                b.describe());
        assertFalse(out.contains("at io.jlockdep.maven."), "no stack trace\n" + b.describe());
        assertEquals(1, count(out, "[ERROR] Failed to execute goal"), b.describe());

        // one recording (one test JVM), and the four report files
        assertEquals(1, recordings(b.project().resolve("target/jlockdep")).size(), b.describe());
        assertTrue(out.contains("[INFO] jlockdep: 1 potential deadlock (1 circular) in 1 recording; report:"
                + " target/site/jlockdep/index.html\n"), b.describe());
        Path site = b.project().resolve("target/site/jlockdep");
        for (String f : REPORT_FILES) {
            assertTrue(read(site.resolve(f)).contains(id), f + " names the finding\n" + b.describe());
        }
        assertTrue(read(site.resolve("index.html")).startsWith("<!DOCTYPE html>"));
        String json = read(site.resolve("jlockdep.json"));
        assertTrue(json.contains("\"command\": \"check\""), json);
        assertTrue(json.contains("\"scope\": \"recording\""), json);
        assertTrue(json.contains("\"file\": \"target/jlockdep/test-"), json);
        assertTrue(json.contains("\"version\": \"" + VERSION + "\""), json);
        String sarif = read(site.resolve("jlockdep.sarif"));
        assertTrue(sarif.contains("\"uri\": \"src/main/java/com/example/Bank.java\""), "source paths\n" + sarif);
        assertTrue(read(site.resolve("jlockdep-junit.xml")).contains("<failure"));

        // the same recordings, checked again without the tests: a configured baseline that is missing is an
        // error of one line; haltOnFailure=false only warns
        Ran missing = MavenBuild.mavenIn(b.dir, PLUGIN + ":check", "-Djlockdep.baseline=missing.txt");
        assertNotEquals(0, missing.exit, missing.describe());
        assertTrue(missing.output.contains("[ERROR] Failed to execute goal " + PLUGIN + ":check (default-cli) on"
                + " project bank: jlockdep: missing.txt: no such file -> [Help 1]\n"), missing.describe());
        Ran warn = MavenBuild.mavenIn(b.dir, PLUGIN + ":check", "-Djlockdep.haltOnFailure=false");
        assertEquals(0, warn.exit, warn.describe());
        assertTrue(warn.output.contains("[WARNING] jlockdep: 1 potential deadlock (1 circular) in 1 recording\n"),
                warn.describe());
    }

    @Test
    void withoutTheInvertedTestClassVerifyPassesWithFailsafesJvmsRecordedToo() {
        // profile "it": Failsafe runs BankIT after the unit tests, its JVM prepared by prepare-agent-integration
        Ran b = MavenBuild.maven(SINGLE, "plugin-clean", "verify", "-Dtest=AuditTest,CleanTest", "-Pit");

        assertEquals(0, b.exit, b.describe());
        assertTrue(b.output.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), b.describe());
        assertTrue(b.output.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed:"), b.describe());
        assertTrue(b.output.contains("BankIT"), b.describe());
        // the integration tests' agent replaces the unit tests' in argLine
        Path recordings = b.project().resolve("target/jlockdep");
        assertTrue(b.output.contains("[INFO] jlockdep: argLine set to -javaagent:" + agentJar() + "=jfr=" + recordings
                + "/it-%p.jfr,edges=on\n"), b.describe());
        List<Path> files = recordings(recordings);
        assertEquals(2, files.size(), b.describe());
        assertTrue(files.get(0).getFileName().toString().startsWith("it-"), files.toString());
        assertTrue(files.get(1).getFileName().toString().startsWith("test-"), files.toString());
        assertTrue(b.output.contains("[INFO] jlockdep: no potential deadlocks in 2 recordings; report:"
                + " target/site/jlockdep/index.html\n"), b.describe());
        assertTrue(b.output.contains("[INFO] jlockdep: no potential deadlocks in 2 recordings\n"), b.describe());
        assertTrue(b.output.contains("BUILD SUCCESS"), b.describe());
        for (String f : REPORT_FILES) {
            assertTrue(Files.isRegularFile(b.project().resolve("target/site/jlockdep/" + f)), f);
        }
    }

    @Test
    void halvesInTwoTestJvmsFailTheBuildBesideJacocoAndTheBaselineAcceptsThem() throws IOException {
        // each test class in its own JVM: no recording shows the cycle, their union does; JaCoCo's prepare-agent
        // runs after jlockdep's and puts its agent first
        Ran b = MavenBuild.maven(SINGLE, "plugin-forks", "verify", "-DreuseForks=false", "-Pjacoco");

        assertNotEquals(0, b.exit, b.describe());
        assertTrue(b.output.lines().anyMatch(l -> l.startsWith("[INFO] argLine set to -javaagent:")
                && l.contains("org.jacoco.agent") && l.contains(" -javaagent:") && l.contains("jlockdep-agent-"
                + VERSION + ".jar=jfr=") && l.indexOf("org.jacoco.agent") < l.indexOf("jlockdep-agent")),
                "JaCoCo's argLine holds both agents\n" + b.describe());
        assertTrue(Files.isRegularFile(b.project().resolve("target/jacoco.exec")), "JaCoCo's data\n" + b.describe());
        assertEquals(3, recordings(b.project().resolve("target/jlockdep")).size(), b.describe());
        assertTrue(b.output.contains("on project bank: jlockdep: 1 potential deadlock (1 circular) in 3 recordings\n"),
                b.describe());
        assertTrue(b.output.contains("[ERROR]   potential deadlock across recordings (circular): "), b.describe());
        assertTrue(b.output.contains("com.example.AuditTest.audit(AuditTest.java:"), b.describe());
        assertTrue(b.output.contains("com.example.DepositTest.deposit(DepositTest.java:"), b.describe());
        String id = cycleId(b);
        assertTrue(read(b.project().resolve("target/site/jlockdep/jlockdep.json")).contains("\"scope\": \"merged\""));

        // accepted in the module's baseline file: the same build passes; the earlier build's recordings are gone
        Files.writeString(b.project().resolve("jlockdep-baseline.txt"), id + "  # the bank's audit and deposit\n");
        Ran accepted = MavenBuild.mavenIn(b.dir, "verify", "-DreuseForks=false");
        assertEquals(0, accepted.exit, accepted.describe());
        assertTrue(accepted.output.contains("[INFO] jlockdep: no new potential deadlocks in 3 recordings; accepted by"
                + " baseline: 1\n"), accepted.describe());
        assertEquals(3, recordings(b.project().resolve("target/jlockdep")).size(), accepted.describe());
        assertTrue(read(b.project().resolve("target/site/jlockdep/jlockdep-junit.xml")).contains("<skipped"));
    }

    @Test
    void skipSkipsEveryGoal() {
        Ran b = MavenBuild.maven(SINGLE, "plugin-skip", "verify", "-Djlockdep.skip");

        assertEquals(0, b.exit, b.describe());
        assertTrue(b.output.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), b.describe());
        assertEquals(3, count(b.output, "[INFO] jlockdep: skipped (jlockdep.skip)\n"), b.describe());
        assertFalse(b.output.contains("-javaagent"), b.describe());
        assertFalse(Files.exists(b.project().resolve("target/jlockdep")), b.describe());
        assertFalse(Files.exists(b.project().resolve("target/site/jlockdep")), b.describe());
    }

    @Test
    void aggregateReportFindsTheInversionWhoseHalvesRanInTwoModulesBesideJacoco() {
        Ran b = MavenBuild.maven(MULTI, "plugin-multi", "verify");

        // each module is clean on its own, so the build passes
        assertEquals(0, b.exit, b.describe());
        assertEquals(2, count(b.output, "[INFO] jlockdep: no potential deadlocks in 1 recording\n"), b.describe());
        // JaCoCo's prepare-agent ran first; jlockdep's appended to its argLine
        assertTrue(b.output.lines().anyMatch(l -> l.startsWith("[INFO] jlockdep: argLine set to -javaagent:")
                && l.contains("org.jacoco.agent") && l.contains("ledger/target/jlockdep/test-%p.jfr,edges=on")
                && l.indexOf("org.jacoco.agent") < l.indexOf("jlockdep-agent")), b.describe());
        for (String module : List.of("ledger", "reconcile")) {
            assertTrue(Files.isRegularFile(b.project().resolve(module + "/target/jacoco.exec")), module);
            assertEquals(1, recordings(b.project().resolve(module + "/target/jlockdep")).size(), module);
        }
        // the report module merges both modules' test JVMs
        assertTrue(b.output.contains("[INFO] jlockdep: 1 potential deadlock (1 circular) in 2 recordings of 3 modules;"
                + " report: report/target/site/jlockdep-aggregate/index.html\n"), b.describe());
        assertTrue(b.output.contains("[WARNING] jlockdep: 1 potential deadlock (1 circular) in 2 recordings\n"
                + "  potential deadlock across recordings (circular): "), b.describe());
        assertTrue(b.output.contains("ReentrantLock com.example.ledger.Ledger.journal"), b.describe());
        assertTrue(b.output.contains("monitor com.example.ledger.Vault"), b.describe());
        assertTrue(b.output.contains("com.example.ledger.PostTest.post(PostTest.java:"), b.describe());
        assertTrue(b.output.contains("com.example.reconcile.ReconcileTest.reconcile(ReconcileTest.java:"),
                b.describe());
        String id = cycleId(b);
        Path site = b.project().resolve("report/target/site/jlockdep-aggregate");
        for (String f : REPORT_FILES) {
            assertTrue(read(site.resolve(f)).contains(id), f + "\n" + b.describe());
        }
        String json = read(site.resolve("jlockdep.json"));
        assertTrue(json.contains("\"scope\": \"merged\""), json);
        assertTrue(json.contains("\"file\": \"ledger/target/jlockdep/test-"), json);
        assertTrue(json.contains("\"file\": \"reconcile/target/jlockdep/test-"), json);
        // SARIF paths from the build's top directory, into the module that took the order
        String sarif = read(site.resolve("jlockdep.sarif"));
        assertTrue(sarif.contains("\"uri\": \"ledger/src/main/java/com/example/ledger/Ledger.java\""), sarif);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The agent jar in the consumers' local repository. */
    private static Path agentJar() {
        return MavenBuild.REPO.resolve("io/jlockdep/jlockdep-agent/" + VERSION + "/jlockdep-agent-" + VERSION + ".jar");
    }

    /** The one cycle id the build's output names. */
    private static String cycleId(Ran b) {
        Matcher m = CYCLE_ID.matcher(b.output);
        assertTrue(m.find(), "a cycle id\n" + b.describe());
        String id = m.group(1);
        assertEquals(id, CYCLE_ID.matcher(b.output).results().map(r -> r.group(1)).distinct()
                .collect(Collectors.joining(", ")), "one finding\n" + b.describe());
        return id;
    }

    private static List<Path> recordings(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jfr")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static String read(Path file) {
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return Fork.read(file);
    }
}
