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
 * against a write-through of the same ConcurrentHashMap bin, Hashtable.equals both ways, and an exhausted
 * commons-pool2 pool's borrow waiting, under a lock, for a return made under that lock. Lock class names are
 * matched by stable parts only (type names, the program's own classes), never by line numbers: the naming of
 * allocation sites is changing.
 */
class RealInversionsIT {
    private static final String P = RealInversions.class.getName();

    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(RealInversions.class)
            .withLibraries().on(jvm).jfr()
            .args("synchronized-map-compute", "caffeine-loader-vs-write", "hashtable-equals", "pool-borrow-under-lock")
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
    void anExhaustedPoolsBorrowWaitsForAReturnThatNeedsTheBorrowersLock(Jvm jvm) {
        // commons-pool2 waits on its own deque's Condition (newCondition in library code names it)
        Finding f = jfr(jvm).single("circular", "event signal of Condition org.apache.commons.pool2.impl."
                + "LinkedBlockingDeque.notEmpty", P + "$Leases");
        assertEquals(2, f.classes().size(), f::toString);
        assertEquals("lease-borrow", f.thread());
        assertTrue(f.report().contains("is about to wait for:"), f::report);
        assertTrue(f.report().contains("the wait has a timeout"), f::report);
        assertTrue(f.acquisitionStack().contains("org.apache.commons.pool2.impl.GenericObjectPool.borrowObject"),
                f::acquisitionStack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nothingElse(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        assertEquals(4, jfr.findings().size(), jfr::describeFindings);
        assertEquals(0, jfr.statistics().limitHits());
    }
}
