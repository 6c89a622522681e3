package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.edgeTypes;
import static io.jlockdep.core.EngineTests.nest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Lockdep#enterOwnWork}: the tool's own work on a program thread records nothing, nests, survives
 * exceptions, and keeps the held stack exact across the section's edges (never {@code unbalanced}).
 */
class OwnWorkTest {
    /** Everything the engine tells. */
    private static final class Told implements LockdepListener {
        final List<Object> items = new ArrayList<>();

        @Override
        public synchronized void onFinding(Finding finding) {
            items.add(finding);
        }

        @Override
        public synchronized void onEdge(CycleEdge edge) {
            items.add(edge);
        }
    }

    private final Told told = new Told();
    private final Lockdep ld = new Lockdep(LockdepConfig.builder().listener(told).reportEdges(true).build());
    private final LockClass a = ld.lockClass("A");
    private final LockClass b = ld.lockClass("B");
    private final LockClass c = ld.lockClass("C");

    @Test
    void nothingInsideIsRecorded() {
        Object la = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.enterOwnWork();
        try {
            assertTrue(ld.isInOwnWork());
            assertTrue(ld.isCurrentThreadBusy());
            Object lb = new Object();
            assertNull(ld.acquire(lb, b, Mode.EXCLUSIVE));
            Object lc = new Object();
            ld.tryAcquired(lc, c, Mode.EXCLUSIVE);
            assertNull(ld.probe(new Object(), c, Mode.EXCLUSIVE));
            assertEquals(1, ld.depth(), "only the lock taken before the section is held");
            // B then A inside: would close a cycle with A -> B if either were recorded.
            assertNull(nest(ld, b, a));
            ld.release(lc);
            ld.release(lb);
        } finally {
            ld.leaveOwnWork();
        }
        assertFalse(ld.isInOwnWork());
        assertFalse(ld.isCurrentThreadBusy());
        assertTrue(ld.release(la));
        assertEquals(0, ld.depth());
        assertEquals(0, edgeTypes(ld, "A", "B"));
        assertEquals(0, edgeTypes(ld, "B", "A"));
        assertEquals(0, edgeTypes(ld, "A", "C"));
        assertTrue(told.items.isEmpty(), told.items::toString);
        assertTrue(ld.findings().isEmpty());
        assertEquals(0, ld.currentState().ownHeldCount());
    }

    @Test
    void sectionsNestAndAnUnmatchedLeaveDoesNothing() {
        ld.leaveOwnWork(); // outside any section: ignored
        assertFalse(ld.isCurrentThreadBusy());
        ld.enterOwnWork();
        ld.enterOwnWork();
        ld.leaveOwnWork();
        assertTrue(ld.isInOwnWork(), "still inside the outer section");
        assertNull(nest(ld, a, b));
        assertEquals(0, edgeTypes(ld, "A", "B"));
        ld.leaveOwnWork();
        assertFalse(ld.isInOwnWork());
        nest(ld, a, b);
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"), "tracked again after the outer section");
    }

    @Test
    void anExceptionInsideLeavesTheSectionThroughFinally() {
        assertThrows(IllegalStateException.class, () -> {
            ld.enterOwnWork();
            try {
                ld.acquire(new Object(), a, Mode.EXCLUSIVE);
                throw new IllegalStateException("transformer failed");
            } finally {
                ld.leaveOwnWork();
            }
        });
        assertFalse(ld.isCurrentThreadBusy());
        nest(ld, b, c);
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "B", "C"));
    }

    @Test
    void aLockTakenInsideAndReleasedAfterIsNotUnbalanced() {
        Object lb = new Object();
        ReentrantLockLike rl = new ReentrantLockLike();
        ld.enterOwnWork();
        try {
            ld.acquire(lb, b, Mode.EXCLUSIVE);
            ld.acquire(rl, c, Mode.SHARED);
        } finally {
            ld.leaveOwnWork();
        }
        assertEquals(2, ld.currentState().ownHeldCount());
        assertTrue(ld.release(lb));
        assertTrue(ld.release(rl, Mode.SHARED));
        assertEquals(0, ld.depth());
        assertEquals(0, ld.currentState().ownHeldCount());
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED));
        assertTrue(ld.findings().isEmpty());
        // A release nobody took is still unbalanced.
        assertFalse(ld.release(lb));
        assertEquals(1, ld.statistics().detections(FindingKind.UNBALANCED));
    }

    @Test
    void aLockTakenBeforeAndReleasedInsideLeavesNoStaleEntry() {
        Object la = new Object();
        Object lb = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        ld.enterOwnWork();
        try {
            ld.release(la); // e.g. a class-loading lock released while the transformer runs
        } finally {
            ld.leaveOwnWork();
        }
        assertEquals(1, ld.depth());
        assertFalse(ld.isHeld(la));
        ld.acquire(new Object(), c, Mode.EXCLUSIVE);
        assertEquals(0, edgeTypes(ld, "A", "C"), "A is no longer held");
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "B", "C"));
        assertEquals(0, ld.statistics().detections(FindingKind.UNBALANCED));
    }

    @Test
    void aReentryInsideOfALockHeldBeforeKeepsItsEntry() {
        Object la = new Object();
        ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.enterOwnWork();
        try {
            ld.acquire(la, a, Mode.EXCLUSIVE);
            ld.release(la);
        } finally {
            ld.leaveOwnWork();
        }
        assertTrue(ld.isHeld(la));
        assertEquals(1, ld.heldLocks().size());
        assertTrue(ld.release(la));
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty());
    }

    @Test
    void engineWorkAndIgnoringInsideKeepTheirOwnState() {
        ld.enterOwnWork();
        try {
            ld.lockClass("created-inside"); // the engine marks itself busy and leaves again
        } finally {
            ld.leaveOwnWork();
        }
        assertFalse(ld.isCurrentThreadBusy());

        ld.enterOwnWork();
        ld.ignoreCurrentThread();
        ld.leaveOwnWork();
        assertTrue(ld.isCurrentThreadBusy(), "ignored for good, whatever the sections");
        nest(ld, a, b);
        assertEquals(0, edgeTypes(ld, "A", "B"));
    }

    @Test
    void holdsNeverReleasedAreBounded() {
        ld.enterOwnWork();
        try {
            for (int i = 0; i < 1000; i++) {
                ld.acquire(new Object(), a, Mode.EXCLUSIVE);
            }
        } finally {
            ld.leaveOwnWork();
        }
        assertEquals(ThreadState.OWN_HELD_MAX, ld.currentState().ownHeldCount());
    }

    @Test
    void otherThreadsAreTrackedMeanwhile() throws Exception {
        ld.enterOwnWork();
        try {
            EngineTests.onThread("program", () -> nest(ld, a, b));
        } finally {
            ld.leaveOwnWork();
        }
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"));
    }

    /** A lock identity of its own type (the engine only compares identities). */
    private static final class ReentrantLockLike {
    }
}
