package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import io.jlockdep.bootstrap.TestReports;
import static io.jlockdep.agent.report.Scenarios.host;
import static io.jlockdep.agent.report.Scenarios.inversion;
import static io.jlockdep.agent.report.Scenarios.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Limit;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.LockdepListener;
import io.jlockdep.core.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log side: a private Logback context writing {@code %msg%n} to stderr, a file, or nowhere. */
class ReporterLogTest {
    @TempDir
    Path dir;

    private PrintStream originalErr;
    private PrintStream originalOut;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void captureStreams() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStreams() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whileTestsReportFindingsTheLogGivesEachOneLineAndAtExitTheReportsNoTestReported() throws Exception {
        Path log = dir.resolve("tests.log");
        TestReports.activate(); // as the JUnit extension does before its first test class
        try {
            Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
            Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
            reporter.start(host(engine));
            Finding failed = inversion(engine, "TestedA", "TestedB");
            Finding late = inversion(engine, "LateA", "LateB");
            TestReports.claim(failed.cycleId()); // a test failed with this one's report
            reporter.finish(host(engine));

            String nl = System.lineSeparator();
            assertEquals("jlockdep: potential deadlock circular " + failed.lockClasses() + " (cycle id "
                    + failed.cycleId() + "): the test during which it appeared reports it" + nl
                    + "jlockdep: potential deadlock circular " + late.lockClasses() + " (cycle id " + late.cycleId()
                    + "): the test during which it appeared reports it" + nl
                    + "jlockdep: 2 potential deadlocks reported (cycle ids: " + failed.cycleId() + ", "
                    + late.cycleId() + ")" + nl
                    + "jlockdep: no test reported cycle id " + late.cycleId() + " (found after the last test class"
                    + " ended):" + nl
                    + strip(late.render()) + nl, read(log));
        } finally {
            TestReports.reset();
        }
    }

    @Test
    void logFileHoldsTheReportAndTheSummary() throws Exception {
        Path log = dir.resolve("jlockdep.log");
        Files.writeString(log, "earlier run\n");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        Finding f1 = inversion(engine, "Lock{}A", "Lock{}B");
        Finding f2 = inversion(engine, "LockC", "LockD");
        reporter.finish(host(engine));

        String text = read(log);
        assertTrue(text.startsWith("earlier run\n"), "append mode");
        String nl = System.lineSeparator();
        String expected = "earlier run\n" + strip(f1.render()) + nl + strip(f2.render()) + nl
                + "jlockdep: 2 potential deadlocks reported (cycle ids: " + f1.cycleId() + ", " + f2.cycleId() + ")" + nl;
        assertEquals(expected, text);
        assertTrue(text.contains(Scenarios.HEADLINE));
        assertTrue(text.contains("Lock{}A"), "no placeholder formatting");
        assertEquals("", err(), "a file target writes nothing to stderr");
        assertEquals("", out());
    }

    /** The report without its final line end (the log pattern adds one). */
    private static String strip(String report) {
        return report.endsWith("\n") ? report.substring(0, report.length() - 1) : report;
    }

    @Test
    void summaryForOneFindingIsSingular() throws Exception {
        Path log = dir.resolve("one.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        assertTrue(read(log).endsWith("jlockdep: 1 potential deadlock reported (cycle id: " + f.cycleId() + ")"
                + System.lineSeparator()), read(log));
    }

    @Test
    void noSummaryWhenNothingWasReported() throws Exception {
        Path log = dir.resolve("clean.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        LockClass a = engine.lockClass("A");
        Object lock = new Object();
        engine.acquire(lock, a, Mode.EXCLUSIVE);
        engine.release(lock);
        reporter.finish(host(engine));
        assertEquals("", Files.exists(log) ? read(log) : "");
    }

    @Test
    void stderrTargetWritesReportAndSummaryToSystemErr() throws Exception {
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.STDERR).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        String text = err();
        assertTrue(text.contains(Scenarios.HEADLINE), text);
        assertTrue(text.contains("cycle id: " + f.cycleId()), text);
        assertTrue(text.contains("jlockdep: 1 potential deadlock reported (cycle id: " + f.cycleId() + ")"), text);
        assertEquals("", out(), "never stdout");
    }

    @Test
    void logOffWritesNothingAnywhere() throws Exception {
        Path jfr = dir.resolve("off.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        reporter.onLimit(Limit.EDGES, "more than 3 edges");
        reporter.finish(host(engine));
        assertEquals(1, reporter.reportedCount());
        assertEquals("", err());
        assertEquals("", out());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(jfr), files.toList(), "no log file appears");
        }
    }

    @Test
    void limitNoticeIsOneLine() throws Exception {
        Path log = dir.resolve("limit.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
        List<String> told = new CopyOnWriteArrayList<>();
        LockdepListener tee = new LockdepListener() {
            @Override
            public void onFinding(Finding finding) {
                reporter.onFinding(finding);
            }

            @Override
            public void onEdge(CycleEdge edge) {
                reporter.onEdge(edge);
            }

            @Override
            public void onLimit(Limit limit, String message) {
                told.add(message);
                reporter.onLimit(limit, message);
            }
        };
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(tee).maxEdges(1).build());
        reporter.start(host(engine));
        Scenarios.runOn("chain", () -> {
            Object[] locks = {new Object(), new Object(), new Object()};
            LockClass[] classes = {engine.lockClass("L1"), engine.lockClass("L2"), engine.lockClass("L3")};
            for (int i = 0; i < 3; i++) {
                engine.acquire(locks[i], classes[i], Mode.EXCLUSIVE);
            }
            for (int i = 2; i >= 0; i--) {
                engine.release(locks[i]);
            }
        });
        reporter.finish(host(engine));
        assertEquals(1, told.size(), "the engine tells a limit once");
        assertEquals("jlockdep: " + told.get(0) + System.lineSeparator(), read(log));
    }

    @Test
    void unwritableLogFileFallsBackToStderrWithOneLine() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        Path log = notADir.resolve("jlockdep.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        String text = err();
        assertTrue(text.startsWith("jlockdep: cannot open log file " + log), text);
        assertTrue(text.contains("; logging to stderr"), text);
        assertTrue(text.contains(f.cycleId()), text);
    }

    @Test
    void unwritableJfrFileIsReportedInTheLog() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        Path log = dir.resolve("jfr-problem.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log))
                .jfrFile(notADir.resolve("x.jfr")).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        String text = read(log);
        assertTrue(text.startsWith("jlockdep: cannot record JFR to " + notADir.resolve("x.jfr")), text);
        assertEquals(1, reporter.reportedCount());
    }

    @Test
    void applicationLogbackConfigurationIsNeverRead() throws Exception {
        // A logback.xml the application might have: if we ever auto-configured, "APP:" would prefix our lines.
        Path appConfig = dir.resolve("logback.xml");
        Files.writeString(appConfig, "<configuration><appender name='A' class='ch.qos.logback.core.ConsoleAppender'>"
                + "<target>System.err</target><encoder><pattern>APP: %msg%n</pattern></encoder></appender>"
                + "<root level='DEBUG'><appender-ref ref='A'/></root></configuration>");
        String previous = System.setProperty("logback.configurationFile", appConfig.toString());
        try {
            Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.STDERR).build());
            Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
            reporter.start(host(engine));
            inversion(engine, "LockA", "LockB");
            reporter.finish(host(engine));
        } finally {
            if (previous == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", previous);
            }
        }
        String text = err();
        assertTrue(text.startsWith("==="), text);
        assertFalse(text.contains("APP:"), text);
    }
}
