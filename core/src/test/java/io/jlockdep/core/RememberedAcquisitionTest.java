package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hooks' repeat path ({@link Lockdep#acquireKnown}, {@link Lockdep#acquireRemembered},
 * {@link Lockdep#releaseTop}): only the very acquisition a stack slot remembers, on the same chain and in the
 * same mode, is pushed without its class; everything else falls back to the full path, changing nothing. The
 * thread's last remembered acquisition is held as a pending top, which every other operation sees as held.
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

    @Test
    void aPendingTopIsTakenAndReleasedAgainAndAgain() {
        remember(x, a);
        for (int i = 0; i < 3; i++) {
            assertTrue(ld.acquireKnown(x, Mode.EXCLUSIVE));
            assertFalse(ld.acquireKnown(x, Mode.EXCLUSIVE), "held already: a re-acquisition takes the full path");
            assertTrue(ld.releaseTop(x, Mode.EXCLUSIVE));
        }
        assertEquals(0, ld.depth());
        assertFalse(ld.isHeld(x));
        assertEquals(0, ld.statistics().internalErrors());
    }

    @Test
    void whatIsTakenUnderAPendingTopIsOrderedAfterIt() {
        remember(x, a);
        assertTrue(ld.acquireKnown(x, Mode.EXCLUSIVE));
        assertNull(ld.acquire(y, b, Mode.EXCLUSIVE));
        assertEquals(List.of("A", "B"), ld.heldLocks().stream().map(HeldLock::className).collect(Collectors.toList()));
        assertFalse(ld.releaseTop(x, Mode.EXCLUSIVE), "x is no longer the top");
        assertTrue(ld.releaseTop(y, Mode.EXCLUSIVE));
        assertTrue(ld.releaseTop(x, Mode.EXCLUSIVE));
        assertNull(ld.acquire(y, b, Mode.EXCLUSIVE));
        Finding f = ld.acquire(x, a, Mode.EXCLUSIVE);
        assertTrue(f != null && f.kind() == FindingKind.CIRCULAR, "A -> B was learnt under the pending top: " + f);
    }

    @Test
    void aPendingTopIsReleasedOnlyOnItsSide() {
        assertNull(ld.acquire(x, a, Mode.SHARED));
        ld.release(x);
        assertNull(ld.acquireRemembered(x, a, Mode.SHARED));
        assertTrue(ld.releaseTop(x, Mode.SHARED));
        assertTrue(ld.acquireKnown(x, Mode.SHARED));
        assertFalse(ld.releaseTop(x, Mode.EXCLUSIVE), "a write unlock does not release a read hold");
        assertTrue(ld.isHeld(x, Mode.SHARED));
        assertTrue(ld.release(x, Mode.SHARED));
        assertEquals(0, ld.depth());
    }

    @Test
    void anotherThreadFindsAPendingTopAsHeld() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch releasedForIt = new CountDownLatch(1);
        int[] depthAfter = {-1};
        Thread holder = new Thread(() -> {
            remember(x, a);
            assertTrue(ld.acquireKnown(x, Mode.EXCLUSIVE));
            held.countDown();
            try {
                releasedForIt.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            depthAfter[0] = ld.depth();
        });
        holder.start();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        assertTrue(ld.releaseUnowned(x, Mode.EXCLUSIVE), "the holder's pending top counts as its hold");
        releasedForIt.countDown();
        holder.join(10_000);
        assertEquals(0, depthAfter[0], "the holder drops the hold released for it");
        assertTrue(ld.findings().isEmpty(), "no unbalanced release: " + ld.findings());
    }
}
