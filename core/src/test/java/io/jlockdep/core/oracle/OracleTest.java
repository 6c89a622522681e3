package io.jlockdep.core.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Randomized oracle test: random multi-threaded programs run on the real engine (on real threads, in a
 * fixed schedule) and on the brute-force {@link Oracle}; every event's detection counts per kind, the
 * held stack, return values, and the final class graph must agree.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code jlockdep.oracle.programs} (default 20000) and {@code jlockdep.oracle.baseSeed};</li>
 *   <li>{@code jlockdep.oracle.seed=S} replays just program S (under {@code jlockdep.oracle.policy}, default
 *       all three policies), printing it;</li>
 *   <li>{@code jlockdep.oracle.programFile=FILE} replays a program written in {@link Program}'s text form
 *       (as printed by a failure report), under {@code jlockdep.oracle.policy} (default all three).</li>
 * </ul>
 */
class OracleTest {

    static final int DEFAULT_PROGRAMS = 20_000;
    static final long DEFAULT_BASE_SEED = 0x6A4C6F636B646570L; // "jLockdep"
    static final int WORKERS = 4;
    static final int MAX_REPORTED = 10;

    /** healthy minimum of each kind's detections per 20,000 programs (scaled to the program count) */
    static final long[] HEALTHY_PER_20K = {
        1000, // circular
        100,  // recursive
        10,   // rw-upgrade
        100,  // instance-inversion
        10,   // nest-lock-not-held
        10,   // unbalanced
    };

    static final class Summary {
        int programs;
        long events;
        long millis;
        int disagreements;
        int ambiguous;
        long chainHits;
        long chainMisses;
        final long[] oracleTotals = new long[Oracle.KINDS];
        final long[] engineTotals = new long[Oracle.KINDS];
        final long[][] perPolicy = new long[Oracle.Policy.values().length][Oracle.KINDS];
        final int[] programsPerPolicy = new int[Oracle.Policy.values().length];
        final List<String> failures = new ArrayList<>();
        final List<String> ambiguities = new ArrayList<>();
        boolean replay;

        String line() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("oracle: %d programs, %d events, %.1f s, %d disagreements;",
                    programs, events, millis / 1000.0, disagreements));
            for (Oracle.Policy pol : Oracle.Policy.values()) {
                sb.append("\n  ").append(pol).append(" (").append(programsPerPolicy[pol.ordinal()]).append(" programs): ")
                        .append(Comparison.counts(perPolicy[pol.ordinal()]));
            }
            sb.append("\n  engine detections total: ").append(Comparison.counts(engineTotals));
            sb.append(String.format("%n  engine chain cache: %d hits, %d misses", chainHits, chainMisses));
            return sb.toString();
        }
    }

    private static Summary summary;
    private static EngineDriver driver;

    static synchronized EngineDriver driver() {
        if (driver == null) {
            driver = new EngineDriver(WORKERS);
        }
        return driver;
    }

    @AfterAll
    static synchronized void shutdown() {
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }

    static long programSeed(long baseSeed, int i) {
        // deterministic, independent per index
        return new SplittableRandom(baseSeed + 0x9E3779B97F4A7C15L * i).nextLong() & Long.MAX_VALUE;
    }

    static Oracle.Policy policyOf(int i, int programs) {
        // 70% INSTANCE, 15% STRICT, 15% OFF (14,000 / 3,000 / 3,000 for 20,000)
        int instance = programs * 70 / 100;
        int strict = programs * 15 / 100;
        if (i < instance) {
            return Oracle.Policy.INSTANCE;
        }
        return i < instance + strict ? Oracle.Policy.STRICT : Oracle.Policy.OFF;
    }

    private static List<Oracle.Policy> requestedPolicies() {
        String p = System.getProperty("jlockdep.oracle.policy");
        if (p == null || p.isBlank()) {
            return Arrays.asList(Oracle.Policy.values());
        }
        return List.of(Oracle.Policy.valueOf(p.trim().toUpperCase()));
    }

    static synchronized Summary summary() throws IOException {
        if (summary != null) {
            return summary;
        }
        Summary s = new Summary();
        long t0 = System.nanoTime();
        String one = System.getProperty("jlockdep.oracle.seed");
        String file = System.getProperty("jlockdep.oracle.programFile");
        if (one != null || file != null) {
            s.replay = true;
            long seed = one != null ? Long.decode(one.trim()) : -1;
            Program p = file != null
                    ? Program.parse(new String(Files.readAllBytes(Path.of(file)), StandardCharsets.UTF_8))
                    : ProgramGenerator.generate(seed);
            for (Oracle.Policy pol : requestedPolicies()) {
                Comparison.Outcome out = Comparison.check(driver(), seed, p, pol);
                System.out.println("replay seed=" + seed + " policy=" + pol + ":\n" + p.toText()
                        + "oracle: " + Comparison.counts(out.oracle.totals)
                        + (out.oracle.ambiguousEvent >= 0 ? "  AMBIGUOUS at #" + out.oracle.ambiguousEvent + ": "
                                + out.oracle.ambiguity : "")
                        + "\nengine: " + Comparison.counts(out.engine.totals)
                        + "\noracle edges: " + Comparison.edgesText(out.oracle.classEdges));
                account(s, out);
            }
        } else {
            int programs = Integer.getInteger("jlockdep.oracle.programs", DEFAULT_PROGRAMS);
            long base = Long.decode(System.getProperty("jlockdep.oracle.baseSeed", Long.toString(DEFAULT_BASE_SEED)));
            for (int i = 0; i < programs; i++) {
                long seed = programSeed(base, i);
                Program p = ProgramGenerator.generate(seed);
                account(s, Comparison.check(driver(), seed, p, policyOf(i, programs)));
            }
        }
        s.millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(s.line());
        summary = s;
        return s;
    }

    private static void account(Summary s, Comparison.Outcome out) {
        s.programs++;
        s.events += out.program.events.size();
        s.programsPerPolicy[out.policy.ordinal()]++;
        s.chainHits += out.engine.chainHits;
        s.chainMisses += out.engine.chainMisses;
        for (int k = 0; k < Oracle.KINDS; k++) {
            s.oracleTotals[k] += out.oracle.totals[k];
            s.engineTotals[k] += out.engine.totals[k];
            s.perPolicy[out.policy.ordinal()][k] += out.oracle.totals[k];
        }
        if (out.oracle.ambiguousEvent >= 0) {
            s.ambiguous++;
            if (s.ambiguities.size() < MAX_REPORTED) {
                s.ambiguities.add("seed=" + out.seed + " policy=" + out.policy + " event #" + out.oracle.ambiguousEvent
                        + ": " + out.oracle.ambiguity);
            }
        }
        if (out.mismatch != null) {
            s.disagreements++;
            if (s.failures.isEmpty()) {
                Comparison.Outcome shrunk = Comparison.shrink(driver(), out, 3000);
                s.failures.add(Comparison.report(out, shrunk));
            } else if (s.failures.size() < MAX_REPORTED) {
                s.failures.add("seed=" + out.seed + " policy=" + out.policy + " first disagreement "
                        + Comparison.eventLabel(out.program, out.mismatch.event) + " " + out.mismatch.category + ": "
                        + out.mismatch.detail + "\n  replay: " + Comparison.replayHint(out.seed, out.policy));
            }
        }
    }

    @Test
    void randomProgramsAgreeWithTheOracle() throws IOException {
        Summary s = summary();
        if (s.disagreements > 0) {
            fail(s.disagreements + " of " + s.programs + " programs disagree with the oracle.\n\n"
                    + String.join("\n\n", s.failures) + "\n\n" + s.line());
        }
    }

    @Test
    void generatedProgramsStayInsideTheSpecifiedSemantics() throws IOException {
        Summary s = summary();
        assumeTrue(!s.replay || System.getProperty("jlockdep.oracle.seed") != null);
        assertEquals(0, s.ambiguous, "the generator produced programs whose semantics docs/engine.md leaves open:\n"
                + String.join("\n", s.ambiguities));
    }

    @Test
    void detectionsAreHealthy() throws IOException {
        Summary s = summary();
        assumeTrue(!s.replay, "replay run");
        StringBuilder problems = new StringBuilder();
        for (int k = 0; k < Oracle.KINDS; k++) {
            long need = Math.max(1, HEALTHY_PER_20K[k] * s.programs / DEFAULT_PROGRAMS);
            if (s.engineTotals[k] < need) {
                problems.append("\n  ").append(Oracle.KIND_ID[k]).append(": engine ").append(s.engineTotals[k])
                        .append(" (oracle ").append(s.oracleTotals[k]).append("), need >= ").append(need);
            }
            if (s.oracleTotals[k] < need) {
                problems.append("\n  ").append(Oracle.KIND_ID[k]).append(": oracle only ").append(s.oracleTotals[k])
                        .append(" — the generator no longer exercises this kind; need >= ").append(need);
            }
        }
        assertTrue(problems.length() == 0, "too few detections:" + problems + "\n" + s.line());
    }

    // ---------------------------------------------------------------------------------------------
    // Sanity of the oracle itself (so that agreement cannot be vacuous)

    private static final String AB_HEADER = "classes: A B\ninstances: A=1 B=1\n";

    private static int[] totals(Oracle.Result r) {
        int[] t = new int[Oracle.KINDS];
        for (int[] c : r.counts) {
            for (int k = 0; k < Oracle.KINDS; k++) {
                t[k] += c[k];
            }
        }
        return t;
    }

    private static Oracle.Result oracle(String text, Oracle.Policy policy) {
        Oracle.Result r = Oracle.run(Program.parse(text), policy);
        assertEquals(-1, r.ambiguousEvent, r.ambiguity);
        return r;
    }

    @Test
    void oracleFindsAnAbBaInversion() {
        String text = AB_HEADER
                + "T0 acquire A#0 W\nT0 acquire B#0 W\nT0 release B#0\nT0 release A#0\n"
                + "T1 acquire B#0 W\nT1 acquire A#0 W\nT1 release A#0\nT1 release B#0\n";
        Oracle.Result r = oracle(text, Oracle.Policy.INSTANCE);
        assertEquals(1, totals(r)[Oracle.CIRCULAR]);
        assertEquals(1, r.counts[5][Oracle.CIRCULAR], "the closing acquisition is T1's A");
        assertEquals("{A -> B [EN], B -> A [EN]}", Comparison.edgesText(r.classEdges));
        // the same inversion with non-recursive readers on both sides still deadlocks (r queues behind writers)
        Oracle.Result rr = oracle(text.replace(" W\n", " r\n"), Oracle.Policy.INSTANCE);
        assertEquals(1, totals(rr)[Oracle.CIRCULAR]);
    }

    @Test
    void oracleFindsNoCycleForReadRead() {
        String text = AB_HEADER
                + "T0 acquire A#0 R\nT0 acquire B#0 R\nT0 release B#0\nT0 release A#0\n"
                + "T1 acquire B#0 R\nT1 acquire A#0 R\nT1 release A#0\nT1 release B#0\n";
        Oracle.Result r = oracle(text, Oracle.Policy.INSTANCE);
        assertEquals(0, totals(r)[Oracle.CIRCULAR]);
        assertEquals("{A -> B [SR], B -> A [SR]}", Comparison.edgesText(r.classEdges));
        // W->R one way and R->W the other: A -ER-> B -SN-> A has an *R followed by S*: not strong
        String mixed = AB_HEADER
                + "T0 acquire A#0 W\nT0 acquire B#0 R\nT0 release B#0\nT0 release A#0\n"
                + "T1 acquire B#0 R\nT1 acquire A#0 W\nT1 release A#0\nT1 release B#0\n";
        assertEquals(0, totals(oracle(mixed, Oracle.Policy.INSTANCE))[Oracle.CIRCULAR]);
        // but W -> R against W -> W is a strong cycle: A -ER-> B -EN-> A
        String strong = AB_HEADER
                + "T0 acquire A#0 W\nT0 acquire B#0 R\nT0 release B#0\nT0 release A#0\n"
                + "T1 acquire B#0 W\nT1 acquire A#0 W\nT1 release A#0\nT1 release B#0\n";
        assertEquals(1, totals(oracle(strong, Oracle.Policy.INSTANCE))[Oracle.CIRCULAR]);
    }

    @Test
    void oracleSameClassRulesAndOtherKinds() {
        String abba = "classes: A\ninstances: A=2\n"
                + "T0 acquire A#0 W\nT0 acquire A#1 W\nT0 release A#1\nT0 release A#0\n"
                + "T1 acquire A#1 W\nT1 acquire A#0 W\nT1 release A#0\nT1 release A#1\n";
        int[] inst = totals(oracle(abba, Oracle.Policy.INSTANCE));
        assertEquals(1, inst[Oracle.INSTANCE_INVERSION]);
        assertEquals(0, inst[Oracle.CIRCULAR]);
        assertEquals(2, totals(oracle(abba, Oracle.Policy.STRICT))[Oracle.RECURSIVE]);
        assertEquals(0, Arrays.stream(totals(oracle(abba, Oracle.Policy.OFF))).sum());
        assertEquals(1, totals(oracle(abba.replace("classes: A", "classes: A!"), Oracle.Policy.OFF))[Oracle.RECURSIVE],
                "ordered class: only T1's A#1 -> A#0 violates the order");
        String others = "classes: A B*\ninstances: A=1 B=1\n"
                + "T0 acquire A#0 r\nT0 acquire A#0 W\nT0 acquire B#0 r\nT0 acquire B#0 R\nT0 acquire B#0 W\n"
                + "T0 release B#0\nT0 release B#0\nT0 release B#0\nT0 release A#0\nT0 release A#0\nT0 release A#0\n"
                + "T1 acquire-nested-unheld B#0 W\nT1 release B#0\n";
        Oracle.Result r = oracle(others, Oracle.Policy.INSTANCE);
        assertEquals(1, totals(r)[Oracle.RW_UPGRADE]);
        assertEquals(1, totals(r)[Oracle.RECURSIVE], "B W after B r, R");
        assertEquals(1, totals(r)[Oracle.UNBALANCED], "A was released three times but taken twice");
        assertEquals(1, totals(r)[Oracle.NEST_LOCK_NOT_HELD]);
        assertEquals("[AW Br BR BW]", r.held[4], "A upgraded (counted as granted), three entries of B");
        assertEquals(-1, r.ret[0]);
        assertEquals(0, r.ret[10], "the third release of A is unbalanced");
    }

    @Test
    void strongCycleSearchesAgree() {
        SplittableRandom rnd = new SplittableRandom(42);
        int onCycle = 0;
        int checked = 0;
        for (int g = 0; g < 4000; g++) {
            int n = 2 + rnd.nextInt(4);
            int[][] bits = new int[n][n];
            int density = 20 + rnd.nextInt(40);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b && rnd.nextInt(4) != 0) {
                        continue;
                    }
                    for (int t : StrongWalks.TYPES) {
                        if (rnd.nextInt(100) < density / 2) {
                            bits[a][b] |= t;
                        }
                    }
                }
            }
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    for (int t : StrongWalks.TYPES) {
                        if ((bits[a][b] & t) == 0) {
                            continue;
                        }
                        boolean x = StrongWalks.onStrongClosedWalk(bits, a, b, t);
                        boolean y = StrongWalks.byStateClosure(bits, a, b, t);
                        assertEquals(x, y, "line-graph search vs state closure, graph " + Arrays.deepToString(bits)
                                + " edge " + a + "->" + b + " type " + t);
                        if (n <= 4) {
                            boolean z = StrongWalks.byWalkEnumeration(bits, a, b, t);
                            assertEquals(x, z, "line-graph search vs walk enumeration, graph "
                                    + Arrays.deepToString(bits) + " edge " + a + "->" + b + " type " + t);
                        }
                        checked++;
                        if (x) {
                            onCycle++;
                        }
                    }
                }
            }
        }
        assertTrue(onCycle > 1000 && checked - onCycle > 1000, onCycle + " of " + checked);
        // hand-checked cases
        int sr = StrongWalks.SR;
        int en = StrongWalks.EN;
        int er = StrongWalks.ER;
        int sn = StrongWalks.SN;
        assertFalse(StrongWalks.onStrongClosedWalk(new int[][] {{0, sr}, {sr, 0}}, 0, 1, sr));
        assertTrue(StrongWalks.onStrongClosedWalk(new int[][] {{0, sn}, {sn, 0}}, 0, 1, sn));
        assertFalse(StrongWalks.onStrongClosedWalk(new int[][] {{0, er}, {sn, 0}}, 0, 1, er));
        assertTrue(StrongWalks.onStrongClosedWalk(new int[][] {{0, er}, {en, 0}}, 0, 1, er));
        // a closed walk that must pass node 1 twice: after 0 -ER-> 1 the edge 1 -SN-> 0 is not allowed,
        // but 1 -EN-> 2 -EN-> 1 arrives at 1 again by a *N edge, after which 1 -SN-> 0 is
        int[][] g = new int[3][3];
        g[0][1] = er;
        g[1][0] = sn;
        g[1][2] = en;
        assertFalse(StrongWalks.onStrongClosedWalk(g, 0, 1, er));
        g[2][1] = en;
        assertTrue(StrongWalks.onStrongClosedWalk(g, 0, 1, er));
    }

    @Test
    void replayedProgramIsIdenticalToTheGeneratedOne() {
        for (int i = 0; i < 200; i++) {
            long seed = programSeed(DEFAULT_BASE_SEED, i);
            Program a = ProgramGenerator.generate(seed);
            Program b = ProgramGenerator.generate(seed);
            assertEquals(a.toText(), b.toText());
            assertEquals(a.toText(), Program.parse(a.toText()).toText(), "text form round-trips");
        }
    }
}
