package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.nestInstances;
import static io.jlockdep.core.EngineTests.onThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The instance orders forget collected lock instances through {@link Lockdep#expungeCollected()}, without
 * the class having to nest again, and shrink back to the live instances after a burst of garbage.
 */
class InstanceMemoryTest {
    private static final int DEAD_PAIRS = 5000;

    /** Nests {@code n} pairs of fresh instances of {@code cls} that die at once. */
    private static void deadPairs(Lockdep ld, LockClass cls, int n) {
        for (int i = 0; i < n; i++) {
            assertNull(nestInstances(ld, cls, new Object(), new Object()));
        }
    }

    /** Collects garbage and expunges until {@code done} holds (the collector clears weak keys in its time). */
    private static void collectUntil(Lockdep ld, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 50 && !done.getAsBoolean(); i++) {
            System.gc();
            Thread.sleep(20);
            ld.expungeCollected();
        }
    }

    /** Whether a frame of {@code stack} is in a method whose name contains {@code method}. */
    private static boolean shows(StackTraceElement[] stack, String method) {
        for (StackTraceElement f : stack) {
            if (f.getMethodName().contains(method)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anOrderWhoseInstancesAllDiedIsDroppedWithoutTheClassNestingAgain() throws Exception {
        Lockdep ld = new Lockdep();
        deadPairs(ld, ld.lockClass("Pair"), DEAD_PAIRS);

        collectUntil(ld, () -> ld.instanceIds() == 0);

        assertEquals(0, ld.instanceIds());
    }

    @Test
    void aMostlyDeadOrderIsRebuiltAroundItsLiveInstancesKeepingTheirEdgesAndNames() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass pair = ld.lockClass("Pair");
        Object a = new Object();
        Object b = new Object();
        ld.setInstanceName(b, "b");
        onThread("first-nesting", () -> nestInstances(ld, pair, a, b)); // a -> b: instances #1 and #2
        deadPairs(ld, pair, DEAD_PAIRS);

        collectUntil(ld, () -> ld.instanceIds() == 2);
        assertEquals(2, ld.instanceIds(), "only the two live instances are left");

        Finding f = nestInstances(ld, pair, b, a);
        assertNotNull(f, "the edge a -> b survived the rebuild: b -> a closes the cycle");
        assertEquals(FindingKind.INSTANCE_INVERSION, f.kind());
        assertEquals("Pair (instance #2 \"b\")", f.edges().get(0).from());
        assertEquals("Pair (instance #1)", f.edges().get(0).to());
        CycleEdge kept = f.edges().get(1);
        assertEquals("Pair (instance #1)", kept.from());
        assertEquals("Pair (instance #2 \"b\")", kept.to(), "numbers and names survive the rebuild");
        assertEquals("first-nesting", kept.thread(), "the edge kept where it was first seen");
        assertNotNull(kept.stack());
        assertTrue(shows(kept.stack(), "aMostlyDeadOrderIsRebuiltAroundItsLiveInstancesKeepingTheirEdgesAndNames"),
                "the stack where the edge was first seen, made after collections");
    }

    @Test
    void deadPairsDoNotSpendTheStackStorageLimitAndLivePairsKeepTheirStacks() throws Exception {
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxStackFrames(500).build());
        LockClass pair = ld.lockClass("Pair");
        Object a = new Object();
        Object b = new Object();
        nestInstances(ld, pair, a, b);
        deadPairs(ld, pair, DEAD_PAIRS); // an edge each, never shown: their stacks are never made
        collectUntil(ld, () -> ld.instanceIds() == 2);
        deadPairs(ld, pair, DEAD_PAIRS);

        assertEquals(0, ld.statistics().limitHits(Limit.STACK_FRAMES));
        Finding f = nestInstances(ld, pair, b, a);
        assertNotNull(f);
        assertTrue(shows(f.edges().get(1).stack(), "deadPairsDoNotSpendTheStackStorageLimitAndLivePairsKeepTheirStacks"),
                "a -> b keeps where it was first seen");
        assertEquals(0, ld.statistics().limitHits(Limit.STACK_FRAMES));
    }

    @Test
    void theRebuiltOrderForgetsLaterDeadInstancesAndReusesTheirIds() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass pair = ld.lockClass("Pair");
        Object a = new Object();
        Object b = new Object();
        nestInstances(ld, pair, a, b);
        deadPairs(ld, pair, DEAD_PAIRS);
        collectUntil(ld, () -> ld.instanceIds() == 2);

        deadPairs(ld, pair, 10);
        assertEquals(22, ld.instanceIds());
        collectUntil(ld, () -> ld.instanceNodes() == 2);
        assertEquals(2, ld.instanceNodes(), "the 20 dead instances are forgotten");
        deadPairs(ld, pair, 10);
        assertEquals(22, ld.instanceIds(), "their ids are reused (22 ids is too few to rebuild for)");
        assertNotNull(nestInstances(ld, pair, b, a), "the live edge is still there");
    }

    @Test
    void overTheInstanceEdgeLimitFreshInstancesGetNoNodesAndStoredEdgesStillCloseCycles() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxInstanceEdges(3).build());
        LockClass pair = ld.lockClass("Pair");
        Object a = new Object();
        Object b = new Object();
        Object[] kept = {new Object(), new Object(), new Object(), new Object()};
        nestInstances(ld, pair, a, b);
        nestInstances(ld, pair, kept[0], kept[1]);
        nestInstances(ld, pair, kept[2], kept[3]); // the limit is reached
        assertEquals(6, ld.instanceNodes());

        for (int i = 0; i < 100; i++) {
            assertNull(nestInstances(ld, pair, new Object(), new Object()));
            assertNull(nestInstances(ld, pair, a, new Object()));
        }

        assertEquals(6, ld.instanceNodes(), "an edge that cannot be stored makes no node");
        assertTrue(ld.statistics().limitHits(Limit.INSTANCE_EDGES) >= 200);
        Finding f = nestInstances(ld, pair, b, a);
        assertNotNull(f, "checked, not stored: b -> a still closes the cycle with the stored a -> b");
        assertEquals(FindingKind.INSTANCE_INVERSION, f.kind());
        assertEquals(4, kept.length);
    }
}
