package io.jlockdep.cli;

import static io.jlockdep.cli.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Mode;
import io.jlockdep.fence.FenceLockdep;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * merge over recordings the real engine and reporter wrote with edges=on: the cycle only the union shows,
 * with the same cycle id the engine gives the same cycle in one JVM.
 */
class MergeTest {
    private static final Mode W = Mode.EXCLUSIVE;
    private static final Mode R_SHARED = Mode.SHARED;
    private static final Mode R_RECURSIVE = Mode.SHARED_RECURSIVE;

    @TempDir
    Path dir;

    private Run cli(String... args) {
        return Run.cli(dir, args);
    }

    @Test
    void twoHalvesInTwoRecordingsMakeOneCycleWithTheOneJvmId() {
        String u = Recordings.unique();
        String a = "ReentrantLock@com.acme.Bank" + u + ".<init>(Bank.java:12)";
        String b = "monitor com.acme.Account." + u;
        Recordings.engine(dir.resolve("ab.jfr"), true, e -> {
            e.setContext("test com.acme.BankTest.audit()");
            assertNull(Recordings.nest(e, "auditor", a, W, b, W));
        });
        Recordings.engine(dir.resolve("ba.jfr"), true, e -> assertNull(Recordings.nest(e, "depositor", b, W, a, W)));
        Recordings.EngineRun both = Recordings.engine(dir.resolve("both.jfr"), false, e -> {
            Recordings.nest(e, "auditor", a, W, b, W);
            assertNotNull(Recordings.nest(e, "depositor", b, W, a, W));
        });
        assertEquals(1, both.findings.size());
        String oneJvmId = both.findings.get(0).cycleId();

        cli("check", "ab.jfr").assertExit(0);
        cli("check", "ba.jfr").assertExit(0);
        cli("check", "ab.jfr", "ba.jfr").assertExit(0).assertQuiet();

        Run r = cli("merge", "ab.jfr", "ba.jfr").assertExit(1).assertQuiet();
        assertTrue(r.out.contains("cycle id: " + oneJvmId + "\n"), "same id as in one JVM: " + r.out);
        assertTrue(r.out.startsWith("===============================================================\n"
                + MergedReport.HEADLINE + "\n"), r.out);
        assertTrue(r.out.contains("-> #0 (" + b + "): first seen in ab.jfr, thread \"auditor\" during test"
                + " com.acme.BankTest.audit(), taken while holding " + a + " -(EN)->\n"), r.out);
        assertTrue(r.out.contains("-> #1 (" + a + "): first seen in ba.jfr, thread \"depositor\", taken while"
                + " holding " + b + " -(EN)->\n"), r.out);
        assertTrue(r.out.contains("       at io.jlockdep.cli.Recordings.nested(Recordings.java:"), "stacks: " + r.out);
        assertTrue(r.out.contains(" Possible unsafe locking scenario:\n"), r.out);
        assertTrue(r.out.contains("from 2 recordings: ab.jfr, ba.jfr\n"), r.out);
        assertTrue(r.lastLine().matches("1 potential deadlock \\(1 circular\\) across 2 recordings \\(\\d+ dependency"
                + " edges? merged\\)"), r.lastLine());

        // baseline by the same id accepts it
        Run accepted = cli("merge", "ab.jfr", "ba.jfr", "--write-baseline", "b.txt").assertExit(0);
        assertTrue(accepted.lastLine().equals("wrote 1 cycle id to baseline b.txt"), accepted.out);
        Run ok = cli("merge", "ab.jfr", "ba.jfr", "--baseline", "b.txt").assertExit(0);
        assertTrue(ok.lastLine().contains("; accepted by baseline: 1"), ok.out);

        // json: a merged finding with both halves' recordings, threads, contexts and stacks
        Object json = Json.parse(cli("merge", "ab.jfr", "ba.jfr", "--format", "json").assertExit(1).out);
        assertEquals("merge", at(json, "command"));
        assertEquals(BigDecimal.ZERO, at(json, "merge", "singleRecordingCycles"));
        assertEquals(oneJvmId, at(json, "findings", 0, "cycleId"));
        assertEquals("merged", at(json, "findings", 0, "scope"));
        assertNull(at(json, "findings", 0, "thread"));
        assertEquals(List.of(), at(json, "findings", 0, "acquisitionStack"));
        assertEquals("ab.jfr", at(json, "findings", 0, "edges", 0, "recording"));
        assertEquals("auditor", at(json, "findings", 0, "edges", 0, "thread"));
        assertEquals("test com.acme.BankTest.audit()", at(json, "findings", 0, "edges", 0, "context"));
        assertEquals("ba.jfr", at(json, "findings", 0, "edges", 1, "recording"));
        assertEquals("depositor", at(json, "findings", 0, "edges", 1, "thread"));
        assertEquals(List.of("ab.jfr", "ba.jfr"), at(json, "findings", 0, "recordings"));

        // sarif: these stacks are all jlockdep's own frames (this test), so the location falls back to the
        // lock's allocation site, and there are no related locations or flows
        Object sarif = Json.parse(cli("merge", "ab.jfr", "ba.jfr", "--format", "sarif").assertExit(1).out);
        Object result = at(sarif, "runs", 0, "results", 0);
        assertTrue(((String) at(result, "message", "text")).startsWith("Potential deadlock across recordings"
                + " (circular): "));
        assertEquals("com/acme/Bank.java", at(result, "locations", 0, "physicalLocation", "artifactLocation", "uri"));
        assertEquals(new BigDecimal(12), at(result, "locations", 0, "physicalLocation", "region", "startLine"));
        assertFalse(Json.obj(result).containsKey("relatedLocations"));
        assertFalse(Json.obj(result).containsKey("codeFlows"));
        assertEquals(oneJvmId, at(result, "partialFingerprints", SarifOutput.FINGERPRINT));
    }

    @Test
    void cyclesASingleRecordingShowsAreLeftToCheck() {
        String u = Recordings.unique();
        String a = "A." + u;
        String b = "B." + u;
        Recordings.engine(dir.resolve("both.jfr"), true, e -> {
            Recordings.nest(e, "t1", a, W, b, W);
            Recordings.nest(e, "t2", b, W, a, W);
        });
        Recordings.engine(dir.resolve("half.jfr"), true, e -> Recordings.nest(e, "t3", a, W, b, W));
        cli("check", "both.jfr").assertExit(1);
        Run r = cli("merge", "both.jfr", "half.jfr").assertExit(0).assertQuiet();
        assertEquals("no potential deadlocks across 2 recordings (2 dependency edges merged); 1 cycle within single"
                + " recordings left to check\n", r.out);
    }

    @Test
    void edgeTypesKeepTheEngineStrongPathRules() {
        // r -> R twice (SR, SR): recursive readers never wait for shared holders, no cycle in one JVM or merged
        String u = Recordings.unique();
        String a = "RwA." + u;
        String b = "RwB." + u;
        Recordings.engine(dir.resolve("sr1.jfr"), true, e -> Recordings.nest(e, "r1", a, R_SHARED, b, R_RECURSIVE));
        Recordings.engine(dir.resolve("sr2.jfr"), true, e -> Recordings.nest(e, "r2", b, R_SHARED, a, R_RECURSIVE));
        Recordings.EngineRun one = Recordings.engine(dir.resolve("sr-both.jfr"), false, e -> {
            Recordings.nest(e, "r1", a, R_SHARED, b, R_RECURSIVE);
            Recordings.nest(e, "r2", b, R_SHARED, a, R_RECURSIVE);
        });
        assertTrue(one.findings.isEmpty(), "the engine itself finds nothing");
        cli("merge", "sr1.jfr", "sr2.jfr").assertExit(0);

        // W -> r (EN) and r -> W (SN): a reader that queues behind a writer can deadlock
        String c = "RwC." + u;
        String d = "RwD." + u;
        Recordings.engine(dir.resolve("en.jfr"), true, e -> Recordings.nest(e, "w", c, W, d, R_SHARED));
        Recordings.engine(dir.resolve("sn.jfr"), true, e -> Recordings.nest(e, "r", d, R_SHARED, c, W));
        Recordings.EngineRun both = Recordings.engine(dir.resolve("ensn.jfr"), false, e -> {
            Recordings.nest(e, "w", c, W, d, R_SHARED);
            assertNotNull(Recordings.nest(e, "r", d, R_SHARED, c, W));
        });
        Run r = cli("merge", "en.jfr", "sn.jfr").assertExit(1);
        assertTrue(r.out.contains("cycle id: " + both.findings.get(0).cycleId() + "\n"), r.out);
        assertTrue(r.out.contains(" -(SN)->\n") && r.out.contains(" -(EN)->\n"), r.out);
        assertTrue(r.out.contains("rlock(" + d + ");"), r.out);
    }

    @Test
    void threeRecordingsCloseALongerCycle() {
        String u = Recordings.unique();
        String a = "CycA." + u;
        String b = "CycB." + u;
        String c = "CycC." + u;
        Recordings.engine(dir.resolve("r1.jfr"), true, e -> Recordings.nest(e, "one", a, W, b, W));
        Recordings.engine(dir.resolve("r2.jfr"), true, e -> Recordings.nest(e, "two", b, W, c, W));
        Recordings.engine(dir.resolve("r3.jfr"), true, e -> Recordings.nest(e, "three", c, W, a, W));
        Recordings.EngineRun one = Recordings.engine(dir.resolve("all.jfr"), false, e -> {
            Recordings.nest(e, "one", a, W, b, W);
            Recordings.nest(e, "two", b, W, c, W);
            assertNotNull(Recordings.nest(e, "three", c, W, a, W));
        });
        Run two = cli("merge", "r1.jfr", "r2.jfr").assertExit(0);
        assertTrue(two.out.startsWith("no potential deadlocks across 2 recordings"), two.out);
        Run r = cli("merge", "r3.jfr", "r1.jfr", "r2.jfr").assertExit(1);
        assertTrue(r.out.contains("cycle id: " + one.findings.get(0).cycleId() + "\n"), r.out);
        assertTrue(r.out.contains("  " + c + " -> " + a + " -> " + b + " -> " + c + "\n"),
                "starts with the first recording's edge: " + r.out);
        assertTrue(r.out.contains("first seen in r3.jfr, thread \"three\""), r.out);
        assertTrue(r.out.contains("first seen in r1.jfr, thread \"one\""), r.out);
        assertTrue(r.out.contains("first seen in r2.jfr, thread \"two\""), r.out);
        assertTrue(r.out.contains("from 3 recordings: r1.jfr, r2.jfr, r3.jfr\n") || r.out.contains(
                "from 3 recordings: r3.jfr, r1.jfr, r2.jfr\n"), r.out);
    }

    @Test
    void aCycleThroughTheFenceContractAndTwoJvms() {
        // JVM 1 takes a reservation while holding the driver lock; JVM 2 takes the driver lock in a fence
        // signalling section. Each alone is fine; with the fence contract every JVM primes (reservation ->
        // reclaim -> invalidation -> signalling) the two close a cycle.
        String u = Recordings.unique();
        String driver = "ReentrantLock@com.acme.Driver" + u + ".<init>(Driver.java:7)";
        String mutex = FenceLockdep.mutexClassName(FenceLockdep.RESERVATION_WW_CLASS);
        Recordings.engine(dir.resolve("reserve.jfr"), true, true,
                e -> assertNull(Recordings.nest(e, "submit", driver, W, mutex, W)));
        Recordings.engine(dir.resolve("signal.jfr"), true, true,
                e -> assertNull(Recordings.nest(e, "irq", FenceLockdep.SIGNALLING, W, driver, W)));
        Recordings.EngineRun one = Recordings.engine(dir.resolve("one.jfr"), false, true, e -> {
            Recordings.nest(e, "submit", driver, W, mutex, W);
            assertNotNull(Recordings.nest(e, "irq", FenceLockdep.SIGNALLING, W, driver, W));
        });
        cli("check", "reserve.jfr", "signal.jfr").assertExit(0);
        Run r = cli("merge", "reserve.jfr", "signal.jfr").assertExit(1).assertQuiet();
        assertTrue(r.out.contains("cycle id: " + one.findings.get(0).cycleId() + "\n"), r.out);
        assertTrue(r.out.contains("(" + FenceLockdep.RECLAIM + "): declared in contract " + FenceLockdep.CONTRACT_ORIGIN
                + " (primed in every JVM), taken while holding " + mutex + " -(EN)->\n"), r.out);
        assertTrue(r.out.contains("first seen in reserve.jfr, thread \"submit\""), r.out);
        assertTrue(r.out.contains("first seen in signal.jfr, thread \"irq\""), r.out);
        assertTrue(r.out.contains("from 2 recordings: reserve.jfr, signal.jfr\n"), r.out);
        Object json = Json.parse(cli("merge", "reserve.jfr", "signal.jfr", "--format", "json").out);
        assertEquals(new BigDecimal(5), at(json, "findings", 0, "length"), "driver, mutex, reclaim, invalidation, signalling");
        assertEquals(List.of("reserve.jfr", "signal.jfr"), at(json, "findings", 0, "recordings"));
        Json.parse(cli("merge", "reserve.jfr", "signal.jfr", "--format", "sarif").out);
        assertTrue(cli("merge", "reserve.jfr", "signal.jfr", "--format", "dot").out.contains("label=\"EN\\ncontract\""));
        // one recording with the contract and its own edge only: nothing
        cli("merge", "reserve.jfr").assertExit(0);
    }

    @Test
    void anEdgeSeenInSeveralRecordingsNamesThemAll() throws IOException {
        String u = Recordings.unique();
        String a = "DupA." + u;
        String b = "DupB." + u;
        Recordings.engine(dir.resolve("x1.jfr"), true, e -> Recordings.nest(e, "x1", a, W, b, W));
        Recordings.engine(dir.resolve("x2.jfr"), true, e -> Recordings.nest(e, "x2", a, W, b, W));
        Recordings.engine(dir.resolve("y.jfr"), true, e -> Recordings.nest(e, "y", b, W, a, W));
        Run r = cli("merge", "x1.jfr", "x2.jfr", "y.jfr").assertExit(1);
        assertTrue(r.out.contains("first seen in x1.jfr, thread \"x1\""), r.out);
        assertTrue(r.out.contains("       (also in x2.jfr)\n"), r.out);
        assertFalse(r.out.contains("thread \"x2\""), r.out);
        Files.delete(dir.resolve("x2.jfr"));
        cli("merge", "x1.jfr", "x2.jfr", "y.jfr").assertError("x2.jfr: no such file");
    }

    @Test
    void aRecordingsOwnFindingInTheBaselineIsNotStaleForMerge() throws IOException {
        String u = Recordings.unique();
        String a = "OwnA." + u;
        String b = "OwnB." + u;
        Recordings.EngineRun own = Recordings.engine(dir.resolve("own.jfr"), true, e -> {
            Recordings.nest(e, "t1", a, W, b, W);
            Recordings.nest(e, "t2", b, W, a, W);
        });
        Finding f = own.findings.get(0);
        Run w = cli("merge", "own.jfr", "--write-baseline", "merged.txt").assertExit(0);
        assertEquals("wrote 0 cycle ids to baseline merged.txt", w.lastLine());
        Files.writeString(dir.resolve("b.txt"), f.cycleId() + "\n1111111111111111\n");
        Run s = cli("merge", "own.jfr", "--baseline", "b.txt").assertExit(0);
        assertTrue(s.out.contains("baseline b.txt: 1 stale id no longer found (the deadlock was fixed? remove the"
                + " line): 1111111111111111\n"), s.out);
    }
}
