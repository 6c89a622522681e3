package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jlockdep.it.JfrData.Finding;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo drivers (demo-drivers/target/jlockdep-demo-drivers.jar) under the agent, as a user runs them:
 * every deliberate mistake is reported once, with the lock classes of its bug class; the fixed twins and the
 * busy full stack report nothing; onCycle=exit and onCycle=throw act on the scenarios; the guided tour passes,
 * part by part (the driver stack, then everyday Java, whose findings go through waits and events).
 *
 * <p>Forks per JDK: the eleven mistakes in one JVM (onCycle=exit), the same with onCycle=throw, the twelve
 * clean scenarios in one JVM (onCycle=exit), the tour, and {@code list} without the agent. Each scenario tells on
 * stdout which findings were reported while it ran (through the agent's Jlockdep API); the recording is the
 * reference those lines are checked against.
 */
class DemoDriversIT {
    private static final String GPU_LOCK = "ReentrantLock io.jlockdep.demo.gpu.";
    private static final String EVERYDAY = "io.jlockdep.demo.everyday.";

    /** One deliberate mistake and what the agent must say about it. */
    private record Mistake(String name, String kind, List<String> classes, String thread, String closedAt) {
    }

    /**
     * The mistakes, in the order the shared runs take them. The lock graph accumulates across the scenarios of a
     * JVM, and two mistakes can combine into a further cycle: after resv-in-commit-tail (section → reservation)
     * or reset-takes-modeset-locks (section → modeset lock → reservation), the VM lock → reclaim edge of
     * alloc-under-shrinker-lock would also close a long cycle through that earlier mistake — a second, true
     * finding. Run before them, each mistake yields exactly its own cycle, as in the tour (where the full stack
     * runs first) and as when run alone. {@code thread} and {@code closedAt} (the first driver frame of the
     * acquisition that closes the cycle) hold for this order.
     */
    private static final List<Mistake> MISTAKES = List.of(
            new Mistake("wait-under-lock", "circular",
                    List.of("fence-signalling", "PowerManager io.jlockdep.demo.gpu.GpuDevice.pm"),
                    "main", "io.jlockdep.demo.gpu.PowerManager.suspendWaitingUnderPowerLock"),
            new Mistake("reclaim-in-scheduler", "circular", List.of("fence-signalling", "reclaim", "invalidation"),
                    "gpu0-sched", "io.jlockdep.demo.gpu.Scheduler.allocateRingCommandsWithReclaim"),
            new Mistake("alloc-under-shrinker-lock", "circular",
                    List.of("reclaim", GPU_LOCK + "GpuVm.lock"),
                    "main", "io.jlockdep.demo.gpu.GpuVm.unbind"),
            new Mistake("reset-takes-modeset-locks", "circular", List.of("fence-signalling", "crtc_ww_class_mutex"),
                    "gpu0-tdr", "io.jlockdep.demo.display.Display.resetPipesUnderModesetLocks"),
            // The buffers' reservations are named ww mutexes: the report names both instances.
            new Mistake("multi-bo-no-ctx", "instance-inversion",
                    List.of("reservation_ww_class_mutex (instance #", "\"frame-a\")", "\"frame-b\")"),
                    "blit-2", "io.jlockdep.demo.gpu.Submission.copyLockingOneByOne"),
            new Mistake("fence-callback-lock", "circular",
                    List.of(GPU_LOCK + "HardwareRing.", GPU_LOCK + "Scheduler."),
                    "gpu0-irq", "io.jlockdep.demo.gpu.Scheduler.removeFromPendingListInCallback"),
            new Mistake("resv-in-commit-tail", "circular", List.of("fence-signalling", "reservation_ww_class_mutex"),
                    "display0-commit", "io.jlockdep.demo.display.Display.readTilingUnderReservation"),
            // Everyday Java. The accounts' monitors are classed by where the bank opens them; the second
            // transfer, bob to alice, closes the instance cycle.
            new Mistake("bank-inversion", "instance-inversion",
                    List.of("Account@" + EVERYDAY + "Bank.open#1 (instance #"),
                    "teller-2", EVERYDAY + "Bank.transferLockingInArgumentOrder"),
            // The waits close their cycles (run alone, a mistake's producer half runs first): each finding
            // carries the event its waiter waited for, named as the agent names events.
            new Mistake("future-under-lock", "circular",
                    List.of("ReentrantLock " + EVERYDAY + "PriceCache.lock",
                            "event completion of task lambda #1 in " + EVERYDAY + "PriceCache.startRefresh"),
                    "http-1", EVERYDAY + "PriceCache.quoteRevalidatingUnderLock"),
            // The queue of orders is an ArrayDeque, a JDK type: its monitor (and so its notify event) is
            // classed by type.
            new Mistake("nested-monitor-lockout", "circular",
                    List.of("OrderDesk@" + EVERYDAY + "NestedMonitorLockout.run#1",
                            "event notify of monitor java.util.ArrayDeque"),
                    "barista", EVERYDAY + "OrderDesk.awaitOrder"),
            new Mistake("latch-under-lock", "circular",
                    List.of("Dispatcher@" + EVERYDAY + "LatchUnderLock.run#1",
                            "event countDown of CountDownLatch " + EVERYDAY + "Batch.done"),
                    "dispatcher", EVERYDAY + "Dispatcher.collect"));

    /** The correct scenarios: every mistake's fixed twin, and the busy full stack. */
    private static final List<String> CLEAN = Stream.concat(MISTAKES.stream().map(m -> m.name() + "-fixed"),
            Stream.of("full-stack")).collect(Collectors.toList());

    private static final Pattern FOUND = Pattern.compile(
            "^([a-z-]+): jlockdep found (\\S+) (.+) \\(cycle id ([0-9a-f]{16})\\)$");
    private static final Pattern STOPPED = Pattern.compile("^jlockdep-demo-drivers: scenario ([a-z-]+) stopped by"
            + " jlockdep in thread \"([^\"]+)\": potential deadlock \\((\\S+)\\): (.+) \\[cycle id ([0-9a-f]{16})\\],"
            + " at (\\S+)$");

    /** With onCycle=exit: the scenarios complete as in report mode, and the exit status becomes 7. */
    private static final Memo<Jvm, RunResult> MISTAKES_RUN = new Memo<>(jvm -> demo(jvm, "demo-mistakes")
            .agent("onCycle=exit,exitCode=7").jfr().args(runArgs(names(MISTAKES))).run());
    /** With log=off: stderr holds only what the demo prints. */
    private static final Memo<Jvm, RunResult> THROW_RUN = new Memo<>(jvm -> demo(jvm, "demo-mistakes-throw")
            .agent("onCycle=throw,log=off").jfr().args(runArgs(names(MISTAKES))).run());
    /** With onCycle=exit: any finding would turn the exit status to 3. */
    private static final Memo<Jvm, RunResult> CLEAN_RUN = new Memo<>(jvm -> demo(jvm, "demo-clean")
            .agent("onCycle=exit,exitCode=3").jfr().args(runArgs(CLEAN)).run());
    private static final Memo<Jvm, RunResult> TOUR_RUN = new Memo<>(jvm -> demo(jvm, "demo-tour").jfr().run());

    /** The demo jar under test: this reactor's demo-drivers build. */
    private static final Path DEMO_JAR = Paths.get(System.getProperty("jlockdep.it.demoJar",
            "../demo-drivers/target/jlockdep-demo-drivers.jar")).toAbsolutePath().normalize();

    /** {@code java [-javaagent:…] -jar jlockdep-demo-drivers.jar}, as a user runs it. */
    private static Fork demo(Jvm jvm, String label) {
        return Fork.jar(DEMO_JAR).on(jvm).timeout(Duration.ofSeconds(120)).label(label + "-jdk" + jvm.feature());
    }

    private static List<String> names(List<Mistake> mistakes) {
        return mistakes.stream().map(Mistake::name).collect(Collectors.toList());
    }

    private static String[] runArgs(List<String> scenarios) {
        List<String> a = new ArrayList<>();
        a.add("run");
        a.addAll(scenarios);
        return a.toArray(new String[0]);
    }

    /** The findings each scenario printed ("NAME: jlockdep found KIND CLASSES (cycle id ID)"), by scenario. */
    private static Map<String, List<Matcher>> foundByScenario(RunResult r) {
        Map<String, List<Matcher>> out = new LinkedHashMap<>();
        for (String line : r.stdoutLines()) {
            Matcher m = FOUND.matcher(line);
            if (m.matches()) {
                out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }

    private static Finding byId(JfrData jfr, String cycleId) {
        List<Finding> l = jfr.where(f -> f.cycleId().equals(cycleId));
        if (l.size() != 1) {
            fail("expected one recorded finding with cycle id " + cycleId + ", found " + l.size() + ":\n"
                    + jfr.describeFindings() + jfr.run().describe());
        }
        return l.get(0);
    }

    /** The first frame of driver code in a recorded stack ("io.jlockdep.demo.gpu.X.m(X.java:12)"), skipping demo.sys. */
    private static String driverFrame(String stack) {
        for (String line : stack.split("\n")) {
            String frame = line.trim();
            if (frame.startsWith("at ")) {
                frame = frame.substring(3);
            }
            if (frame.startsWith("io.jlockdep.demo.") && !frame.startsWith("io.jlockdep.demo.sys.")) {
                return frame;
            }
        }
        return "(no driver frame in:\n" + stack + ")";
    }

    /** Checks the recorded finding of mistake {@code m}: kind, lock classes, thread, where the cycle closed. */
    private static void assertFinding(Mistake m, Finding f, RunResult r) {
        assertEquals(m.kind(), f.kind(), () -> m.name() + ": " + f + r.describe());
        assertTrue(f.involves(m.classes().toArray(new String[0])), () -> m.name() + ": " + f + " should involve "
                + m.classes());
        for (String c : f.classes()) {
            if (c.startsWith("ReentrantLock")) {
                // Driver locks are named by the field they are stored in: stable across runs and edits.
                assertTrue(c.matches("ReentrantLock io\\.jlockdep\\.demo\\.(gpu|everyday)\\.\\w+\\.\\w+"), c);
            }
        }
        assertEquals(m.thread(), f.thread(), () -> m.name() + ": " + f);
        assertTrue(driverFrame(f.acquisitionStack()).startsWith(m.closedAt() + "("),
                () -> m.name() + ": the cycle should close in " + m.closedAt() + ":\n" + f.acquisitionStack());
    }

    /** Each mistake: exactly one finding while it ran, of its kind, with its lock classes; nothing else. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void eachMistakeIsReportedOnceWithTheLockClassesOfItsBugClass(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = MISTAKES_RUN.get(jvm).assertExit(7);
        JfrData jfr = r.jfr();
        Map<String, List<Matcher>> found = foundByScenario(r);
        for (Mistake m : MISTAKES) {
            List<Matcher> mine = found.getOrDefault(m.name(), List.of());
            assertEquals(1, mine.size(), () -> m.name() + " should report exactly one finding:\n" + r.stdout());
            Finding f = byId(jfr, mine.get(0).group(4));
            assertEquals(f.kind(), mine.get(0).group(2));
            assertEquals(f.lockClasses(), mine.get(0).group(3));
            assertFinding(m, f, r);
            for (String c : m.classes()) {
                if (c.startsWith("event ")) {
                    // Worded for the wait that closed it: the thread holds a lock and is about to wait.
                    assertTrue(f.report().contains("thread \"" + m.thread() + "\" is about to wait for:\n  " + c),
                            () -> m.name() + ":\n" + f.report());
                }
            }
        }
        assertEquals(MISTAKES.size(), jfr.findings().size(), jfr::describeFindings);
        // The same findings in the log, in the lockdep layout, each once.
        Set<String> recorded = jfr.findings().stream().map(Finding::cycleId).collect(Collectors.toSet());
        assertEquals(recorded, r.stderrReports().keySet(), r::describe);
        assertEquals(MISTAKES.size(), jfr.statistics().findings(), () -> jfr.statistics().toString());
    }

    /** The fixed twins and the busy full stack: nothing found, so onCycle=exit leaves the exit status 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void theFixedTwinsAndTheFullStackReportNothing(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = CLEAN_RUN.get(jvm).assertExit(0);
        r.jfr().assertNoFindings();
        for (String name : CLEAN) {
            r.assertStdoutLine(name + ": jlockdep found nothing");
        }
        assertTrue(r.stderrReports().isEmpty(), r::describe);
        String fullStack = r.stdoutLines().stream().filter(l -> l.startsWith("full-stack: ") && !l.contains("jlockdep"))
                .findFirst().orElse("");
        // Thousands of jobs, one of them hung and reset, flips, evictions, userptr invalidations.
        assertTrue(fullStack.matches("full-stack: [3-9]\\d{3} jobs \\([1-9]\\d* failed\\), [1-9]\\d* reset\\(s\\), "
                + "[1-9]\\d* eviction\\(s\\), [1-9]\\d* userptr invalidation\\(s\\); 120 page flips, .*"), fullStack);
    }

    /**
     * onCycle=exit: the mistakes run to completion as in report mode (each scenario's own status is 0), and
     * the JVM then exits with exitCode.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleExitTurnsTheStatusOfTheMistakesIntoTheExitCode(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = MISTAKES_RUN.get(jvm).assertExit(7);
        for (Mistake m : MISTAKES) {
            assertTrue(r.stdoutLines().stream().anyMatch(l -> l.startsWith(m.name() + ": ") && l.endsWith(" ms)")
                    && !l.startsWith(m.name() + ": stopped by jlockdep (") && !l.startsWith(m.name() + ": failed (")),
                    () -> m.name() + " did not complete:" + r.describe());
        }
        assertTrue(r.stderrLines().stream().noneMatch(l -> l.startsWith("jlockdep-demo-drivers: ")), r::describe);
    }

    /**
     * onCycle=throw: each mistake stops at the acquisition that closes its cycle — in the thread and at the
     * frame the recording names — and the scenario catches nothing: the error reaches the command line, which
     * prints one line per stopped scenario and exits 1 after running the others.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void onCycleThrowStopsEachMistakeWhereItClosesTheCycle(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = THROW_RUN.get(jvm).assertExit(1);
        JfrData jfr = r.jfr();
        Map<String, Matcher> stopped = new LinkedHashMap<>();
        for (String line : r.stderrLines()) {
            Matcher m = STOPPED.matcher(line);
            if (m.matches()) {
                assertTrue(stopped.put(m.group(1), m) == null, line);
            } else {
                // Nothing else from the demo (no stack trace): at most the agent's own exit line.
                assertTrue(line.startsWith("jlockdep: "), () -> "unexpected line: " + line + r.describe());
            }
        }
        assertEquals(names(MISTAKES), new ArrayList<>(stopped.keySet()), r::describe);
        Map<String, List<Matcher>> reportedInReportMode = foundByScenario(MISTAKES_RUN.get(jvm));
        for (Mistake m : MISTAKES) {
            Matcher s = stopped.get(m.name());
            Finding f = byId(jfr, s.group(5));
            assertFinding(m, f, r);
            assertEquals(m.thread(), s.group(2), s.group(0));
            assertEquals(m.kind(), s.group(3), s.group(0));
            assertEquals(f.lockClasses(), s.group(4), s.group(0));
            // The error's own stack: thrown at the very acquisition the recording names.
            assertEquals(driverFrame(f.acquisitionStack()), s.group(6), s.group(0));
            // Stopped before taking the lock, at the same acquisition that reports the cycle in report mode.
            assertEquals(reportedInReportMode.get(m.name()).get(0).group(4), f.cycleId(), m.name());
            r.assertStdoutLine(m.name() + ": jlockdep found " + f.kind() + " " + f.lockClasses() + " (cycle id "
                    + f.cycleId() + ")");
            assertTrue(r.stdoutLines().stream().anyMatch(l -> l.startsWith(m.name() + ": stopped by jlockdep (")),
                    r::describe);
        }
        assertEquals(MISTAKES.size(), jfr.findings().size(), jfr::describeFindings);
    }

    /**
     * The guided tour under the agent: exit 0, every scenario named, and as expected, in two parts numbered on
     * across them; the summary counts the findings per part.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void theTourUnderTheAgentBehavesAsExpected(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = TOUR_RUN.get(jvm).assertExit(0);
        String out = r.stdout();
        for (Mistake m : MISTAKES) {
            assertTrue(out.contains("] " + m.name() + " (expected: inversion)"), m.name());
        }
        for (String name : CLEAN) {
            assertTrue(out.contains("] " + name + " (expected: clean)"), name);
        }
        assertTrue(out.contains("jlockdep is attached"), out);
        assertTrue(out.contains("\npart 1 of 2: a GPU and display driver stack (scenarios 1-15)\n"), out);
        assertTrue(out.contains("\npart 2 of 2: everyday Java (scenarios 16-23)\n"), out);
        assertTrue(out.indexOf("[15/23] fence-callback-lock (expected: inversion)") < out.indexOf("\npart 2 of 2")
                && out.indexOf("\npart 2 of 2") < out.indexOf("[16/23] bank-inversion-fixed (expected: clean)"), out);
        assertTrue(out.contains("[23/23] latch-under-lock (expected: inversion)"), out);
        // The summary is wrapped: compare it as one line.
        String summary = out.substring(out.lastIndexOf("\nsummary: ") + 1).replaceAll("\\s+", " ").trim();
        assertEquals("summary: all 23 scenarios behaved as expected: 11 potential deadlock(s) found in the 11"
                + " mistakes (7 in the driver stack, 4 in everyday Java), nothing in the 12 correct runs.", summary);
        assertEquals(MISTAKES.size(), out.split("\\(as expected; the full report is on stderr\\)", -1).length - 1, out);
        assertEquals(CLEAN.size(), out.split("jlockdep: nothing found \\(as expected\\)", -1).length - 1, out);
        Set<String> recorded = r.jfr().findings().stream().map(Finding::cycleId).collect(Collectors.toSet());
        assertEquals(MISTAKES.size(), recorded.size(), r.jfr()::describeFindings);
        assertEquals(recorded, r.stderrReports().keySet(), r::describe);
        for (String id : recorded) {
            assertTrue(out.contains("(cycle id " + id + ")"), id);
        }
        // Each mistake's own cycle, once (in the tour a fixed twin runs first, so a cycle may close on the
        // other half: the thread and frame are not checked here).
        for (Mistake m : MISTAKES) {
            assertEquals(1, r.jfr().where(f -> f.kind().equals(m.kind())
                    && f.involves(m.classes().toArray(new String[0]))).size(), () -> m.name() + ":\n"
                    + r.jfr().describeFindings());
        }
    }

    /** {@code list} (no agent) names exactly the scenarios this test expects. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void listNamesTheScenariosThisTestChecks(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = demo(jvm, "demo-list").noAgent().args("list").run().assertExit(0);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : r.stdoutLines()) {
            String[] f = line.split("\t");
            assertEquals(3, f.length, line);
            expected.put(f[0], f[1]);
        }
        Set<String> inversions = new LinkedHashSet<>(names(MISTAKES));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(inversions.contains(e.getKey()) ? "inversion" : "clean", e.getValue(), e.getKey());
        }
        Set<String> all = new LinkedHashSet<>(inversions);
        all.addAll(CLEAN);
        assertEquals(all, expected.keySet());
        assertEquals("", r.stderr());
    }
}
