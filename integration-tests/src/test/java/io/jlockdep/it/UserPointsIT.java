package io.jlockdep.it;

import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlockdep.it.JfrData.Edge;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.UserPoints;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User-declared points: {@code @WaitPoint}/{@code @SignallingSection}/{@code @SignalPoint} with custom map
 * names and with the default (fence) map, and plain methods declared by {@code waits=}/{@code sections=}.
 * Without those options the same methods report nothing ({@link CleanIT}).
 */
class UserPointsIT {
    private static final Class<?> P = UserPoints.class;
    static final String OPTIONS = "waits=io.jlockdep.it.programs.UserPoints$Latch#await,"
            + "sections=io.jlockdep.it.programs.UserPoints$Worker#complete";

    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(UserPoints.class).on(jvm)
            .agent(OPTIONS).jfr().args("annotated", "signal-point", "annotated-clean", "default-map", "option-points",
                    "named-instances")
            .run());

    private static JfrData jfr(Jvm jvm) {
        jvm.assumeAvailable();
        return RUNS.get(jvm).assertExit(0).jfr();
    }

    private static void assertCycleWithMap(JfrData jfr, String lock, String map, String waiter) {
        Finding f = jfr.single("circular", lock, map);
        assertEquals(List.of(lock, map).stream().sorted().toList(), f.classes().stream().sorted().toList(),
                f::toString);
        assertEquals(waiter, f.thread());
        List<Edge> edges = jfr.edgesOf(f.cycleId());
        assertEquals(lock + " -EN-> " + map, edges.get(0).from() + " -" + edges.get(0).type() + "-> " + edges.get(0).to());
        assertEquals(map + " -SN-> " + lock, edges.get(1).from() + " -" + edges.get(1).type() + "-> " + edges.get(1).to());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void annotatedWaitPointAndSectionWithACustomMap(Jvm jvm) {
        assertCycleWithMap(jfr(jvm), site("ReentrantLock", P, "annotated", "jobs-cache"), "jobs", "job-client");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void signalPointIsASection(Jvm jvm) {
        assertCycleWithMap(jfr(jvm), site("ReentrantLock", P, "signalPoint", "events-listeners"), "events",
                "event-sink");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void annotationsWithoutAMapJoinTheFenceMap(Jvm jvm) {
        assertCycleWithMap(jfr(jvm), site("ReentrantLock", P, "defaultMap", "default-device"), "fence-signalling",
                "flush-waiter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void waitsAndSectionsOptionsDeclarePlainMethods(Jvm jvm) {
        assertCycleWithMap(jfr(jvm), site("ReentrantLock", P, "optionPoints", "option-pool"), "fence-signalling",
                "option-waiter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void aClientThatReleasesBeforeWaitingIsClean(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        jfr.assertNoneInvolving("quiet", site("ReentrantLock", P, "annotatedClean", "quiet-state"));
        assertEquals(5, jfr.findings().size(), jfr::describeFindings);
    }

    /** Jlockdep.nameInstance: the report of an instance inversion names the instances. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void namedInstancesAreNamedInTheReport(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String table = site("ReentrantReadWriteLock", P, "namedInstances", "named-table");
        Finding f = jfr.single("instance-inversion", table);
        assertEquals(table + " (instance #2 \"right\") -> " + table + " (instance #1 \"left\") -> " + table
                + " (instance #2 \"right\")", f.lockClasses());
        assertEquals("right-first", f.thread());
    }
}
