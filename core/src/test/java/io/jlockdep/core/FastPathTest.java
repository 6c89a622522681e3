package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The chain cache: known chains do no graph work; statistics count what the engine saw. */
class FastPathTest {

    @Test
    void knownChainHitsTheCacheAndAddsNothing() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        Runnable chain = () -> {
            ld.acquire(la, a, Mode.EXCLUSIVE);
            ld.acquire(lb, b, Mode.SHARED);
            ld.acquire(lc, c, Mode.EXCLUSIVE);
            ld.release(lc);
            ld.release(lb);
            ld.release(la);
        };
        chain.run(); // warm-up
        Statistics before = ld.statistics();
        long hits0 = before.chainHits();
        long misses0 = before.chainMisses();
        int edges0 = before.edges();
        int chains0 = before.chains();
        assertEquals(3, edges0);

        for (int i = 0; i < 10_000; i++) {
            chain.run();
        }
        onThread("other-thread", () -> {
            for (int i = 0; i < 10_000; i++) {
                chain.run();
            }
        });
        Statistics after = ld.statistics();
        assertEquals(misses0, after.chainMisses(), "no slow path for known chains");
        assertTrue(after.chainHits() > hits0, "hits " + hits0 + " -> " + after.chainHits());
        assertEquals(edges0, after.edges());
        assertEquals(chains0, after.chains());
        assertEquals(3, ld.snapshot().edges().size());
        assertTrue(ld.findings().isEmpty());
    }

    @Test
    void chainHitsAreCountedOncePerCachedAcquisition() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        nest(ld, a, b);
        long hits0 = ld.statistics().chainHits();
        // A finished thread's counts must be visible (per-thread batches are flushed or summed).
        onThread("repeater", () -> {
            for (int i = 0; i < 1000; i++) {
                nest(ld, a, b);
            }
        });
        long hits = ld.statistics().chainHits() - hits0;
        assertTrue(hits >= 1000, "2 cached acquisitions x 1000 rounds, saw " + hits);
        assertTrue(hits <= 2000, "saw " + hits);
    }

    @Test
    void newChainIsAMiss() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        long misses0 = ld.statistics().chainMisses();
        int chains0 = ld.statistics().chains();
        nest(ld, a, b);
        assertTrue(ld.statistics().chainMisses() > misses0);
        assertTrue(ld.statistics().chains() > chains0);
        int chains1 = ld.statistics().chains();
        nest(ld, b, a);
        assertTrue(ld.statistics().chains() > chains1, "(B, A) is a different chain from (A, B)");
    }

    @Test
    void cachedChainStillReportsNothingNewButAFreshOrderIsChecked() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        for (int i = 0; i < 100; i++) {
            assertNull(nest(ld, a, b));
        }
        Finding f = nest(ld, b, a);
        assertNotNull(f, "after many cached rounds the first reverse order is still checked");
    }

    @Test
    void statisticsCountClassesEdgesAndFindings() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        assertEquals(3, ld.statistics().classes());
        assertEquals(0, ld.statistics().edges());
        assertEquals(0, ld.statistics().findings());
        nest(ld, a, b);
        nest(ld, b, c);
        assertEquals(2, ld.statistics().edges());
        nest(ld, c, a);
        Statistics s = ld.statistics();
        assertEquals(3, s.classes());
        assertEquals(3, s.edges());
        assertEquals(1, s.findings());
        assertEquals(1, s.detections(FindingKind.CIRCULAR));
        assertEquals(0, s.detections(FindingKind.RECURSIVE));
        for (Limit l : Limit.values()) {
            assertEquals(0, s.limitHits(l), l.name());
        }
        assertEquals(3, ld.snapshot().classes().size());
        assertEquals(3, ld.snapshot().edges().size());
    }

    @Test
    void snapshotTextAndDotNameTheEdges() {
        Lockdep ld = new Lockdep();
        nest(ld, ld.lockClass("Alpha"), ld.lockClass("Beta"));
        GraphSnapshot s = ld.snapshot();
        assertTrue(s.toText().contains("Alpha") && s.toText().contains("Beta"), s.toText());
        assertTrue(s.toDot().contains("Alpha") && s.toDot().contains("Beta"), s.toDot());
        assertTrue(s.toDot().contains("->"), s.toDot());
    }

    @Test
    void knownChainAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) mx).isThreadAllocatedMemorySupported(),
                "per-thread allocation counting is not available on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        Lockdep ld = new Lockdep();
        Object[] held = new Object[5];
        for (int i = 0; i < held.length; i++) {
            held[i] = new Object();
            ld.acquire(held[i], ld.lockClass("held-" + i), Mode.EXCLUSIVE);
        }
        Object x = new Object();
        LockClass cx = ld.lockClass("x");
        Object r = new Object();
        LockClass cr = ld.lockClass("rw");
        for (int i = 0; i < 1_000; i++) { // validate the chains, let the JIT settle
            ld.acquire(x, cx, Mode.EXCLUSIVE);
            ld.release(x);
            ld.acquire(r, cr, Mode.SHARED);
            ld.release(r);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            ld.acquire(x, cx, Mode.EXCLUSIVE);
            ld.release(x);
            ld.acquire(r, cr, Mode.SHARED);
            ld.release(r);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 400,000 operations: even one small object each would be megabytes; allow the probe's own noise.
        assertTrue(allocated < 4096, "a known chain allocated " + allocated + " bytes over 400,000 operations");
        for (int i = held.length - 1; i >= 0; i--) {
            ld.release(held[i]);
        }
    }
}
