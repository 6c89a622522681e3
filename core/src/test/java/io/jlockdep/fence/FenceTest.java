package io.jlockdep.fence;

import static io.jlockdep.fence.FenceTests.awaitBlocked;
import static io.jlockdep.fence.FenceTests.onThread;
import static io.jlockdep.fence.FenceTests.run;
import static io.jlockdep.fence.FenceTests.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fences: signalling, waiting, callbacks, errors, ops hooks, borrowed and in-place locks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
// try-with-resources scopes are the idiom under test; their variables need no reference.
@SuppressWarnings("try")
class FenceTest {

    private static Fence fence() {
        return new Fence(Timeline.allocateContexts(1), 1, null);
    }

    // ------------------------------------------------------------------------------------------------
    // Signal

    @Test
    void signalCompletesOnceAndSecondCallSaysSo() {
        Fence f = fence();
        assertFalse(f.isSignaled());
        assertEquals(Fence.Status.PENDING, f.status());
        long before = System.nanoTime();
        assertTrue(f.signal());
        long after = System.nanoTime();
        assertTrue(f.isSignaled());
        assertEquals(Fence.Status.SIGNALED, f.status());
        long ts = f.timestamp();
        assertTrue(ts - before >= 0 && after - ts >= 0, "timestamp taken during signal()");
        assertFalse(f.signal(), "second signal has no effect");
        assertEquals(ts, f.timestamp(), "second signal keeps the first timestamp");
    }

    @Test
    void timestampOfAPendingFenceIsAnError() {
        Fence f = fence();
        IllegalStateException e = assertThrows(IllegalStateException.class, f::timestamp);
        assertTrue(e.getMessage().contains("not signalled"), e.getMessage());
    }

    @Test
    void concurrentSignalsSignalExactlyOnce() throws Exception {
        for (int round = 0; round < 50; round++) {
            Fence f = fence();
            AtomicInteger winners = new AtomicInteger();
            AtomicInteger callbackRuns = new AtomicInteger();
            f.addCallback(x -> callbackRuns.incrementAndGet());
            CyclicBarrier go = new CyclicBarrier(4);
            List<FenceTests.Worker<Void>> ws = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ws.add(run("signaller-" + i, () -> {
                    go.await();
                    if (f.signal()) {
                        winners.incrementAndGet();
                    }
                }));
            }
            for (FenceTests.Worker<Void> w : ws) {
                w.join();
            }
            assertEquals(1, winners.get());
            assertEquals(1, callbackRuns.get());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Waiting

    @Test
    void waitsReturnAtOnceWhenSignalled() throws Exception {
        Fence f = fence();
        f.signal();
        f.await();
        f.awaitUninterruptibly();
        assertEquals(1_000L, f.awaitNanos(1_000L), "all the time is left");
        assertEquals(1L, f.awaitNanos(0), "a zero timeout on a signalled fence says 1, like the kernel");
        assertEquals(1L, f.awaitUninterruptiblyNanos(-5));
        assertTrue(f.await(1, TimeUnit.SECONDS));
    }

    @Test
    void timedWaitsTimeOut() throws Exception {
        Fence f = fence();
        assertEquals(0L, f.awaitNanos(0));
        assertEquals(0L, f.awaitNanos(TimeUnit.MILLISECONDS.toNanos(5)));
        assertEquals(0L, f.awaitUninterruptiblyNanos(TimeUnit.MILLISECONDS.toNanos(5)));
        assertFalse(f.await(5, TimeUnit.MILLISECONDS));
        assertFalse(f.isSignaled());
        assertThrows(IllegalArgumentException.class, () -> f.await(1, null));
    }

    @Test
    void signalFromAnotherThreadWakesEveryKindOfWaiter() throws Exception {
        Fence f = fence();
        List<FenceTests.Worker<Long>> waiters = new ArrayList<>();
        waiters.add(start("await", () -> {
            f.await();
            return 1L;
        }));
        waiters.add(start("awaitUninterruptibly", () -> {
            f.awaitUninterruptibly();
            return 1L;
        }));
        waiters.add(start("awaitNanos", () -> f.awaitNanos(TimeUnit.MINUTES.toNanos(5))));
        waiters.add(start("awaitUninterruptiblyNanos", () -> f.awaitUninterruptiblyNanos(TimeUnit.MINUTES.toNanos(5))));
        waiters.add(start("await(timeout)", () -> f.await(5, TimeUnit.MINUTES) ? 1L : 0L));
        for (FenceTests.Worker<Long> w : waiters) {
            awaitBlocked(w.thread);
        }
        onThread("signaller", f::signal);
        for (FenceTests.Worker<Long> w : waiters) {
            assertTrue(w.join() > 0, w.thread.getName() + " saw the signal, with time left");
        }
    }

    @Test
    void hugeTimeoutsDoNotOverflow() throws Exception {
        Fence f = fence();
        FenceTests.Worker<Long> w = start("waiter", () -> f.awaitNanos(Long.MAX_VALUE));
        awaitBlocked(w.thread);
        f.signal();
        assertTrue(w.join() > 0);
    }

    @Test
    void interruptibleWaitsThrowWhenInterrupted() throws Exception {
        Fence f = fence();
        FenceTests.Worker<Void> untimed = run("await", f::await);
        FenceTests.Worker<Void> timed = run("awaitNanos", () -> f.awaitNanos(TimeUnit.MINUTES.toNanos(5)));
        awaitBlocked(untimed.thread);
        awaitBlocked(timed.thread);
        untimed.thread.interrupt();
        timed.thread.interrupt();
        assertInstanceOf(InterruptedException.class, untimed.joinFailure());
        assertInstanceOf(InterruptedException.class, timed.joinFailure());
        assertFalse(f.isSignaled());
    }

    @Test
    void anInterruptPendingOnEntryFailsOnlyWhenTheFenceIsNotSignalled() throws Exception {
        Fence f = fence();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, f::await);
        assertFalse(Thread.interrupted(), "the interrupt is consumed by the exception");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> f.awaitNanos(1_000_000));
        f.signal();
        Thread.currentThread().interrupt();
        f.await();
        assertEquals(5L, f.awaitNanos(5));
        assertTrue(Thread.interrupted(), "a signalled fence does not look at the interrupt");
    }

    @Test
    void uninterruptibleWaitsIgnoreInterruptsButKeepTheStatus() throws Exception {
        Fence f = fence();
        FenceTests.Worker<Boolean> untimed = start("awaitUninterruptibly", () -> {
            f.awaitUninterruptibly();
            return f.isSignaled() && Thread.currentThread().isInterrupted();
        });
        FenceTests.Worker<Boolean> timed = start("awaitUninterruptiblyNanos", () -> {
            long left = f.awaitUninterruptiblyNanos(TimeUnit.MINUTES.toNanos(5));
            return left > 0 && f.isSignaled() && Thread.currentThread().isInterrupted();
        });
        awaitBlocked(untimed.thread);
        awaitBlocked(timed.thread);
        untimed.thread.interrupt();
        timed.thread.interrupt();
        // An interrupt alone does not end the waits: they end with the signal, interrupt status kept.
        awaitBlocked(untimed.thread);
        awaitBlocked(timed.thread);
        f.signal();
        assertTrue(untimed.join(), "returned signalled, with the interrupt status kept");
        assertTrue(timed.join(), "returned signalled with time left, with the interrupt status kept");
    }

    @Test
    void waitingWhileHoldingTheFenceLockIsRefused() {
        Timeline tl = new Timeline("ring");
        Fence f = tl.createFence(null);
        tl.lock().lock();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, f::awaitUninterruptibly);
            assertTrue(e.getMessage().contains("while holding its lock"), e.getMessage());
            assertThrows(IllegalStateException.class, f::await);
            assertThrows(IllegalStateException.class, () -> f.awaitNanos(1));
        } finally {
            tl.lock().unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Callbacks

    @Test
    void callbacksRunOnceAtSignalInTheSignallingThreadUnderTheLockInOrder() throws Exception {
        Fence f = fence();
        List<String> log = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertTrue(f.addCallback(x -> {
                assertSame(f, x);
                log.add(n + ":" + Thread.currentThread().getName() + ":" + f.lock().isHeldByCurrentThread() + ":"
                        + f.isSignaled() + ":" + Signalling.inSection());
            }));
        }
        assertTrue(log.isEmpty(), "nothing runs before the signal");
        onThread("signaller", f::signal);
        assertEquals(List.of("0:signaller:true:true:true", "1:signaller:true:true:true", "2:signaller:true:true:true"),
                log);
        f.signal();
        assertEquals(3, log.size(), "callbacks run exactly once");
    }

    @Test
    void addingACallbackToASignalledFenceSaysSoAndDoesNotRunIt() {
        Fence f = fence();
        f.signal();
        AtomicInteger runs = new AtomicInteger();
        assertFalse(f.addCallback(x -> runs.incrementAndGet()));
        assertEquals(0, runs.get());
    }

    @Test
    void removedCallbacksNeverRun() {
        Fence f = fence();
        AtomicInteger runs = new AtomicInteger();
        FenceCallback keep = x -> runs.addAndGet(1);
        FenceCallback drop = x -> runs.addAndGet(100);
        f.addCallback(keep);
        f.addCallback(drop);
        assertTrue(f.removeCallback(drop));
        assertFalse(f.removeCallback(drop), "removed already");
        assertFalse(f.removeCallback(x -> { }), "never added");
        f.signal();
        assertEquals(1, runs.get());
        assertFalse(f.removeCallback(keep), "it ran: nothing to remove");
    }

    @Test
    void badCallbacksAreRejected() {
        Fence f = fence();
        assertThrows(IllegalArgumentException.class, () -> f.addCallback(null));
        FenceCallback cb = x -> { };
        f.addCallback(cb);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.addCallback(cb));
        assertTrue(e.getMessage().contains("already pending"), e.getMessage());
    }

    @Test
    void aThrowingCallbackDoesNotStopTheOthersAndIsRethrownAfterwards() {
        Fence f = fence();
        AtomicInteger runs = new AtomicInteger();
        f.addCallback(x -> {
            runs.incrementAndGet();
            throw new IllegalStateException("first");
        });
        f.addCallback(x -> runs.incrementAndGet());
        f.addCallback(x -> {
            runs.incrementAndGet();
            throw new UnsupportedOperationException("second");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, f::signal);
        assertEquals("first", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("second", e.getSuppressed()[0].getMessage());
        assertEquals(3, runs.get());
        assertTrue(f.isSignaled());
        assertFalse(f.lock().isHeldByCurrentThread());
        assertFalse(Signalling.inSection(), "the section ended despite the failure");
        assertFalse(f.signal());
    }

    @Test
    void callbacksRunExactlyOnceUnderRacesWithSignal() throws Exception {
        int adders = 4;
        int perAdder = 25;
        for (int round = 0; round < 100; round++) {
            Fence f = fence();
            AtomicInteger[] runs = new AtomicInteger[adders * perAdder];
            boolean[] added = new boolean[runs.length];
            CyclicBarrier go = new CyclicBarrier(adders + 2);
            List<FenceTests.Worker<Void>> ws = new ArrayList<>();
            for (int a = 0; a < adders; a++) {
                int base = a * perAdder;
                ws.add(run("adder-" + a, () -> {
                    go.await();
                    for (int i = base; i < base + perAdder; i++) {
                        AtomicInteger counter = new AtomicInteger();
                        runs[i] = counter;
                        added[i] = f.addCallback(x -> counter.incrementAndGet());
                    }
                }));
            }
            ws.add(run("signaller-a", () -> {
                go.await();
                f.signal();
            }));
            ws.add(run("signaller-b", () -> {
                go.await();
                f.signal();
            }));
            for (FenceTests.Worker<Void> w : ws) {
                w.join();
            }
            for (int i = 0; i < runs.length; i++) {
                assertEquals(added[i] ? 1 : 0, runs[i].get(), "callback " + i + " (added: " + added[i] + ")");
            }
        }
    }

    @Test
    void aCallbackMaySignalAnotherFence() throws Exception {
        Fence first = fence();
        Fence second = fence();
        first.addCallback(x -> second.signal());
        FenceTests.Worker<Void> waiter = run("waiter", second::await);
        awaitBlocked(waiter.thread);
        first.signal();
        waiter.join();
        assertTrue(second.isSignaled());
    }

    // ------------------------------------------------------------------------------------------------
    // Error status

    @Test
    void anErrorIsSetBeforeSignallingAndReportedAfter() {
        Fence f = fence();
        assertNull(f.error());
        f.setError(new IllegalStateException("first"));
        RuntimeException cause = new RuntimeException("job timed out");
        f.setError(cause);
        assertEquals(Fence.Status.PENDING, f.status(), "the error shows once signalled");
        f.signal();
        assertEquals(Fence.Status.FAILED, f.status());
        assertSame(cause, f.error(), "the last error before the signal wins");
    }

    @Test
    void settingAnErrorAfterTheSignalIsAnError() {
        Fence f = fence();
        assertThrows(IllegalArgumentException.class, () -> f.setError(null));
        f.signal();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.setError(new RuntimeException("late")));
        assertTrue(e.getMessage().contains("signalled already"), e.getMessage());
        assertNull(f.error());
        assertEquals(Fence.Status.SIGNALED, f.status());
    }

    // ------------------------------------------------------------------------------------------------
    // Ops: poll and enable-signalling hook

    /** Ops that count enableSignaling calls and answer a settable poll. */
    private static final class CountingOps implements FenceOps {
        final AtomicInteger enables = new AtomicInteger();
        final AtomicBoolean enabledUnderLock = new AtomicBoolean(true);
        final AtomicBoolean done = new AtomicBoolean();
        volatile boolean answerEnable = true;

        @Override
        public boolean enableSignaling(Fence fence) {
            enables.incrementAndGet();
            if (!fence.lock().isHeldByCurrentThread()) {
                enabledUnderLock.set(false);
            }
            return answerEnable;
        }

        @Override
        public boolean isSignaled(Fence fence) {
            return done.get();
        }
    }

    @Test
    void theOpsPollSignalsTheFence() {
        CountingOps ops = new CountingOps();
        Fence f = new Fence(Timeline.allocateContexts(1), 7, ops);
        AtomicInteger runs = new AtomicInteger();
        f.addCallback(x -> runs.incrementAndGet());
        assertFalse(f.isSignaled());
        ops.done.set(true);
        assertTrue(f.isSignaled(), "the poll says done");
        assertEquals(1, runs.get(), "polling signalled it, so callbacks ran");
        assertFalse(f.signal(), "already signalled");
    }

    @Test
    void aWaitPollsBeforeBlocking() throws Exception {
        CountingOps ops = new CountingOps();
        Fence f = new Fence(Timeline.allocateContexts(1), 1, ops);
        ops.done.set(true);
        f.await();
        assertTrue(f.isSignaled());
    }

    @Test
    void enableSignalingIsCalledOnceUnderTheLockWhenTheFirstWaiterOrCallbackAppears() throws Exception {
        CountingOps ops = new CountingOps();
        Fence f = new Fence(Timeline.allocateContexts(1), 1, ops);
        assertFalse(f.isSignaled());
        assertEquals(0, ops.enables.get(), "not without a waiter or callback");
        f.addCallback(x -> { });
        assertEquals(1, ops.enables.get());
        f.addCallback(x -> { });
        f.enableSignaling();
        FenceTests.Worker<Void> waiter = run("waiter", f::await);
        awaitBlocked(waiter.thread);
        f.signal();
        waiter.join();
        assertEquals(1, ops.enables.get());
        assertTrue(ops.enabledUnderLock.get());
    }

    @Test
    void enableSignalingIsNotCalledForASignalledFence() throws Exception {
        CountingOps ops = new CountingOps();
        Fence f = new Fence(Timeline.allocateContexts(1), 1, ops);
        f.signal();
        f.await();
        f.enableSignaling();
        assertFalse(f.addCallback(x -> { }));
        assertEquals(0, ops.enables.get());
    }

    @Test
    void enableSignalingAnsweringDoneSignalsAtOnce() throws Exception {
        CountingOps ops = new CountingOps();
        ops.answerEnable = false;
        Fence f = new Fence(Timeline.allocateContexts(1), 1, ops);
        AtomicInteger runs = new AtomicInteger();
        assertFalse(f.addCallback(x -> runs.incrementAndGet()), "the fence turned out to be done: not added");
        assertTrue(f.isSignaled());
        assertEquals(0, runs.get());
        Fence g = new Fence(Timeline.allocateContexts(1), 1, ops);
        g.await();
        assertTrue(g.isSignaled());
    }

    // ------------------------------------------------------------------------------------------------
    // Locks

    @Test
    void fencesBorrowTheTimelineLockOrOwnOne() throws Exception {
        Timeline tl = new Timeline("gfx");
        Fence a = tl.createFence(null);
        Fence b = tl.createFence(null);
        Fence c = tl.createInPlaceFence(null);
        Fence d = tl.createInPlaceFence(null);
        assertSame(tl.lock(), a.lock());
        assertSame(tl.lock(), b.lock());
        assertFalse(a.ownsLock());
        assertTrue(c.ownsLock());
        assertFalse(c.lock() == d.lock() || c.lock() == tl.lock(), "in-place locks are the fence's own");
        AtomicBoolean underTimelineLock = new AtomicBoolean();
        a.addCallback(x -> underTimelineLock.set(tl.lock().isHeldByCurrentThread()));
        a.signal();
        assertTrue(underTimelineLock.get(), "the callback runs under the borrowed lock");
        ReentrantLock driverLock = new ReentrantLock();
        Fence e = new Fence(tl.context(), 99, null, driverLock);
        assertSame(driverLock, e.lock());
        assertThrows(IllegalArgumentException.class, () -> new Fence(1, 1, null, null));
    }

    @Test
    void signalLockedNeedsTheLockAndSignalsABatchUnderIt() {
        Timeline tl = new Timeline("ring");
        Fence f1 = tl.createFence(null);
        Fence f2 = tl.createFence(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, f1::signalLocked);
        assertTrue(e.getMessage().contains("without holding its lock"), e.getMessage());
        try (Scope section = Signalling.begin()) {
            tl.lock().lock();
            try {
                assertTrue(f1.signalLocked());
                assertTrue(f2.signalLocked());
                assertFalse(f2.signalLocked());
            } finally {
                tl.lock().unlock();
            }
        }
        assertTrue(f1.isSignaled() && f2.isSignaled());
    }

    @Test
    void fencesOfOneTimelineAreOrderedBySeqno() {
        Timeline tl = new Timeline("copy");
        Fence first = tl.createFence(null);
        Fence second = tl.createInPlaceFence(null);
        assertTrue(second.isLaterThan(first));
        assertFalse(first.isLaterThan(second));
        assertFalse(first.isLaterThan(first));
        Fence other = new Timeline("other").createFence(null);
        assertThrows(IllegalArgumentException.class, () -> first.isLaterThan(other));
        assertThrows(IllegalArgumentException.class, () -> first.isLaterThan(null));
        assertTrue(first.toString().contains(first.context() + ":" + first.seqno()), first.toString());
    }
}
