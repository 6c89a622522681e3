package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The hooks' repeat path ({@link Lockdep#acquireKnown}, {@link Lockdep#acquireRemembered},
 * {@link Lockdep#releaseTop}): only the very acquisition a stack slot remembers, on the same chain and in the
 * same mode, is pushed without its class; everything else falls back to the full path, changing nothing.
 */
class RememberedAcquisitionTest {
    private final Lockdep ld = new Lockdep();
    private final LockClass a = ld.lockClass("A");
    private final LockClass b = ld.lockClass("B");
    private final Object x = new Object();
    private final Object y = new Object();

    /** The chain {@code [cls]} validated, then {@code lock} remembered at slot 0 and released. */
    private void remember(Object lock, LockClass cls) {
        assertNull(ld.acquire(lock, cls, Mode.EXCLUSIVE));
        ld.release(lock);
        assertNull(ld.acquireRemembered(lock, cls, Mode.EXCLUSIVE));
        assertTrue(ld.releaseTop(lock, Mode.EXCLUSIVE));
    }

    @Test
    void theRememberedAcquisitionRepeatsWithoutItsClass() {
        remember(x, a);
        assertTrue(ld.acquireKnown(x, Mode.EXCLUSIVE));
        assertTrue(ld.isHeld(x));
        assertTrue(ld.isHeld(a));
        assertTrue(ld.releaseTop(x, Mode.EXCLUSIVE));
        assertEquals(0, ld.depth());
        assertFalse(ld.isHeld(x), "a remembered slot keeps its lock but no hold");
    }

    @Test
    void anotherLockModeOrChainTakesTheFullPath() {
        remember(x, a);
        assertFalse(ld.acquireKnown(y, Mode.EXCLUSIVE), "another lock");
        assertFalse(ld.acquireKnown(x, Mode.SHARED), "another mode");
        assertEquals(0, ld.depth());
        assertNull(ld.acquire(y, b, Mode.EXCLUSIVE));
        assertFalse(ld.acquireKnown(x, Mode.EXCLUSIVE), "slot 1 remembers nothing under y");
        assertEquals(1, ld.depth());
        ld.release(y);
    }

    @Test
    void aNullLockNeverMatchesASlotWhoseLockWasDropped() {
        remember(x, a);
        // The slot is taken over by a lock that is not remembered: its pop drops the lock, the memo's mode stays.
        assertNull(ld.acquire(y, b, Mode.EXCLUSIVE));
        ld.release(y);
        assertFalse(ld.acquireKnown(null, Mode.EXCLUSIVE));
        assertEquals(0, ld.depth());
    }

    @Test
    void releaseTopOnlyDropsATopHeldOnce() {
        remember(x, a);
        assertTrue(ld.acquireKnown(x, Mode.EXCLUSIVE));
        assertNull(ld.acquire(x, a, Mode.EXCLUSIVE)); // reentrant: held twice
        assertFalse(ld.releaseTop(x, Mode.EXCLUSIVE));
        assertFalse(ld.releaseTop(y, Mode.EXCLUSIVE), "not the top");
        assertEquals(1, ld.depth());
        ld.release(x);
        ld.release(x);
        assertEquals(0, ld.depth());
    }
}
