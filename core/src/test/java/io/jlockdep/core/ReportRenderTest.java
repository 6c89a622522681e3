package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The human-readable report follows the kernel's layout, with threads instead of CPUs. */
class ReportRenderTest {

    static final String A = "ReentrantLock@com.acme.Bank.<init>(Bank.java:12)";
    static final String B = "monitor com.acme.Account";

    static Finding circular(Lockdep ld) throws InterruptedException {
        LockClass a = ld.lockClass(A);
        LockClass b = ld.lockClass(B);
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("worker-1", () -> nest(ld, b, a));
        onThread("worker-2", () -> f.set(nest(ld, a, b)));
        assertNotNull(f.get());
        return f.get();
    }

    static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String p : parts) {
            int at = text.indexOf(p, from);
            assertTrue(at >= 0, "'" + p + "' missing or out of order in:\n" + text);
            from = at + p.length();
        }
    }

    @Test
    void circularReportLayout() throws Exception {
        Finding f = circular(new Lockdep());
        String r = f.render();
        assertInOrder(r,
                "WARNING: possible circular locking dependency detected",
                "\"worker-2\"",
                "is trying to acquire lock:",
                B,
                "but it already holds lock:",
                A,
                "the existing dependency chain (in reverse order) is:",
                "-> #1",
                "-> #0",
                "Possible unsafe locking scenario:",
                "*** DEADLOCK ***",
                "cycle id: " + f.cycleId());
    }

    @Test
    void circularReportNamesTheFirstSeenThreadAndFrames() throws Exception {
        Finding f = circular(new Lockdep());
        String r = f.render();
        assertTrue(r.contains("\"worker-1\""), "the first-seen thread of the older edge:\n" + r);
        assertTrue(r.contains(ReportRenderTest.class.getName()), "stack frames of the edges:\n" + r);
    }

    @Test
    void circularReportOfThreeClassesNamesThemAll() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        LockClass y = ld.lockClass("Y");
        LockClass z = ld.lockClass("Z");
        nest(ld, x, y);
        nest(ld, y, z);
        Finding f = nest(ld, z, x);
        assertNotNull(f);
        String r = f.render();
        assertInOrder(r, "-> #2", "-> #1", "-> #0");
        assertTrue(r.contains("X") && r.contains("Y") && r.contains("Z"), r);
        assertTrue(r.contains("cycle id: " + f.cycleId()), r);
    }

    @Test
    void recursiveReportLayout() {
        Lockdep ld = new Lockdep();
        PseudoLock map = ld.pseudoLock("dma_fence_map");
        map.acquire(Mode.EXCLUSIVE);
        Finding f = map.acquire(Mode.EXCLUSIVE);
        assertNotNull(f);
        String r = f.render();
        assertTrue(r.contains("possible recursive locking detected"), r);
        assertTrue(r.contains("dma_fence_map"), r);
        assertTrue(r.contains("\"" + Thread.currentThread().getName() + "\""), r);
        assertTrue(r.contains("cycle id: " + f.cycleId()), r);
        assertFalse(r.contains("possible circular locking dependency detected"), r);
    }

    @Test
    void everyKindRendersItsHeadlineAndId() {
        Lockdep ld = new Lockdep();
        Object rw = new Object();
        LockClass rwc = ld.lockClass("RW");
        ld.acquire(rw, rwc, Mode.SHARED);
        Finding upgrade = ld.acquire(rw, rwc, Mode.EXCLUSIVE);
        Finding nest = ld.acquireNested(new Object(), ld.lockClass("obj"), Mode.EXCLUSIVE, new Object());
        PseudoLock map = ld.pseudoLock("map");
        map.release();
        Finding unbalanced = ld.findings().get(ld.findings().size() - 1);
        for (Finding f : new Finding[] {upgrade, nest, unbalanced}) {
            assertNotNull(f);
            String r = f.render();
            assertTrue(r.contains("WARNING: "), r);
            assertTrue(r.contains("cycle id: " + f.cycleId()), r);
        }
    }
}
