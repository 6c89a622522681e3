package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.RealInversions;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Genuine inversions through real library code are still found (the other half of the precision suite):
 * a synchronized map's compute function against a write under the same application lock, a Caffeine load
 * against a write-through of the same ConcurrentHashMap bin, and Hashtable.equals both ways. Lock class names are
 * matched by stable parts only (type names, the program's own classes), never by line numbers: the naming of
 * allocation sites is changing.
 */
class RealInversionsIT {
    private static final String P = RealInversions.class.getName();

    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(RealInversions.class)
            .withLibraries().on(jvm).jfr()
            .args("synchronized-map-compute", "caffeine-loader-vs-write", "hashtable-equals")
            .timeout(Duration.ofSeconds(180)).label("RealInversions-jdk" + jvm.feature()).run());

    private static JfrData jfr(Jvm jvm) {
        jvm.assumeAvailable();
        return RUNS.get(jvm).assertExit(0).jfr();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void synchronizedMapComputeAgainstRegistryLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", "SynchronizedMap", P + "$Registry");
        assertEquals(2, f.classes().size(), f::toString);
        assertEquals("publish", f.thread());
        assertTrue(f.classes().stream().anyMatch(c -> c.startsWith("ReentrantLock") && c.contains("$Registry")),
                f::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void caffeineLoaderAgainstWriteThroughUnderStoreLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", "ConcurrentHashMap", P + "$Store");
        assertEquals(2, f.classes().size(), f::toString);
        assertEquals("cache-save", f.thread());
        assertTrue(f.report().contains("com.github.benmanes.caffeine.cache."), f::report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void hashtableEqualsBothWays(Jvm jvm) {
        Finding f = jfr(jvm).single("instance-inversion", "Hashtable@io.jlockdep.it.programs.RealInversions.table#1");
        assertEquals("hashtable-2", f.thread());
        assertTrue(f.report().contains("WARNING: possible same-class instance inversion detected"), f::report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nothingElse(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        assertEquals(3, jfr.findings().size(), jfr::describeFindings);
        assertEquals(0, jfr.statistics().limitHits());
    }
}
