package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits degrade one dimension, are told once, and never throw into the caller. */
class LimitsTest {

    /** Counts onLimit calls per limit and checks that each message is one line. */
    static final class Counting implements LockdepListener {
        final Map<Limit, Integer> calls = new EnumMap<>(Limit.class);

        @Override
        public synchronized void onLimit(Limit limit, String message) {
            calls.merge(limit, 1, Integer::sum);
            if (message == null || message.contains("\n")) {
                calls.merge(limit, 1000, Integer::sum); // poison: a limit message must be one line
            }
        }

        synchronized int count(Limit limit) {
            return calls.getOrDefault(limit, 0);
        }
    }

    static boolean anyEdgeTouches(Lockdep ld, String cls) {
        return ld.snapshot().edges().stream().anyMatch(e -> e.from().equals(cls) || e.to().equals(cls));
    }

    @Test
    void depthLimitStopsTrackingDeeperLocksAndMatchesTheirReleasesSilently() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxDepth(4).listener(listener).build());
        LockClass[] classes = new LockClass[6];
        Object[] locks = new Object[6];
        for (int i = 0; i < 6; i++) {
            classes[i] = ld.lockClass("L" + i);
            locks[i] = new Object();
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 6; i++) {
                int k = i;
                assertDoesNotThrow(() -> ld.acquire(locks[k], classes[k], Mode.EXCLUSIVE));
                assertTrue(ld.depth() <= 4, "depth " + ld.depth());
            }
            for (int i = 5; i >= 0; i--) {
                int k = i;
                assertDoesNotThrow(() -> ld.release(locks[k]));
            }
            assertEquals(0, ld.depth());
        }
        assertEquals(1, listener.count(Limit.DEPTH), "told once");
        assertTrue(ld.statistics().limitHits(Limit.DEPTH) >= 1);
        assertTrue(ld.findings().isEmpty(), "untracked releases are matched silently: " + ld.findings());
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED));
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "L0", "L3"));
        assertFalse(anyEdgeTouches(ld, "L4"), "deeper acquisitions are not tracked");
        assertFalse(anyEdgeTouches(ld, "L5"));

        // Tracking still works afterwards.
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, b);
        Finding f = nest(ld, b, a);
        assertNotNull(f);
        assertEquals(FindingKind.CIRCULAR, f.kind());
    }

    @Test
    void depthLimitWithReleasesOutOfOrder() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxDepth(2).listener(listener).build());
        Object[] locks = new Object[4];
        for (int i = 0; i < 4; i++) {
            locks[i] = new Object();
            ld.acquire(locks[i], ld.lockClass("L" + i), Mode.EXCLUSIVE);
        }
        // Release the tracked ones first, then the untracked ones.
        assertTrue(ld.release(locks[0]));
        assertTrue(ld.release(locks[1]));
        assertEquals(0, ld.depth());
        assertDoesNotThrow(() -> ld.release(locks[2]));
        assertDoesNotThrow(() -> ld.release(locks[3]));
        assertEquals(0, ld.depth());
        assertEquals(1, listener.count(Limit.DEPTH));
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED), ld.findings().toString());
    }

    @Test
    void edgeLimitStopsStoringButNotChecking() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxEdges(1).listener(listener).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        LockClass d = ld.lockClass("D");
        nest(ld, a, b); // stored
        assertDoesNotThrow(() -> nest(ld, c, d)); // over the limit: not stored
        assertDoesNotThrow(() -> nest(ld, a, c));
        assertEquals(1, ld.snapshot().edges().size(), ld.snapshot().edges().toString());
        assertTrue(ld.statistics().edges() <= 1);
        assertEquals(1, listener.count(Limit.EDGES));
        Finding f = nest(ld, b, a);
        assertNotNull(f, "the extra edge B -> A is still checked against the stored A -> B");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertEquals(1, listener.count(Limit.EDGES), "told once");
        assertTrue(ld.statistics().limitHits(Limit.EDGES) >= 1);

        // B -> A was not stored, so on a new chain (X, B, A) it is new (and detected) again, but its cycle id
        // was reported already.
        Object lx = new Object();
        Object lb = new Object();
        Object la = new Object();
        ld.acquire(lx, ld.lockClass("X"), Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        Finding again = ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.release(la);
        ld.release(lb);
        ld.release(lx);
        assertNull(again, "an already reported cycle id is not reported again");
        assertEquals(1, ld.findings().size());
        assertEquals(2, ld.statistics().detections(FindingKind.CIRCULAR), "but every detection is counted");
    }

    @Test
    void classLimitHoldsExtraClassesButNeverOrdersThem() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxClasses(2).listener(listener).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = assertDoesNotThrow(() -> ld.lockClass("C"));
        LockClass d = assertDoesNotThrow(() -> ld.lockClass("D"));
        assertNotNull(c);
        assertNotNull(d);
        assertEquals(1, listener.count(Limit.CLASSES), "told once");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lc, c, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        assertTrue(ld.isHeld(lc), "an extra class is still held");
        assertEquals(3, ld.depth());
        ld.release(lb);
        ld.release(lc);
        ld.release(la);
        assertEquals(0, ld.depth());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"));
        assertFalse(anyEdgeTouches(ld, "C"), "never ordered: " + ld.snapshot().edges());
        assertFalse(ld.snapshot().classes().contains("C"), "the graph holds at most maxClasses classes");
        assertTrue(ld.snapshot().classes().size() <= 2, ld.snapshot().classes().toString());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertTrue(ld.statistics().limitHits(Limit.CLASSES) >= 1);
    }

    @Test
    void stackFrameLimitStillReportsFindings() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxStackFrames(3).listener(listener).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        nest(ld, a, b);
        nest(ld, b, c);
        Finding f = nest(ld, c, a);
        assertNotNull(f);
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertNotNull(f.render());
        assertTrue(f.render().contains("cycle id: " + f.cycleId()));
        assertEquals(1, listener.count(Limit.STACK_FRAMES), "told once");
        int stored = 0;
        for (CycleEdge e : f.edges()) {
            assertNotNull(e.stack(), "an edge over the limit has an empty stack, not null");
        }
        for (int i = 1; i < f.edges().size(); i++) {
            stored += f.edges().get(i).stack().length;
        }
        assertTrue(stored <= 3, "stored frames across edge traces: " + stored);
    }

    @Test
    void framesPerTraceBoundsEachTrace() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().framesPerTrace(2).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, b);
        Finding f = nest(ld, b, a);
        assertNotNull(f);
        for (CycleEdge e : f.edges()) {
            assertTrue(e.stack().length <= 2, e + ": " + e.stack().length);
        }
    }

    @Test
    void noStackCaptureStillReportsFindings() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().captureStacks(false).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, b);
        Finding f = nest(ld, b, a);
        assertNotNull(f);
        assertNotNull(f.render());
        assertEquals(0, f.edges().get(1).stack().length);
    }

    @Test
    void chainLimitValidatesExtraChainsEveryTime() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxChains(1).listener(listener).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        for (int i = 0; i < 5; i++) {
            assertDoesNotThrow(() -> nest(ld, a, b));
            assertDoesNotThrow(() -> nest(ld, b, c));
        }
        assertEquals(1, listener.count(Limit.CHAINS), "told once");
        assertTrue(ld.statistics().chains() <= 1);
        Finding f = nest(ld, c, a);
        assertNotNull(f, "validation goes on without the cache");
        assertTrue(ld.statistics().limitHits(Limit.CHAINS) >= 1);
    }

    @Test
    void instanceEdgeLimitNeverThrows() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxInstanceEdges(1).listener(listener).build());
        LockClass acct = ld.lockClass("Account");
        Object[] accounts = {new Object(), new Object(), new Object(), new Object()};
        for (int i = 0; i < accounts.length; i++) {
            for (int j = i + 1; j < accounts.length; j++) {
                int x = i;
                int y = j;
                assertDoesNotThrow(() -> {
                    ld.acquire(accounts[x], acct, Mode.EXCLUSIVE);
                    ld.acquire(accounts[y], acct, Mode.EXCLUSIVE);
                    ld.release(accounts[y]);
                    ld.release(accounts[x]);
                });
            }
        }
        assertEquals(1, listener.count(Limit.INSTANCE_EDGES), "told once");
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void instanceEdgeLimitKeepsValidatingNewInstancesWithoutInternalErrors() {
        // Past the limit, new instances (node ids the instance graph never sized) are still checked: no
        // internal error, every acquisition recorded, every release balanced.
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxInstanceEdges(2).build());
        LockClass acct = ld.lockClass("Account");
        Object[] accounts = new Object[80];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = new Object();
        }
        for (int i = 0; i + 1 < accounts.length; i++) {
            ld.acquire(accounts[i], acct, Mode.EXCLUSIVE);
            ld.acquire(accounts[i + 1], acct, Mode.EXCLUSIVE);
            assertEquals(2, ld.depth());
            assertTrue(ld.release(accounts[i + 1]));
            assertTrue(ld.release(accounts[i]));
        }
        assertEquals(null, ld.firstInternalError());
        assertEquals(0, ld.statistics().internalErrors());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void collectedInstancesOfOneClassDoNotUseUpTheInstanceEdgesOfAnother() throws Exception {
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxInstanceEdges(100).build());
        LockClass pairs = ld.lockClass("Pair");
        for (int i = 0; i < 500; i++) {
            Object a = new Object();
            Object b = new Object();
            ld.acquire(a, pairs, Mode.EXCLUSIVE);
            ld.acquire(b, pairs, Mode.EXCLUSIVE);
            ld.release(b);
            ld.release(a);
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        LockClass tables = ld.lockClass("Table");
        Object t1 = new Object();
        Object t2 = new Object();
        assertEquals(null, EngineTests.nestInstances(ld, tables, t1, t2));
        Finding f = EngineTests.nestInstances(ld, tables, t2, t1);
        assertNotNull(f, "the inversion of the live instances is found");
        assertEquals(FindingKind.INSTANCE_INVERSION, f.kind());
    }

    @Test
    @Timeout(30) // hang guard only: onLimit called under the graph lock deadlocks with the helper below
    void onLimitIsCalledOutsideEngineLocks() throws Exception {
        // LockdepListener: "called ... after the engine has released its own locks". A listener that hands
        // the message to another thread (a logger) which itself takes an instrumented lock must not hang.
        AtomicReference<Lockdep> engine = new AtomicReference<>();
        AtomicReference<Throwable> inner = new AtomicReference<>();
        AtomicReference<Integer> classesSeen = new AtomicReference<>();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxEdges(1).listener(new LockdepListener() {
            @Override
            public void onLimit(Limit limit, String message) {
                Lockdep self = engine.get();
                Thread logger = new Thread(() -> {
                    try {
                        Object l1 = new Object();
                        Object l2 = new Object();
                        self.acquire(l1, self.lockClass("LoggerLock"), Mode.EXCLUSIVE);
                        self.acquire(l2, self.lockClass("AppenderLock"), Mode.EXCLUSIVE);
                        self.release(l2);
                        self.release(l1);
                        classesSeen.set(self.snapshot().classes().size());
                    } catch (Throwable t) {
                        inner.set(t);
                    }
                }, "logger");
                logger.start();
                try {
                    logger.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build());
        engine.set(ld);
        nest(ld, ld.lockClass("A"), ld.lockClass("B"));
        nest(ld, ld.lockClass("C"), ld.lockClass("D")); // edge limit hit here
        assertNull(inner.get());
        assertEquals(6, classesSeen.get());
    }

    @Test
    void eachLimitIsToldOnceIndependently() {
        Counting listener = new Counting();
        Lockdep ld = new Lockdep(LockdepConfig.builder().maxDepth(2).maxEdges(1).listener(listener).build());
        for (int round = 0; round < 3; round++) {
            Object[] locks = new Object[4];
            for (int i = 0; i < 4; i++) {
                locks[i] = new Object();
                ld.acquire(locks[i], ld.lockClass("L" + i), Mode.EXCLUSIVE);
            }
            for (int i = 3; i >= 0; i--) {
                ld.release(locks[i]);
            }
            nest(ld, ld.lockClass("X" + round), ld.lockClass("Y" + round));
        }
        assertEquals(1, listener.count(Limit.DEPTH));
        assertEquals(1, listener.count(Limit.EDGES));
        assertEquals(0, listener.count(Limit.CLASSES));
    }
}
