package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.programs.AgentBugs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Minimal reproductions of agent bugs this suite found, one JVM each, kept as regression tests. Each
 * method's comment says what went wrong before the fix (commits 13520a9 and bb60da1).
 */
class AgentBugsIT {
    /**
     * {@code StampedLock.unlock(stamp)} calls {@code unlockRead}/{@code unlockWrite} internally, and both the
     * outer and the inner method were instrumented as releases: the second release was reported as "bad
     * unlock balance detected!".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void stampedLockUnlockWithAStampIsOneRelease(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentBugs.class).on(jvm).jfr().args("stamped-unlock").run().assertExit(0);
        r.jfr().assertNoFindings();
    }

    /**
     * Once {@code maxInstanceEdges} was reached, the next same-class nesting of a new instance threw inside
     * the engine (DependencyGraph.findStrongCycle indexed a node the full graph never sized:
     * ArrayIndexOutOfBoundsException, counted as an internal error); the acquisition was then not recorded
     * and its release reported as "bad unlock balance detected!" (and the limit notice was never logged).
     * Default limit 65536: any long-running program with same-class nesting gets there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void sameClassNestingBeyondTheInstanceEdgeLimitStaysBalanced(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentBugs.class).on(jvm).agent("maxInstanceEdges=64").jfr()
                .args("instance-edge-limit").run().assertExit(0);
        assertTrue(r.stderr().contains("jlockdep: more than 64 instance-order edges"), r::describe);
        r.jfr().assertNoFindings();
        assertTrue(r.jfr().statistics().limitHits() > 0);
    }

    /**
     * JDK 17: when the 64th thread registered its counters, Counters.sweep called Thread.getState() inside
     * the hook of that thread's first lock; the nested load of java.lang.Thread$State failed with
     * ClassCircularityError, which the hook swallowed — but the failed resolution sticks, so every later
     * Thread.getState() in the program threw ClassCircularityError, such threads' locks were not recorded
     * (their unlock was then a "bad unlock balance"), the per-thread counters were never swept (memory
     * grew with every dead thread), and the Statistics event was lost at exit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void threadGetStateStillWorksAfterManyShortLivedThreads(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentBugs.class).on(jvm).jfr().args("thread-state").run().assertExit(0);
        assertEquals("RUNNABLE", r.value("STATE"), r::describe);
        r.jfr().assertNoFindings();
        assertEquals(0, r.jfr().statistics().findings());
    }

    /**
     * Instance-order edges of collected instances kept counting against the global
     * {@code maxInstanceEdges} budget: a class's dead instances were only expunged when that same class was
     * nested again, so after 2,000 short-lived same-class nestings (limit 1000 here; 65536 by default, which
     * a few hundred thousand such nestings exhaust) every later instance inversion of any class was "checked
     * but not stored" and missed: the Hashtable equals inversion was not reported.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void deadInstancesDoNotUseUpTheInstanceEdgeBudget(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentBugs.class).on(jvm).agent("maxInstanceEdges=1000").jfr()
                .args("dead-instance-edges").run().assertExit(0);
        r.jfr().single("circular", "Hashtable@io.jlockdep.it.programs.AgentBugs.");
    }

    /**
     * The exit hook of javac's catch-all handler sat inside the range that covers the handler itself; once
     * C1 inlined the hook it gave up on the whole method ("COMPILE SKIPPED: error while joining with
     * exception handler"), so every method with a synchronized block — ConcurrentHashMap.putVal among
     * them — stayed interpreted until C2 took it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void c1CompilesMethodsWithSynchronizedBlocks(Jvm jvm) {
        jvm.assumeAvailable();
        // The compilation log goes to a file: on stdout the JVM's lines and the program's interleave.
        Path log = Fork.newDir("c1-sync-blocks-" + jvm.feature()).resolve("vm.log");
        RunResult r = Fork.program(AgentBugs.class).on(jvm).jvmArgs("-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-DisplayVMOutput", "-XX:+LogVMOutput", "-XX:LogFile=" + log, "-XX:+PrintCompilation")
                .jfr().args("hot-synchronized").run().assertExit(0);
        assertEquals("300000", r.value("HOT"), r::describe);
        List<String> compilations = Fork.read(log).lines().toList();
        assertTrue(compilations.stream().anyMatch(l -> l.contains("AgentBugs::hotBlock")),
                "PrintCompilation shows the method compiled");
        assertFalse(compilations.stream().anyMatch(l -> l.contains("error while joining")), () -> String.join("\n",
                compilations.stream().filter(l -> l.contains("error while joining")).toList()));
        r.jfr().assertNoFindings();
    }

    /**
     * Monitors of stream decorators were classed by type, so a BufferedOutputStream over System.out (a
     * PrintStream over another BufferedOutputStream) made the cycle BufferedOutputStream -> PrintStream ->
     * BufferedOutputStream out of two different objects — reported in every Surefire test JVM, whose
     * stream flusher does exactly this.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void layeredStreamsAreNotACycle(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentBugs.class).on(jvm).jfr().args("layered-streams").run().assertExit(0);
        assertEquals("done", r.value("LAYERED"), r::describe);
        r.jfr().assertNoFindings();
    }

    /**
     * A lock held across a garbage collection in a ForkJoinPool common-pool task is released balanced: the
     * engine's state of a worker survives the worker's erasure of its thread-locals between tasks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void poolWorkerStateSurvivesTheErasureOfThreadLocals(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentBugs.class).on(jvm).jfr().args("pool-worker-gc").run().assertExit(0);
        assertEquals("done", r.value("POOL"), r::describe);
        r.jfr().assertNoFindings();
    }
}
