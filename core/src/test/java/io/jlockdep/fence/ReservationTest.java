package io.jlockdep.fence;

import static io.jlockdep.fence.FenceTests.awaitBlocked;
import static io.jlockdep.fence.FenceTests.failure;
import static io.jlockdep.fence.FenceTests.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jlockdep.fence.FenceTests.Actor;
import io.jlockdep.fence.Reservation.Usage;

/** Reservations: usages, slots, the lock rule for adding, queries and waits, and the lock-all helper. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReservationTest {

    private static Fence fence() {
        return new Timeline("t").createFence(null);
    }

    /** Locks {@code r} without a context, reserves and adds each fence with {@code usage}, unlocks. */
    private static void add(Reservation r, Usage usage, Fence... fences) {
        r.lock();
        try {
            r.reserveFences(fences.length);
            for (Fence f : fences) {
                r.addFence(f, usage);
            }
        } finally {
            r.unlock();
        }
    }

    @Test
    void usagesAreOrderedAsInTheKernel() {
        assertEquals(List.of(Usage.KERNEL, Usage.WRITE, Usage.READ, Usage.BOOKKEEP), Arrays.asList(Usage.values()));
        assertSame(Usage.READ, Usage.forAccess(true), "a writer waits for readers and writers");
        assertSame(Usage.WRITE, Usage.forAccess(false), "a reader waits for writers");
        assertEquals("reservation_ww_class", Reservation.WW_CLASS.name());
        assertTrue(Reservation.WW_CLASS.isWaitDie());
    }

    @Test
    void iteratingWithAUsageReturnsThatUsageAndStronger() {
        Reservation r = new Reservation("bo");
        Fence k = fence();
        Fence w = fence();
        Fence rd = fence();
        Fence b = fence();
        add(r, Usage.BOOKKEEP, b);
        add(r, Usage.READ, rd);
        add(r, Usage.WRITE, w);
        add(r, Usage.KERNEL, k);
        assertEquals(List.of(k), r.fences(Usage.KERNEL));
        assertEquals(List.of(w, k), r.fences(Usage.WRITE));
        assertEquals(List.of(rd, w, k), r.fences(Usage.READ));
        assertEquals(List.of(b, rd, w, k), r.fences(Usage.BOOKKEEP));
        assertSame(Usage.READ, r.usageOf(rd));
        assertNull(r.usageOf(fence()));
        assertThrows(IllegalArgumentException.class, () -> r.fences(null));
    }

    @Test
    void addingNeedsTheLockAndAReservedSlot() {
        Reservation r = new Reservation("bo");
        Fence f = fence();
        IllegalStateException noLock = assertThrows(IllegalStateException.class, () -> r.addFence(f, Usage.WRITE));
        assertTrue(noLock.getMessage().contains("without holding its lock"), noLock.getMessage());
        assertThrows(IllegalStateException.class, () -> r.reserveFences(1));
        assertThrows(IllegalStateException.class, r::assertHeld);
        r.lock();
        try {
            r.assertHeld();
            IllegalStateException noSlot = assertThrows(IllegalStateException.class, () -> r.addFence(f, Usage.WRITE));
            assertTrue(noSlot.getMessage().contains("without a reserved slot"), noSlot.getMessage());
            assertThrows(IllegalArgumentException.class, () -> r.reserveFences(-1));
            assertThrows(IllegalArgumentException.class, () -> r.addFence(null, Usage.WRITE));
            assertThrows(IllegalArgumentException.class, () -> r.addFence(f, null));
            r.reserveFences(0);
            r.reserveFences(2);
            assertEquals(2, r.reservedSlots());
            r.addFence(f, Usage.WRITE);
            assertEquals(1, r.reservedSlots());
        } finally {
            r.unlock();
        }
        r.lock();
        try {
            assertEquals(0, r.reservedSlots(), "unused slots are dropped at unlock");
            assertThrows(IllegalStateException.class, () -> r.addFence(fence(), Usage.READ));
        } finally {
            r.unlock();
        }
        assertEquals(List.of(f), r.fences(Usage.BOOKKEEP));
    }

    @Test
    void addingFromAnotherThreadThanTheHolderIsRefused() throws Exception {
        Reservation r = new Reservation("bo");
        r.lock();
        try (Actor other = new Actor("other")) {
            Throwable t = failure(other.submitRun(() -> r.reserveFences(1)));
            assertInstanceOf(IllegalStateException.class, t);
        } finally {
            r.unlock();
        }
    }

    @Test
    void aLaterFenceOfTheSameTimelineReplacesAnEarlierOne() {
        Reservation r = new Reservation("bo");
        Timeline tl = new Timeline("ring");
        Fence first = tl.createFence(null);
        Fence second = tl.createFence(null);
        Fence third = tl.createFence(null);
        add(r, Usage.WRITE, first);
        add(r, Usage.WRITE, second);
        assertEquals(List.of(second), r.fences(Usage.BOOKKEEP), "same usage, later fence: replaced");
        add(r, Usage.WRITE, first);
        assertEquals(List.of(second, first), r.fences(Usage.BOOKKEEP), "an earlier fence does not replace");
        add(r, Usage.BOOKKEEP, third);
        assertEquals(3, r.fences(Usage.BOOKKEEP).size(), "a weaker usage does not replace a stronger one");
        add(r, Usage.KERNEL, third);
        assertSame(Usage.KERNEL, r.usageOf(third));
        assertEquals(List.of(third), r.fences(Usage.KERNEL));
    }

    @Test
    void signalledFencesAreReplacedByAnything() {
        Reservation r = new Reservation("bo");
        Fence old = fence();
        add(r, Usage.READ, old);
        old.signal();
        Fence next = fence();
        add(r, Usage.BOOKKEEP, next);
        assertEquals(List.of(next), r.fences(Usage.BOOKKEEP));
    }

    @Test
    void testingAndWaitingCoverTheUsageAndStronger() throws Exception {
        Reservation r = new Reservation("bo");
        Fence write = fence();
        Fence read = fence();
        add(r, Usage.WRITE, write);
        add(r, Usage.READ, read);
        assertTrue(new Reservation().testSignaled(Usage.BOOKKEEP), "nothing to wait for");
        new Reservation().await(Usage.BOOKKEEP);
        assertFalse(r.testSignaled(Usage.WRITE));
        assertEquals(0, r.awaitNanos(Usage.READ, 0));
        assertEquals(0, r.awaitNanos(Usage.READ, TimeUnit.MILLISECONDS.toNanos(5)));
        assertFalse(r.await(Usage.WRITE, 5, TimeUnit.MILLISECONDS));

        write.signal();
        assertTrue(r.testSignaled(Usage.WRITE));
        assertFalse(r.testSignaled(Usage.READ));
        r.await(Usage.WRITE);
        r.awaitUninterruptibly(Usage.KERNEL);
        assertTrue(r.awaitNanos(Usage.WRITE, 1000) > 0, "a reader does not wait for other readers");

        try (Actor waiter = new Actor("waiter")) {
            Future<Long> timed = waiter.submit(() -> r.awaitNanos(Usage.READ, TimeUnit.MINUTES.toNanos(5)));
            awaitBlocked(waiter.thread());
            read.signal();
            assertTrue(get(timed) > 0);
        }
        assertTrue(r.testSignaled(Usage.BOOKKEEP));
        assertEquals(1, r.awaitNanos(Usage.BOOKKEEP, 0));
        assertTrue(r.await(Usage.BOOKKEEP, 1, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> r.await(Usage.READ, 1, null));
        assertThrows(IllegalArgumentException.class, () -> r.testSignaled(null));
    }

    @Test
    void waitsWakeOnSignalAndAreInterruptible() throws Exception {
        Reservation r = new Reservation("bo");
        Fence f = fence();
        add(r, Usage.WRITE, f);
        try (Actor a = new Actor("await"); Actor b = new Actor("interrupted"); Actor c = new Actor("uninterruptible")) {
            Future<Void> untimed = a.submitRun(() -> r.await(Usage.READ));
            Future<Void> interrupted = b.submitRun(() -> r.await(Usage.READ));
            Future<Boolean> uninterruptible = c.submit(() -> {
                r.awaitUninterruptibly(Usage.WRITE);
                return Thread.interrupted();
            });
            awaitBlocked(a.thread());
            awaitBlocked(b.thread());
            awaitBlocked(c.thread());
            b.thread().interrupt();
            c.thread().interrupt();
            assertInstanceOf(InterruptedException.class, failure(interrupted));
            awaitBlocked(c.thread());
            f.signal();
            get(untimed);
            assertTrue(get(uninterruptible), "interrupt status kept");
        }
    }

    @Test
    void readersNeedNoLock() throws Exception {
        Reservation r = new Reservation("bo");
        Fence f = fence();
        r.lock();
        try (Actor reader = new Actor("reader")) {
            r.reserveFences(1);
            r.addFence(f, Usage.WRITE);
            assertEquals(List.of(f), reader.call(() -> r.fences(Usage.READ)), "visible before unlock");
            assertFalse(reader.call(() -> r.testSignaled(Usage.READ)));
        } finally {
            r.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Reservations.lockAll

    @Test
    void lockAllHandlesDuplicates() throws Exception {
        Reservation a = new Reservation("a");
        Reservation b = new Reservation("b");
        try (WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS)) {
            assertEquals(2, Reservations.lockAll(List.of(a, b, a, b, a), ctx));
            assertTrue(a.mutex().isLockedBy(ctx) && b.mutex().isLockedBy(ctx));
            assertEquals(2, ctx.acquiredCount());
            ctx.done();
            for (Reservation r : List.of(a, b)) {
                r.reserveFences(1);
                r.addFence(fence(), Usage.WRITE);
            }
            ctx.unlockAll();
        }
        assertFalse(a.isLocked() || b.isLocked());
        assertEquals(1, a.fences(Usage.READ).size());
    }

    @Test
    void lockAllRejectsBadInput() {
        Reservation a = new Reservation("a");
        try (WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS)) {
            assertThrows(IllegalArgumentException.class, () -> Reservations.lockAll(null, ctx));
            assertThrows(IllegalArgumentException.class, () -> Reservations.lockAll(List.of(a), null));
            assertThrows(IllegalArgumentException.class, () -> Reservations.lockAll(Arrays.asList(a, null), ctx));
            Reservations.lockAll(List.of(a), ctx);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Reservations.lockAll(List.of(new Reservation()), ctx));
            assertTrue(e.getMessage().contains("holds nothing"), e.getMessage());
            assertTrue(a.mutex().isLockedBy(ctx), "a refused call changes nothing");
            ctx.unlockAll();
        }
        WwMutex foreign = new WwMutex(WwClass.waitDie("foreign"));
        try (WwAcquireContext other = new WwAcquireContext(foreign.wwClass())) {
            assertThrows(IllegalArgumentException.class, () -> Reservations.lockAll(List.of(a), other));
            assertFalse(a.isLocked());
        }
    }

    @Test
    void lockAllBacksOffAndRetriesUnderContention() throws Exception {
        Reservation[] r = new Reservation[4];
        for (int i = 0; i < r.length; i++) {
            r[i] = new Reservation("r" + i);
        }
        try (Actor old = new Actor("old"); Actor young = new Actor("young")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(Reservation.WW_CLASS));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(Reservation.WW_CLASS));
            old.run(() -> r[2].lock(oc));
            // The younger context locks r0, r1, dies on r2, backs off and waits on the slow path for r2.
            Future<Integer> youngAll = young.submit(() -> Reservations.lockAll(List.of(r[0], r[1], r[2], r[3]), yc));
            awaitBlocked(young.thread());
            assertFalse(r[0].isLocked() || r[1].isLocked(), "the younger backed off: nothing else held");
            old.run(() -> {
                assertTrue(r[0].lock(oc));
                oc.unlockAll();
                oc.close();
            });
            assertEquals(4, get(youngAll));
            young.run(() -> {
                assertEquals(4, yc.acquiredCount());
                yc.unlockAll();
                yc.close();
            });
        }
    }

    @Test
    void lockAllReleasesEverythingWhenInterrupted() throws Exception {
        Reservation[] r = {new Reservation("r0"), new Reservation("r1"), new Reservation("r2")};
        try (Actor holder = new Actor("holder"); Actor locker = new Actor("locker")) {
            holder.run(r[2]::lock); // no context: the locker just waits for it
            WwAcquireContext ctx = locker.call(() -> new WwAcquireContext(Reservation.WW_CLASS));
            Future<Integer> all = locker.submit(() -> Reservations.lockAllInterruptibly(Arrays.asList(r), ctx));
            awaitBlocked(locker.thread());
            assertTrue(r[0].isLocked() && r[1].isLocked());
            locker.thread().interrupt();
            assertInstanceOf(InterruptedException.class, failure(all));
            assertFalse(r[0].isLocked() || r[1].isLocked(), "released on interrupt");
            assertEquals(0, (int) locker.call(ctx::acquiredCount));
            locker.run(ctx::close);
            holder.run(r[2]::unlock);
        }
    }

    @Test
    void manyThreadsLockOverlappingListsInAnyOrder() throws Exception {
        int threads = 6;
        int rounds = 200;
        Reservation[] r = new Reservation[8];
        for (int i = 0; i < r.length; i++) {
            r[i] = new Reservation("s" + i);
        }
        AtomicIntegerArray owner = new AtomicIntegerArray(r.length);
        AtomicInteger violations = new AtomicInteger();
        CyclicBarrier go = new CyclicBarrier(threads);
        List<FenceTests.Worker<Void>> ws = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t + 1;
            ws.add(FenceTests.run("locker-" + id, () -> {
                Random rnd = new Random(99L * id);
                go.await();
                for (int round = 0; round < rounds; round++) {
                    List<Integer> idx = new ArrayList<>();
                    for (int k = 0; k < 2 + rnd.nextInt(4); k++) {
                        idx.add(rnd.nextInt(r.length));
                    }
                    Collections.shuffle(idx, rnd);
                    List<Reservation> list = new ArrayList<>();
                    for (int i : idx) {
                        list.add(r[i]);
                    }
                    try (WwAcquireContext ctx = id % 2 == 0
                            ? new WwAcquireContext(Reservation.WW_CLASS, rnd.nextLong())
                            : new WwAcquireContext(Reservation.WW_CLASS)) {
                        int n = Reservations.lockAll(list, ctx);
                        LinkedHashSet<Integer> distinct = new LinkedHashSet<>(idx);
                        assertEquals(distinct.size(), n);
                        for (int i : distinct) {
                            if (!owner.compareAndSet(i, 0, id)) {
                                violations.incrementAndGet();
                            }
                        }
                        Thread.yield();
                        for (int i : distinct) {
                            if (!owner.compareAndSet(i, id, 0)) {
                                violations.incrementAndGet();
                            }
                        }
                        ctx.unlockAll();
                    }
                }
            }));
        }
        for (FenceTests.Worker<Void> w : ws) {
            w.join();
        }
        assertEquals(0, violations.get());
    }
}
