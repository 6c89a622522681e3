package io.jlockdep.it;

import static io.jlockdep.it.Sources.fileLine;
import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.LockTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lockdep report layout in the log (stderr by default), checked on the {@link LockTypes} run. */
class ReportLayoutIT {
    private static final Class<?> P = LockTypes.class;

    private static RunResult run(Jvm jvm) {
        jvm.assumeAvailable();
        return SharedRuns.lockTypes(jvm).assertExit(0);
    }

    /** Index of the first line at or after {@code from} that satisfies {@code test}, or fails. */
    private static int find(List<String> lines, int from, String what, java.util.function.Predicate<String> test,
                            String report) {
        for (int i = from; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no line " + what + " after line " + from + " in the report:\n" + report);
    }

    private static int exact(List<String> lines, int from, String line, String report) {
        return find(lines, from, "'" + line + "'", l -> l.equals(line), report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void circularReportInTheLockdepLayout(Jvm jvm) {
        RunResult r = run(jvm);
        String a = site("ReentrantLock", P, "rlInversion", "rl-a");
        String b = site("ReentrantLock", P, "rlInversion", "rl-b");
        Finding f = r.jfr().single("circular", a, b);
        Map<String, String> reports = r.stderrReports();
        String report = reports.get(f.cycleId());
        assertTrue(report != null, () -> "no report with cycle id " + f.cycleId() + " on stderr" + r.describe());
        List<String> lines = RunResult.lines(report);

        assertTrue(lines.get(0).matches("=+"), report);
        assertEquals("WARNING: possible circular locking dependency detected", lines.get(1));
        assertEquals(lines.get(1).length(), lines.get(0).length(), "the rule is as long as the headline");
        assertTrue(lines.get(2).matches("-+"), report);
        int i = exact(lines, 3, "thread \"rl-backward\" is trying to acquire lock:", report);
        // The allocation's source line is shown beside the class, never in its name.
        assertEquals("  " + a + " (allocated at " + P.getName() + ".rlInversion(" + fileLine(P, "rl-a") + "))",
                lines.get(i + 1));
        assertEquals("but it already holds lock:", lines.get(i + 2));
        assertEquals("  " + b + " (allocated at " + P.getName() + ".rlInversion(" + fileLine(P, "rl-b") + "))",
                lines.get(i + 3));
        assertEquals("which lock already depends on the new lock.", lines.get(i + 4));
        i = exact(lines, i, "the existing dependency chain (in reverse order) is:", report);
        i = exact(lines, i, "-> #1 (" + b + "): first seen in thread \"rl-forward\", taken while holding " + a
                + " -(EN)->", report);
        i = exact(lines, i, "       at io.jlockdep.it.programs.LockTypes.rlForward(" + fileLine(P, "rl-forward-inner")
                + ")", report);
        i = exact(lines, i, "-> #0 (" + a + "): now, in thread \"rl-backward\" -(EN)->", report);
        i = exact(lines, i, "       at io.jlockdep.it.programs.LockTypes.rlBackward("
                + fileLine(P, "rl-backward-inner") + ")", report);
        i = exact(lines, i, " Possible unsafe locking scenario:", report);
        i = exact(lines, i, "  lock(" + b + ");", report);
        i = exact(lines, i, "                               lock(" + a + ");", report);
        i = exact(lines, i, "                               lock(" + b + ");", report);
        i = exact(lines, i, "  lock(" + a + ");", report);
        i = exact(lines, i, " *** DEADLOCK ***", report);
        i = exact(lines, i, "1 lock held by thread \"rl-backward\":", report);
        i = exact(lines, i, " #0: " + b + " (W)", report);
        assertEquals("cycle id: " + f.cycleId(), lines.get(lines.size() - 1));

        // The JFR event carries the same text.
        assertEquals(report.strip(), f.report().strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void everyFindingIsLoggedOnceAndSummarizedAtExit(Jvm jvm) {
        RunResult r = run(jvm);
        // JFR does not keep the commit order across its buffers: compare as sets, then use the log's order.
        List<String> ids = List.copyOf(r.stderrReports().keySet());
        assertEquals(r.jfr().findings().stream().map(Finding::cycleId).sorted().toList(),
                ids.stream().sorted().toList(), r::describe);
        String summary = r.stderrLines().get(r.stderrLines().size() - 1);
        assertEquals("jlockdep: " + ids.size() + " potential deadlocks reported (cycle ids: " + String.join(", ", ids)
                + ")", summary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void upgradeReportShowsTheStackOfTheWriteLock(Jvm jvm) {
        RunResult r = run(jvm);
        String rw = site("ReentrantReadWriteLock", P, "rwUpgrade", "upgrade-rw");
        Finding f = r.jfr().single("rw-upgrade", rw);
        List<String> lines = RunResult.lines(r.stderrReports().get(f.cycleId()));
        String report = String.join("\n", lines);
        int i = exact(lines, 0, "WARNING: possible read-to-write upgrade deadlock detected", report);
        i = exact(lines, i, "thread \"upgrader\" is trying to acquire lock:", report);
        i = find(lines, i, "the write hold", l -> l.startsWith("  " + rw + " (W)"), report);
        i = find(lines, i, "the read hold", l -> l.startsWith("  " + rw + " (r)"), report);
        i = exact(lines, i, "stack backtrace:", report);
        find(lines, i, "the write lock's frame", l -> l.endsWith("(" + fileLine(P, "upgrade-write") + ")"), report);
    }
}
