package io.jlockdep.it;

import static io.jlockdep.it.CliIT.arg;
import static io.jlockdep.it.CliIT.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.CliIT.CliRun;
import io.jlockdep.it.CliIT.Json;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.MergeHalves;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-JVM merge: one JVM runs one half of an inversion (ledger then vault), another JVM the other half
 * (vault then ledger), both with {@code edges=on}; each recording alone is clean, and
 * {@code java -jar jlockdep-agent.jar merge} finds the cycle with the same id the agent gives it when both
 * halves run in one JVM. The halves run on different JDKs (17 and 25, where 25 is installed), and the tool
 * runs on both for the merge itself. Three program JVMs in all (the third runs both halves: the one-JVM reference).
 */
class MergeIT {
    private static final Class<?> P = MergeHalves.class;

    /** The JDK of the second half: 25 where installed, else the test JVM's. */
    private static Jvm second() {
        return CliIT.second();
    }

    private static final Memo<String, RunResult> RUNS = new Memo<>(which -> {
        Jvm jvm = which.equals("ab") ? Jvm.JDK17 : second();
        return Fork.program(MergeHalves.class).on(jvm).agent("edges=on").jfr().args(which)
                .label("MergeHalves-" + which + "-jdk" + jvm.feature()).run().assertExit(0);
    });

    private static String recording(String which) {
        RunResult r = RUNS.get(which);
        r.jfr();
        return arg(r.dir().resolve("jlockdep.jfr"));
    }

    private static String ledger() {
        return Sources.site("ReentrantLock", P, "<clinit>", "merge-ledger");
    }

    private static final String VAULT = "monitor io.jlockdep.it.programs.MergeHalves$Vault";

    @Test
    void eachHalfAloneIsClean() {
        Jvm tool = Jvm.JDK17;
        for (String half : new String[] {"ab", "ba"}) {
            RunResult r = RUNS.get(half);
            r.jfr().assertNoFindings();
            assertFalse(r.jfr().plainEdges().isEmpty(), r::describe);
            CliRun c = cli(tool, "check", recording(half)).assertExit(0).assertQuiet();
            assertEquals("no potential deadlocks in 1 recording\n", c.stdout());
        }
        cli(tool, "check", recording("ab"), recording("ba")).assertExit(0).assertQuiet();
    }

    @ParameterizedTest(name = "tool on {0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void mergedTheCycleIsFoundWithBothHalvesAndTheOneJvmId(Jvm tool) {
        tool.assumeAvailable();
        Finding oneJvm = RUNS.get("both").jfr().single("circular", "MergeHalves", "MergeHalves$Vault");
        CliRun m = cli(tool, "merge", recording("ab"), recording("ba")).assertExit(1).assertQuiet();
        String out = m.stdout();
        assertTrue(out.contains("\ncycle id: " + oneJvm.cycleId() + "\n"),
                () -> "merged id = one-JVM id " + oneJvm.cycleId() + m.describe());
        assertTrue(out.contains("WARNING: possible circular locking dependency across recordings\n"), m::describe);
        assertTrue(out.contains("-> #0 (" + VAULT + "): first seen in " + recording("ab") + ", thread \"auditor\","
                + " taken while holding " + ledger() + " -(EN)->\n"), m::describe);
        assertTrue(out.contains("-> #1 (" + ledger() + "): first seen in " + recording("ba") + ", thread"
                + " \"depositor\", taken while holding " + VAULT + " -(EN)->\n"), m::describe);
        String audit = "io.jlockdep.it.programs.MergeHalves.audit(" + Sources.fileLine(P, "merge-audit") + ")";
        String deposit = "io.jlockdep.it.programs.MergeHalves.deposit(" + Sources.fileLine(P, "merge-deposit") + ")";
        assertTrue(out.contains("       at " + audit + "\n"), m::describe);
        assertTrue(out.contains("       at " + deposit + "\n"), m::describe);
        assertTrue(out.contains("from 2 recordings: " + recording("ab") + ", " + recording("ba") + "\n"), m::describe);
        assertTrue(m.lastLine().matches("1 potential deadlock \\(1 circular\\) across 2 recordings \\(\\d+ dependency"
                + " edges merged\\)"), m::describe);

        // SARIF: both halves as locations in the program's source file
        Object sarif = Json.parse(cli(tool, "merge", recording("ab"), recording("ba"), "--format", "sarif")
                .assertExit(1).stdout());
        Object result = Json.at(sarif, "runs", 0, "results", 0);
        assertEquals(oneJvm.cycleId(), Json.at(result, "partialFingerprints", "jlockdepCycleId/v1"));
        String file = "src/test/java/io/jlockdep/it/programs/MergeHalves.java";
        List<Object> related = Json.list(Json.at(result, "relatedLocations"));
        assertEquals(2, related.size());
        assertEquals(file, Json.at(related.get(0), "physicalLocation", "artifactLocation", "uri"));
        assertEquals(BigDecimal.valueOf(Sources.line(P, "merge-audit")),
                Json.at(related.get(0), "physicalLocation", "region", "startLine"));
        assertEquals(file, Json.at(related.get(1), "physicalLocation", "artifactLocation", "uri"));
        assertEquals(BigDecimal.valueOf(Sources.line(P, "merge-deposit")),
                Json.at(related.get(1), "physicalLocation", "region", "startLine"));

        // accepted by a baseline holding the one-JVM id
        Path base = Fork.newDir("merge-baseline-jdk" + tool.feature()).resolve("baseline.txt");
        CliRun w = cli(tool, "merge", recording("ab"), recording("ba"), "--write-baseline", arg(base)).assertExit(0);
        assertEquals("wrote 1 cycle id to baseline " + arg(base), w.lastLine());
        cli(tool, "check", recording("both"), "--baseline", arg(base)).assertExit(0).assertQuiet();
        cli(tool, "merge", recording("ab"), recording("ba"), "--baseline", arg(base)).assertExit(0).assertQuiet();
    }

    @Test
    void aCycleOneRecordingAlreadyShowsIsLeftToCheck() {
        Jvm tool = CliIT.second();
        cli(tool, "check", recording("both")).assertExit(1).assertQuiet();
        CliRun m = cli(tool, "merge", recording("both"), recording("ab")).assertExit(0).assertQuiet();
        assertTrue(m.stdout().matches("no potential deadlocks across 2 recordings \\(\\d+ dependency edges merged\\);"
                + " 1 cycle within single recordings left to check\n"), m::describe);
        CliRun same = cli(tool, "merge", recording("ab"), recording("ab")).assertExit(0).assertQuiet();
        assertTrue(same.stdout().startsWith("no potential deadlocks across 1 recording ("), same::describe);
    }
}
