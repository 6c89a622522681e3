package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.programs.Exits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a JVM with findings ends, and what its {@code jfr=} file holds then: several threads calling
 * {@code System.exit} at once, findings still coming while it exits, and a real deadlock ended by
 * {@code SIGKILL}, as a CI timeout ends it.
 */
class ExitsIT {
    /** Runs of each exit race per JDK: before the fix, 2 or 3 runs in 8 lost the finding. */
    private static final int RACE_RUNS = 10;
    /** Runs of the streaming exit per JDK: before the fix, most runs had the log and the recording disagree. */
    private static final int STREAM_RUNS = 5;
    private static final Pattern SUMMARY = Pattern.compile(
            "^jlockdep: (\\d+) potential deadlocks? reported\\b.*$", Pattern.MULTILINE);

    static Stream<Arguments> raceRuns() {
        return Jvm.all().flatMap(j -> IntStream.rangeClosed(1, RACE_RUNS).mapToObj(i -> Arguments.of(j, i)));
    }

    static Stream<Arguments> streamRuns() {
        return Jvm.all().flatMap(j -> IntStream.rangeClosed(1, STREAM_RUNS).mapToObj(i -> Arguments.of(j, i)));
    }

    /**
     * One finding, then four threads call {@code System.exit(0)} together. Before the fix only the first
     * reached the agent's exit work; another went straight on to the shutdown hooks (JFR's stopped the
     * recording) and {@code halt}: the recording lacked the finding or was empty, and the log said
     * "cannot write the JFR recording …: Can't stop an already stopped recording".
     */
    @ParameterizedTest(name = "{0} run {1}")
    @MethodSource("raceRuns")
    void concurrentExitsKeepTheFindingInTheRecording(Jvm jvm, int run) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(Exits.class).on(jvm).jfr().args("exit-race")
                .label("Exits-exit-race-jdk" + jvm.feature() + "-" + run).run().assertExit(0);
        assertFalse(r.stderr().contains("jlockdep: cannot"), r::describe);
        Set<String> logged = r.stderrReports().keySet();
        assertEquals(1, logged.size(), r::describe);
        String id = logged.iterator().next();
        assertEquals(List.of(id), ids(r.jfr().findings()), () -> r.jfr().describeFindings() + r.describe());
        assertEquals(1, r.jfr().statistics().findings(), r::describe);
        assertEquals(1, summaryCount(r), r::describe);
    }

    /**
     * Findings keep coming (one thread inverts pairs of 40 lock classes) while four threads call
     * {@code System.exit(0)}. What must agree: every finding the log reports is in the recording, once, and
     * no other; the summary line counts exactly those; the Statistics event is there. Findings made after
     * exit began are not reported anywhere (the summary counts them as dropped). Before the fix, the
     * recording had fewer (432 of 631), or none, and the summary line was often missing.
     */
    @ParameterizedTest(name = "{0} run {1}")
    @MethodSource("streamRuns")
    void findingsMadeDuringExitAgreeBetweenLogAndRecording(Jvm jvm, int run) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(Exits.class).on(jvm).jfr().args("exit-stream")
                .label("Exits-exit-stream-jdk" + jvm.feature() + "-" + run).run().assertExit(0);
        assertFalse(r.stderr().contains("jlockdep: cannot"), r::describe);
        Set<String> logged = r.stderrReports().keySet();
        assertFalse(logged.isEmpty(), r::describe);
        List<String> recorded = ids(r.jfr().findings());
        assertEquals(recorded.size(), new HashSet<>(recorded).size(), "each finding recorded once");
        assertEquals(logged, new HashSet<>(recorded), () -> "log " + logged.size() + " vs recording "
                + recorded.size() + r.describe());
        assertEquals(logged.size(), summaryCount(r), r::describe);
        assertTrue(r.jfr().statistics().findings() >= logged.size(), r::describe);
    }

    /**
     * Two threads take A then B and B then A, meet at a barrier holding their first lock, and block for good;
     * the finding is made before the second blocks. The test waits until the {@code jfr=} file shows the
     * finding (at most 10 s after the program is deadlocked), kills the JVM with {@code SIGKILL} (no exit
     * work runs) and runs {@code check} on the file: it must fail with the finding. Before the fix the file
     * was written only at exit, and was empty.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void aDeadlockedJvmThatIsKilledLeavesItsFindingForCheck(Jvm jvm) throws InterruptedException {
        jvm.assumeAvailable();
        Fork.Started p = Fork.program(Exits.class).on(jvm).jfr().args("deadlock").start();
        RunResult r;
        try {
            long deadlocked = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (p.isAlive() && !p.stdout().contains("DEADLOCKED") && System.nanoTime() < deadlocked) {
                Thread.sleep(100);
            }
            long recorded = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.isAlive() && recordedIds(p.jfrFile()).isEmpty() && System.nanoTime() < recorded) {
                Thread.sleep(100);
            }
        } finally {
            r = p.kill();
        }
        RunResult run = r;
        assertTrue(run.stdout().contains("DEADLOCKED"), run::describe);
        assertEquals(137, run.exitCode(), () -> "killed by SIGKILL (128 + 9)" + run.describe());
        Set<String> logged = run.stderrReports().keySet();
        assertEquals(1, logged.size(), run::describe);
        String id = logged.iterator().next();
        Path file = run.dir().resolve("jlockdep.jfr");
        CliIT.CliRun check = CliIT.cli(jvm, "check", CliIT.arg(file));
        check.assertExit(1);
        assertTrue(check.stdout().contains("cycle id: " + id + "\n"), check::describe);
    }

    private static List<String> ids(List<JfrData.Finding> findings) {
        List<String> out = new ArrayList<>();
        for (JfrData.Finding f : findings) {
            out.add(f.cycleId());
        }
        return out;
    }

    /** The cycle ids in the file now, or none when it is missing, empty or unreadable. */
    private static List<String> recordedIds(Path file) {
        List<String> out = new ArrayList<>();
        try {
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals(JfrData.FINDING_EVENT)) {
                    out.add(e.getString("cycleId"));
                }
            }
        } catch (Exception notYet) {
            out.clear();
        }
        return out;
    }

    /** The count of the exit summary line ({@code jlockdep: N potential deadlocks reported ...}); fails without one. */
    private static int summaryCount(RunResult r) {
        Matcher m = SUMMARY.matcher(r.stderr());
        assertTrue(m.find(), () -> "no summary line" + r.describe());
        int n = Integer.parseInt(m.group(1));
        assertFalse(m.find(), () -> "two summary lines" + r.describe());
        return n;
    }
}
