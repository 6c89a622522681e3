package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.programs.Precision;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correct programs over real libraries report nothing with the default options (issue 12, item 5): layered
 * commons-pool2 pools, dbcp2 over H2 with statement pooling, ConcurrentHashMap / Caffeine / Guava caches, Logback,
 * Log4j 2 and java.util.logging from several threads, JDK types in unrelated roles, decorators over decorators,
 * and classes loaded under locks. Any finding is a false positive: two instances or roles merged into one lock
 * class. The scenarios are grouped, one JVM per group and JDK, to keep the run short; a cycle whose halves come
 * from two scenarios of a group is just as false.
 */
class PrecisionIT {
    private static RunResult run(Jvm jvm, String group, String... scenarios) {
        jvm.assumeAvailable();
        return Fork.program(Precision.class).withLibraries().on(jvm).jfr().args(scenarios)
                // H2, Log4j and Logback start-up under the agent on a busy 2-core machine
                .timeout(Duration.ofSeconds(240)).label("Precision-" + group + "-jdk" + jvm.feature()).run();
    }

    private static void assertSilent(RunResult r, String... scenarios) {
        r.assertExit(0);
        for (String s : scenarios) {
            r.assertStdoutLine("END " + s);
        }
        JfrData jfr = r.jfr();
        jfr.assertNoFindings();
        assertTrue(r.stderrReports().isEmpty(), r::describe);
        assertEquals(0, jfr.statistics().findings(), jfr::describeFindings);
    }

    private static void check(Jvm jvm, String group, String... scenarios) {
        assertSilent(run(jvm, group, scenarios), scenarios);
    }

    /** Layered GenericObjectPools, a keyed pool next to a plain one, dbcp2 + H2 with statement pooling. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void pools(Jvm jvm) {
        check(jvm, "pools", "pool-layered", "pool-keyed", "dbcp-h2");
    }

    /** Regions built inside ConcurrentHashMap.computeIfAbsent; Caffeine and Guava loading caches. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void caches(Jvm jvm) {
        check(jvm, "caches", "chm-regions", "caffeine", "guava-cache");
    }

    /** Logback, Log4j 2 and java.util.logging initialised and used from several threads. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void logging(Jvm jvm) {
        check(jvm, "logging", "logback", "log4j2", "jul-file");
    }

    /** Hashtable / Vector / StringBuffer / synchronized and concurrent maps in unrelated roles; decorators; class loading. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void jdkTypes(Jvm jvm) {
        check(jvm, "jdk", "jdk-tables", "decorators", "class-loading");
    }
}
