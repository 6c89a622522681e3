package io.jlockdep.it;

import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Edge;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.AllClean;
import io.jlockdep.it.programs.JdkInversions;
import io.jlockdep.it.programs.Policies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The options and policies that change what happens on a finding and where reports go. */
class PoliciesIT {
    private static final Class<?> P = Policies.class;

    static String orders() {
        return site("ReentrantLock", P, "<clinit>", "policy-orders");
    }

    static String stock() {
        return site("ReentrantLock", P, "<clinit>", "policy-stock");
    }

    private static Fork policies(Jvm jvm) {
        jvm.assumeAvailable();
        return Fork.program(Policies.class).on(jvm);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        assertTrue(Files.isRegularFile(file), () -> "missing file " + file);
        return Fork.read(file);
    }

    // ------------------------------------------------------------------------------------------ onCycle

    /**
     * onCycle=throw: PotentialDeadlockError in the thread about to close the cycle, before it takes the
     * lock (ReentrantLock, monitor, read-to-write upgrade, fence wait); the program catches it and goes on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleThrowDeniesTheAcquisition(Jvm jvm) {
        RunResult r = policies(jvm).agent("onCycle=throw").jfr()
                .args("throw-lock", "throw-monitor", "throw-upgrade", "throw-fence-wait").run().assertExit(0);
        JfrData jfr = r.jfr();
        String first = site("ReentrantLock", P, "<clinit>", "throw-first");
        Finding lock = jfr.single("circular", first, site("ReentrantLock", P, "<clinit>", "throw-second"));
        r.assertStdoutLine("LOCK_DENIED attempt=1 held=false locked=false id=" + lock.cycleId());
        // Reported once: the same order again is not thrown a second time and takes the lock.
        r.assertStdoutLine("LOCK_TAKEN attempt=2");
        assertTrue(r.value("LOCK_ERROR").startsWith("potential deadlock (circular): "), r::describe);
        assertTrue(r.value("LOCK_ERROR").endsWith("[cycle id " + lock.cycleId() + "]"), r::describe);

        Finding monitor = jfr.single("circular", "monitor io.jlockdep.it.programs.Policies$Left",
                "monitor io.jlockdep.it.programs.Policies$Right");
        r.assertStdoutLine("MONITOR_DENIED holds=false id=" + monitor.cycleId());

        jfr.single("rw-upgrade", site("ReentrantReadWriteLock", P, "throwUpgrade", "throw-upgrade-rw"));
        r.assertStdoutLine("UPGRADE_DENIED writeLocked=false readHolds=1 kind=rw-upgrade");

        jfr.single("circular", site("ReentrantLock", P, "throwFenceWait", "throw-fence-driver"), "fence-signalling");
        r.assertStdoutLine("FENCE_DENIED signaled=false");

        assertEquals(4, jfr.findings().size(), jfr::describeFindings);
        // The reports still go to the log.
        assertEquals(4, r.stderrReports().size(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitMakesANormalReturnExitWithOne(Jvm jvm) {
        policies(jvm).agent("onCycle=exit,log=off").args("inversion").run().assertExit(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitUsesExitCode(Jvm jvm) {
        policies(jvm).agent("onCycle=exit,exitCode=7,log=off").args("inversion").run().assertExit(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitKeepsTheProgramsOwnFailureStatus(Jvm jvm) {
        policies(jvm).agent("onCycle=exit,exitCode=7,log=off").args("inversion", "exit3").run().assertExit(3);
    }

    /**
     * A main that throws ends the JVM with status 1 (the launcher's); onCycle=exit must keep that failure
     * status like any other, not replace it with exitCode.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitKeepsTheStatusOfAnUncaughtException(Jvm jvm) {
        RunResult r = policies(jvm).agent("onCycle=exit,exitCode=7,log=off").args("inversion", "uncaught").run();
        assertTrue(r.stderr().contains("java.lang.IllegalStateException: main fails after the scenarios"), r::describe);
        r.assertExit(1);
    }

    /** Only main's exception decides the launcher's status: another thread's leaves it at 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitIgnoresAnotherThreadsUncaughtException(Jvm jvm) {
        RunResult r = policies(jvm).agent("onCycle=exit,exitCode=7,log=off").args("inversion", "worker-dies").run();
        assertTrue(r.stderr().contains("Exception in thread \"dying-worker\""), r::describe);
        r.assertExit(7);
    }

    /** Without findings, a main that threw still ends the JVM with the launcher's 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void anUncaughtExceptionWithoutFindingsKeepsStatusOne(Jvm jvm) {
        policies(jvm).agent("onCycle=exit,exitCode=7,log=off").args("clean", "uncaught").run().assertExit(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitReplacesAnExplicitExitZero(Jvm jvm) {
        policies(jvm).agent("onCycle=exit,exitCode=7,log=off").args("inversion", "exit0").run().assertExit(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitIsZeroWithoutFindings(Jvm jvm) {
        RunResult r = policies(jvm).agent("onCycle=exit,exitCode=7").args("clean").run().assertExit(0);
        assertEquals("", r.stderr(), r::describe);
    }

    // ------------------------------------------------------------------------------------------ outputs

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void logOffPrintsNothing(Jvm jvm) {
        RunResult r = policies(jvm).agent("log=off").jfr().args("inversion", "second-inversion").run().assertExit(0);
        assertEquals("", r.stderr(), r::describe);
        assertEquals(2, r.jfr().findings().size(), r.jfr()::describeFindings);
    }

    /** Without jfr=, the events still reach a recording the user started (-XX:StartFlightRecording). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void aRecordingTheUserStartedGetsTheEvents(Jvm jvm) {
        Path dir = Fork.newDir("user-recording-" + jvm.feature());
        Path jfr = dir.resolve("user.jfr");
        RunResult r = policies(jvm).agent("log=off").jvmArgs("-XX:StartFlightRecording=filename=" + jfr)
                .args("inversion").runIn(dir).assertExit(0);
        JfrData data = JfrData.read(jfr, r);
        data.single("circular", orders(), stock());
        assertEquals(1, data.statistics().findings(), () -> data.statistics().toString());
    }

    /** Without any recording, the agent never initializes JFR (a hundred classes and a few hundred ms). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void withoutARecordingJfrIsNeverInitialized(Jvm jvm) {
        Path dir = Fork.newDir("no-recording-" + jvm.feature());
        Path classes = dir.resolve("classes.log");
        RunResult r = policies(jvm).jvmArgs("-Xlog:class+load=info:file=" + classes).args("inversion").runIn(dir)
                .assertExit(0);
        assertEquals(1, r.stderrReports().size(), r::describe);
        String loaded = read(classes);
        assertTrue(loaded.contains("io.jlockdep.agent.report.Reporter"), "the class log is complete");
        assertFalse(loaded.contains("jdk.jfr.internal."), "JFR was initialized:\n" + loaded.lines()
                .filter(l -> l.contains("jdk.jfr")).limit(5).collect(java.util.stream.Collectors.joining("\n")));
    }

    /** log=FILE gets the report and the summary; edges=on records every new edge; dump=FILE writes text. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void logFileEdgesAndTextDump(Jvm jvm) {
        Path dir = Fork.newDir("log-edges-dump-" + jvm.feature());
        Path log = dir.resolve("reports.log");
        Path dump = dir.resolve("graph.txt");
        RunResult r = policies(jvm).agent("log=" + log + ",edges=on,dump=" + dump).jfr().args("inversion").runIn(dir)
                .assertExit(0);
        assertFalse(r.stderr().contains("WARNING"), r::describe);
        Finding f = r.jfr().single("circular", orders(), stock());

        String text = read(log);
        Map<String, String> reports = RunResult.reports(text);
        assertEquals(List.of(f.cycleId()), List.copyOf(reports.keySet()), text);
        assertTrue(text.contains("jlockdep: 1 potential deadlock reported (cycle id: " + f.cycleId() + ")"), text);

        List<Edge> forward = r.jfr().plainEdges().stream()
                .filter(e -> e.from().equals(orders()) && e.to().equals(stock())).toList();
        assertEquals(1, forward.size(), () -> "plain edges: " + r.jfr().plainEdges());
        Edge e = forward.get(0);
        assertEquals("", e.cycleId());
        assertEquals(-1, e.index());
        assertEquals("EN", e.type());
        assertEquals("order-taker", e.thread());
        assertEquals("observed", e.origin());
        assertTrue(e.stack().contains("io.jlockdep.it.programs.Prog.nest("), e::stack);
        // The closing edge is both a plain edge (new) and an edge of the finding.
        assertEquals(1, r.jfr().plainEdges().stream()
                .filter(x -> x.from().equals(stock()) && x.to().equals(orders())).count());
        assertEquals(2, r.jfr().edgesOf(f.cycleId()).size());

        String graph = read(dump);
        assertTrue(graph.startsWith("# jlockdep dependency graph: "), graph);
        assertTrue(graph.contains(orders() + " -> " + stock() + " [EN]\n"), graph);
        assertTrue(graph.contains(stock() + " -> " + orders() + " [EN]\n"), graph);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void dotDump(Jvm jvm) {
        Path dir = Fork.newDir("dot-dump-" + jvm.feature());
        Path dump = dir.resolve("graph.dot");
        policies(jvm).agent("log=off,dump=" + dump).args("inversion").runIn(dir).assertExit(0);
        String dot = read(dump);
        assertTrue(dot.startsWith("digraph jlockdep {\n"), dot);
        assertTrue(dot.contains("  \"" + orders() + "\" -> \"" + stock() + "\" [label=\"EN\"];\n"), dot);
        assertTrue(dot.trim().endsWith("}"), dot);
    }

    // ------------------------------------------------------------------------------------------ suppress, contract

    /**
     * A suppressed cycle id: no JFR event, no report, and under onCycle=throw no error either; another
     * finding in the same run is reported (and thrown) as usual.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void suppressFileHidesACycleId(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult base = SharedRuns.policies(jvm);
        base.assertExit(0);
        Finding hidden = base.jfr().single("circular", orders(), stock());

        Path dir = Fork.newDir("suppress-" + jvm.feature());
        Path file = dir.resolve("jlockdep.suppress");
        write(file, "# known, fixed in the next release\n" + hidden.cycleId() + "  # orders/stock\n");
        // "inversion" does not catch PotentialDeadlockError: were it thrown, the program would exit 70.
        RunResult r = policies(jvm).agent("suppress=" + file + ",onCycle=throw").jfr().args("inversion", "throw-lock")
                .runIn(dir).assertExit(0);
        Finding kept = r.jfr().single("circular", site("ReentrantLock", P, "<clinit>", "throw-first"));
        r.assertStdoutLine("LOCK_DENIED attempt=1 held=false locked=false id=" + kept.cycleId());
        assertEquals(1, r.jfr().findings().size(), r.jfr()::describeFindings);
        assertTrue(r.jfr().edgesOf(hidden.cycleId()).isEmpty());
        assertEquals(List.of(kept.cycleId()), List.copyOf(r.stderrReports().keySet()), r::describe);
        assertFalse(r.stderr().contains(hidden.cycleId()), r::describe);
        assertTrue(r.stderr().contains("1 suppressed"), r::describe);
    }

    /** Cycle ids are stable across runs and JVMs: the JDK 17 and JDK 25 runs give the same ids. */
    @Test
    void cycleIdsAreTheSameOnBothJdks() {
        Jvm.JDK17.assumeAvailable();
        Jvm.JDK25.assumeAvailable();
        Assumptions.assumeTrue(Jvm.JDK17.feature() != Jvm.JDK25.feature(), "the two JVMs are the same version");
        List<String> a = SharedRuns.policies(Jvm.JDK17).jfr().findings().stream().map(Finding::cycleId).sorted().toList();
        List<String> b = SharedRuns.policies(Jvm.JDK25).jfr().findings().stream().map(Finding::cycleId).sorted().toList();
        assertEquals(2, a.size());
        assertEquals(a, b);
    }

    /** A declared order is primed: its reverse is reported the first (and only) time it runs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void contractPrimesAnOrder(Jvm jvm) {
        String session = site("ReentrantLock", P, "<clinit>", "contract-session");
        String cache = site("ReentrantLock", P, "<clinit>", "contract-cache");
        Path dir = Fork.newDir("contract-" + jvm.feature());
        Path file = dir.resolve("locks.contract");
        write(file, "# the session lock is taken before the cache\n" + session + " -> " + cache + "\n");
        RunResult r = policies(jvm).agent("contract=" + file).jfr().args("contract-reverse").runIn(dir).assertExit(0);
        Finding f = r.jfr().single("circular", session, cache);
        assertEquals("cache-filler", f.thread());
        List<Edge> edges = r.jfr().edgesOf(f.cycleId());
        assertEquals(2, edges.size());
        assertEquals("observed", edges.get(0).origin());
        assertEquals(cache, edges.get(0).from());
        assertEquals(session, edges.get(1).from());
        assertTrue(edges.get(1).origin().endsWith("locks.contract:2"), edges.get(1)::toString);
        assertEquals("contract", edges.get(1).thread());
        assertTrue(r.stderrReports().get(f.cycleId()).contains("first seen in contract "), r::describe);
    }

    // ------------------------------------------------------------------------------------------ sameClass, exclude

    /** sameClass=strict reports every same-class nesting, even in a consistent instance order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void sameClassStrictReportsOrderedNesting(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AllClean.class).on(jvm).agent("sameClass=strict").jfr().args("ordered-same-class")
                .run().assertExit(0);
        Finding f = r.jfr().single("recursive",
                "CleanLocking$Account@io.jlockdep.it.programs.CleanLocking.orderedSameClass#1");
        assertTrue(f.report().contains("WARNING: possible recursive locking detected"), f::report);
        assertEquals(1, r.jfr().findings().size(), r.jfr()::describeFindings);
    }

    /**
     * sameClass=off ignores same-class nesting: equals both ways of two JDK collections of one role (one
     * allocation site) goes unreported.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void sameClassOffIgnoresInstanceOrder(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(JdkInversions.class).on(jvm).agent("sameClass=off").jfr()
                .args("one-site-map-equals", "one-site-hashtable-equals").run().assertExit(0);
        r.jfr().assertNoFindings();
    }

    /** exclude= leaves the synchronized code of the matching classes alone. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void excludedClassesAreNotInstrumented(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(JdkInversions.class).on(jvm)
                .agent("exclude=java.util.Hashtable:java.lang.StringBuffer").jfr()
                .args("hashtable-equals", "stringbuffer-append", "vector-equals").run().assertExit(0);
        r.jfr().single("circular", "Vector@io.jlockdep.it.programs.JdkInversions.vectorEquals#");
        assertEquals(1, r.jfr().findings().size(), r.jfr()::describeFindings);
    }

    // ------------------------------------------------------------------------------------------ config

    /**
     * Options from a properties file (relative paths resolved against its directory); the command line
     * overrides the file.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void configFile(Jvm jvm) {
        Path dir = Fork.newDir("config-" + jvm.feature());
        Path conf = dir.resolve("conf");
        try {
            Files.createDirectories(conf);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Path props = conf.resolve("jlockdep.properties");
        write(props, "# jlockdep options\nonCycle=exit\nexitCode=5\ndump=graph.txt\nlog=from-config.log\n");
        Path cliLog = dir.resolve("from-cli.log");
        RunResult r = policies(jvm).agent("config=" + props + ",log=" + cliLog).args("inversion").runIn(dir)
                .assertExit(5);
        assertTrue(read(conf.resolve("graph.txt")).contains(orders() + " -> " + stock()), "dump from the config");
        assertEquals(1, RunResult.reports(read(cliLog)).size(), "the command line's log file");
        assertFalse(Files.exists(conf.resolve("from-config.log")), "overridden by the command line");
        assertFalse(r.stderr().contains("WARNING"), r::describe);
    }
}
