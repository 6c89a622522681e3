package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The table that finds a thread's state by thread id ({@code Lockdep.SLOTS} slots): a thread whose slot a live
 * thread holds goes through the thread-local instead, and neither thread's holds or orders are lost or mixed.
 */
class ThreadSlotTest {
    private final Lockdep ld = new Lockdep();
    private final LockClass a = ld.lockClass("A");
    private final LockClass b = ld.lockClass("B");
    private final LockClass c = ld.lockClass("C");
    private final Object x = new Object();
    private final Object y = new Object();
    private final Object z = new Object();

    @Test
    void aThreadSharingItsSlotWithALiveThreadIsTrackedWhole() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> holderSaw = new AtomicReference<>();
        Thread holder = new Thread(() -> {
            ld.acquire(z, c, Mode.EXCLUSIVE); // its first operation claims its slot
            holding.countDown();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            holderSaw.set(ld.depth() + " " + ld.isHeld(z) + " " + ld.isHeld(x));
            ld.release(z);
        }, "slot-holder");
        holder.start();
        try {
            sharedSlot(holding, done, holderSaw, holder);
        } finally {
            done.countDown(); // a failed assertion must not leave the holder waiting
        }
    }

    private void sharedSlot(CountDownLatch holding, CountDownLatch done, AtomicReference<String> holderSaw,
                            Thread holder) throws Exception {
        assertTrue(holding.await(30, TimeUnit.SECONDS));

        AtomicReference<String> sharerSaw = new AtomicReference<>();
        AtomicReference<Throwable> sharerFailed = new AtomicReference<>();
        Thread sharer = collidingThread(holder, () -> {
            try {
                for (int i = 0; i < 3; i++) { // the repeat paths too, not only the first acquisition
                    assertNull(ld.acquireRemembered(x, a, Mode.EXCLUSIVE));
                    if (!ld.acquireKnown(y, Mode.EXCLUSIVE)) {
                        assertNull(ld.acquireRemembered(y, b, Mode.EXCLUSIVE));
                    }
                    if (i == 2) {
                        sharerSaw.set(ld.depth() + " " + ld.isHeld(x) + " " + ld.isHeld(y) + " " + ld.isHeld(z));
                    }
                    assertTrue(ld.releaseTop(y, Mode.EXCLUSIVE) || ld.release(y));
                    assertTrue(ld.releaseTop(x, Mode.EXCLUSIVE) || ld.release(x));
                }
                sharerSaw.set(sharerSaw.get() + " " + ld.depth());
            } catch (Throwable t) {
                sharerFailed.set(t);
            }
        });
        sharer.start();
        sharer.join(30_000);
        assertNull(sharerFailed.get(), () -> "the sharing thread failed: " + sharerFailed.get());
        assertEquals("2 true true false 0", sharerSaw.get(), "the sharer's own holds, not the holder's");

        done.countDown();
        holder.join(30_000);
        assertEquals("1 true false", holderSaw.get(), "the holder kept its state and its hold");

        // The sharer's order A -> B was learned: the inverse closes a cycle.
        assertNull(ld.acquire(y, b, Mode.EXCLUSIVE));
        Finding f = ld.acquire(x, a, Mode.EXCLUSIVE);
        assertNotNull(f, "the order the sharing thread took was recorded");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        ld.release(x);
        ld.release(y);
    }

    /**
     * A new thread running {@code body} whose id maps to {@code holder}'s slot. Thread ids are handed out in
     * order as threads are constructed, so one in every {@code SLOTS} new threads does.
     */
    private static Thread collidingThread(Thread holder, Runnable body) {
        for (int i = 0; i <= Lockdep.SLOTS; i++) {
            Thread t = new Thread(body, "slot-sharer");
            if ((t.getId() - holder.getId()) % Lockdep.SLOTS == 0) {
                return t;
            }
        }
        throw new AssertionError("no thread id " + Lockdep.SLOTS + " apart from the holder's");
    }
}
