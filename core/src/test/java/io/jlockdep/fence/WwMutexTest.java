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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jlockdep.fence.FenceTests.Actor;

/** ww mutexes and acquire contexts: outcomes, wait-die, wound-wait, misuse, interrupts, injected back-offs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WwMutexTest {

    private static WwMutex[] mutexes(WwClass cls, int n) {
        WwMutex[] ms = new WwMutex[n];
        for (int i = 0; i < n; i++) {
            ms[i] = new WwMutex(cls, "m" + i);
        }
        return ms;
    }

    // ------------------------------------------------------------------------------------------------
    // Basics

    @Test
    void contextsGetIncreasingStamps() {
        WwClass cls = WwClass.waitDie("stamps");
        try (WwAcquireContext a = new WwAcquireContext(cls);
             WwAcquireContext b = new WwAcquireContext(cls)) {
            assertEquals(1, a.stamp());
            assertEquals(2, b.stamp());
            assertSame(cls, a.wwClass());
            assertSame(Thread.currentThread(), a.owner());
        }
        assertTrue(cls.isWaitDie());
        assertFalse(WwClass.woundWait("w").isWaitDie());
        assertThrows(IllegalArgumentException.class, () -> WwClass.waitDie(""));
        assertThrows(IllegalArgumentException.class, () -> new WwAcquireContext(null));
        assertThrows(IllegalArgumentException.class, () -> new WwMutex(null));
    }

    @Test
    void lockingUnderAContextAndAlreadyLockedIsReported() throws Exception {
        WwClass cls = WwClass.woundWait("basic");
        WwMutex[] m = mutexes(cls, 3);
        try (WwAcquireContext ctx = new WwAcquireContext(cls)) {
            assertTrue(m[0].lock(ctx));
            assertTrue(m[1].lockInterruptibly(ctx));
            assertFalse(m[0].lock(ctx), "already locked by this context: reported, not deadlocked on");
            assertFalse(m[1].lockInterruptibly(ctx));
            assertEquals(2, ctx.acquiredCount());
            assertEquals(List.of(m[0], m[1]), ctx.heldMutexes());
            assertTrue(m[0].isLockedBy(ctx) && m[0].isHeldByCurrentThread() && m[0].isLocked());
            assertFalse(m[2].isLocked());
            ctx.done();
            ctx.done();
            assertTrue(ctx.isDone());
            ctx.unlockAll();
            assertEquals(0, ctx.acquiredCount());
            assertFalse(m[0].isLocked() || m[1].isLocked());
        }
    }

    @Test
    void withoutAContextItIsAPlainMutex() throws Exception {
        WwClass cls = WwClass.waitDie("plain");
        WwMutex m = new WwMutex(cls, "plain");
        m.lock();
        assertTrue(m.isHeldByCurrentThread());
        IllegalStateException e = assertThrows(IllegalStateException.class, m::lock);
        assertTrue(e.getMessage().contains("would never return"), e.getMessage());
        assertFalse(m.tryLock());
        try (Actor other = new Actor("other")) {
            Future<Void> waiting = other.submitRun(() -> {
                m.lock();
                m.unlock();
            });
            awaitBlocked(other.thread());
            assertFalse(waiting.isDone());
            m.unlock();
            get(waiting);
            assertTrue(other.<Boolean>call(() -> m.tryLock()));
            assertFalse(m.tryLock());
            Throwable t = assertThrows(IllegalStateException.class, m::unlock);
            assertTrue(t.getMessage().contains("it is locked by thread \"other\""), t.getMessage());
            other.run(m::unlock);
        }
        assertThrows(IllegalStateException.class, m::unlock, "not locked");
        assertTrue(m.tryLock(null));
        m.unlock();
    }

    @Test
    void aMutexHeldWithoutTheContextCannotBeLockedUnderIt() {
        WwClass cls = WwClass.waitDie("mixed");
        WwMutex m = new WwMutex(cls);
        m.lock();
        try (WwAcquireContext ctx = new WwAcquireContext(cls)) {
            assertThrows(IllegalStateException.class, () -> m.lock(ctx));
            assertFalse(m.tryLock(ctx));
        } finally {
            m.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Context misuse

    @Test
    void closingWithLocksHeldIsAnErrorThatUnlocksThem() throws Exception {
        WwClass cls = WwClass.waitDie("close");
        WwMutex[] m = mutexes(cls, 2);
        WwAcquireContext ctx = new WwAcquireContext(cls);
        m[0].lock(ctx);
        m[1].lock(ctx);
        IllegalStateException e = assertThrows(IllegalStateException.class, ctx::close);
        assertTrue(e.getMessage().contains("closed while holding 2"), e.getMessage());
        assertTrue(ctx.isClosed());
        assertFalse(m[0].isLocked() || m[1].isLocked(), "nothing stays locked");
        IllegalStateException twice = assertThrows(IllegalStateException.class, ctx::close);
        assertTrue(twice.getMessage().contains("closed already"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> m[0].lock(ctx), "lock after close");
        assertThrows(IllegalStateException.class, ctx::done, "done after close");
    }

    @Test
    void lockingAfterDoneIsAnError() throws Exception {
        WwClass cls = WwClass.woundWait("done");
        WwMutex[] m = mutexes(cls, 2);
        try (WwAcquireContext ctx = new WwAcquireContext(cls)) {
            m[0].lock(ctx);
            ctx.done();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m[1].lock(ctx));
            assertTrue(e.getMessage().contains("is done"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> m[1].tryLock(ctx));
            assertThrows(IllegalStateException.class, () -> m[1].lockInterruptibly(ctx));
            ctx.unlockAll();
        }
    }

    @Test
    void aContextBelongsToItsThread() throws Exception {
        WwClass cls = WwClass.waitDie("owner");
        WwMutex m = new WwMutex(cls);
        try (WwAcquireContext ctx = new WwAcquireContext(cls); Actor other = new Actor("intruder")) {
            for (FenceTests.ThrowingRunnable misuse : List.<FenceTests.ThrowingRunnable>of(
                    () -> m.lock(ctx), () -> m.tryLock(ctx), ctx::done, ctx::unlockAll, ctx::close)) {
                Throwable t = failure(other.submitRun(misuse));
                assertInstanceOf(IllegalStateException.class, t);
                assertTrue(t.getMessage().contains("it belongs to thread"), t.getMessage());
            }
        }
    }

    @Test
    void mixingClassesIsRejected() {
        WwMutex m = new WwMutex(WwClass.waitDie("one"));
        try (WwAcquireContext ctx = new WwAcquireContext(WwClass.waitDie("two"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.lock(ctx));
            assertTrue(e.getMessage().contains("of one") && e.getMessage().contains("of two"), e.getMessage());
        }
    }

    @Test
    void lockSlowIsOnlyForTheContendedMutexWithNothingHeld() throws Exception {
        WwClass cls = WwClass.waitDie("slow-rules");
        WwMutex[] m = mutexes(cls, 3);
        assertThrows(IllegalArgumentException.class, () -> m[0].lockSlow(null));
        // A seed whose first eligible lock injects a back-off gives a back-off on one thread.
        WwAcquireContext ctx = null;
        for (long seed = 0; ctx == null; seed++) {
            WwAcquireContext c = new WwAcquireContext(cls, seed);
            assertTrue(m[0].lock(c), "the first lock never backs off");
            try {
                m[1].lock(c);
                c.unlockAll();
                c.close();
            } catch (WouldDeadlockException e) {
                assertEquals(WouldDeadlockException.Reason.INJECTED, e.reason());
                assertSame(m[1], e.contended());
                ctx = c;
            }
        }
        WwAcquireContext c = ctx;
        assertSame(m[1], c.contended());
        assertFalse(m[1].isLocked(), "an injected back-off does not keep the mutex");
        assertEquals(1, c.injectedBackoffs());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m[2].lock(c));
        assertTrue(e.getMessage().contains("backed off on"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m[1].lockSlow(c), "still holds m0");
        assertThrows(IllegalStateException.class, () -> m[1].lock(c), "still holds m0");
        assertThrows(IllegalStateException.class, c::done, "back-off pending");
        c.unlockAll();
        assertThrows(IllegalStateException.class, () -> m[2].lockSlow(c), "not the contended one");
        m[1].lockSlow(c);
        assertNull(c.contended());
        assertThrows(IllegalStateException.class, () -> m[1].lockSlow(c), "no back-off pending");
        assertTrue(m[0].lock(c));
        c.unlockAll();
        c.close();
    }

    // ------------------------------------------------------------------------------------------------
    // Wait-die

    @Test
    void waitDieYoungerHolderDiesAndTakesTheContendedMutexOnTheSlowPath() throws Exception {
        WwClass cls = WwClass.waitDie("wait-die");
        WwMutex[] m = mutexes(cls, 2);
        try (Actor old = new Actor("old"); Actor young = new Actor("young")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(cls));
            assertTrue(oc.stamp() < yc.stamp());
            assertTrue(old.call(() -> m[0].lock(oc)));
            assertTrue(young.call(() -> m[1].lock(yc)));

            WouldDeadlockException died = young.call(() -> assertThrows(WouldDeadlockException.class,
                    () -> m[0].lock(yc)));
            assertEquals(WouldDeadlockException.Reason.DIE, died.reason());
            assertSame(m[0], died.contended());
            assertSame(m[0], yc.contended());
            assertTrue(died.getMessage().contains("must back off"), died.getMessage());
            assertTrue(m[0].isLockedBy(oc), "dying does not disturb the holder");

            young.run(yc::unlockAll);
            Future<Void> slow = young.submitRun(() -> m[0].lockSlow(yc));
            awaitBlocked(young.thread());
            assertFalse(slow.isDone());
            old.run(() -> {
                oc.unlockAll();
                oc.close();
            });
            get(slow);
            young.run(() -> {
                assertNull(yc.contended());
                assertTrue(m[1].lock(yc));
                assertFalse(m[0].lock(yc));
                yc.unlockAll();
                yc.close();
            });
        }
    }

    @Test
    void waitDieOlderContextWaitsForTheYoungerHolder() throws Exception {
        WwClass cls = WwClass.waitDie("older-waits");
        WwMutex[] m = mutexes(cls, 2);
        try (Actor old = new Actor("old"); Actor young = new Actor("young")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(cls));
            old.run(() -> m[0].lock(oc));
            young.run(() -> m[1].lock(yc));
            Future<Boolean> olderWaits = old.submit(() -> m[1].lock(oc));
            awaitBlocked(old.thread());
            assertFalse(olderWaits.isDone());
            young.run(() -> {
                yc.unlockAll();
                yc.close();
            });
            assertTrue(get(olderWaits));
            old.run(() -> {
                oc.unlockAll();
                oc.close();
            });
        }
    }

    @Test
    void theFirstLockOfAContextNeverBacksOff() throws Exception {
        for (WwClass cls : List.of(WwClass.waitDie("first-wd"), WwClass.woundWait("first-ww"))) {
            WwMutex m = new WwMutex(cls);
            try (Actor old = new Actor("old"); Actor youngest = new Actor("youngest")) {
                WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
                WwAcquireContext nc = youngest.call(() -> new WwAcquireContext(cls));
                old.run(() -> m.lock(oc));
                Future<Boolean> waits = youngest.submit(() -> m.lock(nc));
                awaitBlocked(youngest.thread());
                assertFalse(waits.isDone(), cls + ": a context holding nothing waits");
                old.run(() -> {
                    oc.unlockAll();
                    oc.close();
                });
                assertTrue(get(waits));
                youngest.run(() -> {
                    nc.unlockAll();
                    nc.close();
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Wound-wait

    @Test
    void woundWaitOlderWoundsYoungerWhichBacksOffAtItsNextContendedLock() throws Exception {
        WwClass cls = WwClass.woundWait("wound-wait");
        WwMutex[] m = mutexes(cls, 4);
        try (Actor old = new Actor("old"); Actor young = new Actor("young")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(cls));
            young.run(() -> {
                m[0].lock(yc);
                m[1].lock(yc);
            });
            old.run(() -> m[2].lock(oc));

            Future<Boolean> olderWaits = old.submit(() -> m[0].lock(oc));
            awaitBlocked(old.thread());
            assertTrue(yc.isWounded(), "the older context wounded the younger holder");
            assertFalse(olderWaits.isDone());

            // Lazy: an uncontended lock still succeeds while wounded.
            assertTrue(young.call(() -> m[3].lock(yc)));
            // The next contended lock backs off.
            WouldDeadlockException wounded = young.call(() -> assertThrows(WouldDeadlockException.class,
                    () -> m[2].lock(yc)));
            assertEquals(WouldDeadlockException.Reason.WOUNDED, wounded.reason());
            assertSame(m[2], wounded.contended());

            young.run(yc::unlockAll);
            assertTrue(get(olderWaits));
            Future<Void> slow = young.submitRun(() -> m[2].lockSlow(yc));
            awaitBlocked(young.thread());
            assertFalse(yc.isWounded(), "a context that holds nothing is no longer wounded");
            old.run(() -> {
                oc.unlockAll();
                oc.close();
            });
            get(slow);
            young.run(() -> {
                assertTrue(m[0].lock(yc));
                assertTrue(m[1].lock(yc));
                yc.unlockAll();
                yc.close();
            });
        }
    }

    @Test
    void aWoundWakesAVictimBlockedElsewhere() throws Exception {
        WwClass cls = WwClass.woundWait("wake");
        WwMutex[] m = mutexes(cls, 3);
        try (Actor old = new Actor("old"); Actor young = new Actor("young"); Actor plain = new Actor("plain")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(cls));
            plain.run(m[2]::lock); // held without a context: everybody just waits for it
            young.run(() -> m[0].lock(yc));
            Future<Boolean> blocked = young.submit(() -> m[2].lock(yc));
            awaitBlocked(young.thread());
            old.run(() -> m[1].lock(oc));
            Future<Boolean> olderWaits = old.submit(() -> m[0].lock(oc));
            Throwable t = failure(blocked);
            assertInstanceOf(WouldDeadlockException.class, t, "the wound woke it up and it backed off");
            assertEquals(WouldDeadlockException.Reason.WOUNDED, ((WouldDeadlockException) t).reason());
            young.run(yc::unlockAll);
            assertTrue(get(olderWaits));
            old.run(() -> {
                oc.unlockAll();
                oc.close();
            });
            plain.run(m[2]::unlock);
            young.run(() -> {
                m[2].lockSlow(yc);
                m[0].lock(yc);
                yc.unlockAll();
                yc.close();
            });
        }
    }

    @Test
    void woundWaitYoungerWaitsForOlderWithoutWounding() throws Exception {
        WwClass cls = WwClass.woundWait("younger-waits");
        WwMutex[] m = mutexes(cls, 2);
        try (Actor old = new Actor("old"); Actor young = new Actor("young")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(cls));
            old.run(() -> m[0].lock(oc));
            young.run(() -> m[1].lock(yc));
            Future<Boolean> youngerWaits = young.submit(() -> m[0].lock(yc));
            awaitBlocked(young.thread());
            assertFalse(oc.isWounded());
            assertFalse(youngerWaits.isDone());
            old.run(() -> {
                oc.unlockAll();
                oc.close();
            });
            assertTrue(get(youngerWaits));
            young.run(() -> {
                yc.unlockAll();
                yc.close();
            });
        }
    }

    // ------------------------------------------------------------------------------------------------
    // trylock

    @Test
    void tryLockNeverWaitsAndCountsForTheContext() throws Exception {
        WwClass cls = WwClass.waitDie("try");
        WwMutex[] m = mutexes(cls, 2);
        try (Actor other = new Actor("other"); WwAcquireContext ctx = new WwAcquireContext(cls)) {
            assertTrue(m[0].tryLock(ctx));
            assertFalse(m[0].tryLock(ctx), "held by this context already");
            assertTrue(m[0].isLockedBy(ctx));
            assertEquals(1, ctx.acquiredCount());
            other.run(m[1]::lock);
            assertFalse(m[1].tryLock(ctx), "held by someone else");
            other.run(m[1]::unlock);
            assertTrue(m[1].tryLock(ctx));
            assertEquals(2, ctx.acquiredCount());
            ctx.unlockAll();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Interrupts

    @Test
    void interruptibleLocksGiveUpWhenInterrupted() throws Exception {
        WwClass cls = WwClass.waitDie("interrupt");
        WwMutex[] m = mutexes(cls, 2);
        try (Actor holder = new Actor("holder"); Actor waiter = new Actor("waiter")) {
            holder.run(m[0]::lock);
            WwAcquireContext ctx = waiter.call(() -> new WwAcquireContext(cls));
            waiter.run(() -> m[1].lock(ctx));

            Future<Boolean> underContext = waiter.submit(() -> m[0].lockInterruptibly(ctx));
            awaitBlocked(waiter.thread());
            waiter.thread().interrupt();
            assertInstanceOf(InterruptedException.class, failure(underContext));
            assertEquals(1, ctx.acquiredCount(), "the context keeps what it had");
            assertFalse(m[0].isLockedBy(ctx));

            Future<Void> plain = waiter.submitRun(m[0]::lockInterruptibly);
            awaitBlocked(waiter.thread());
            waiter.thread().interrupt();
            assertInstanceOf(InterruptedException.class, failure(plain));

            // Interrupted on entry: fails even though the mutex is free.
            Throwable onEntry = failure(waiter.submitRun(() -> {
                Thread.currentThread().interrupt();
                m[1].unlock();
                m[1].lockInterruptibly(ctx);
            }));
            assertInstanceOf(InterruptedException.class, onEntry);
            assertFalse(m[1].isLocked());
            waiter.run(() -> {
                ctx.unlockAll();
                ctx.close();
            });
            holder.run(m[0]::unlock);
        }
    }

    @Test
    void slowPathIsInterruptible() throws Exception {
        WwClass cls = WwClass.waitDie("slow-interrupt");
        WwMutex[] m = mutexes(cls, 2);
        try (Actor old = new Actor("old"); Actor young = new Actor("young")) {
            WwAcquireContext oc = old.call(() -> new WwAcquireContext(cls));
            WwAcquireContext yc = young.call(() -> new WwAcquireContext(cls));
            old.run(() -> m[0].lock(oc));
            young.run(() -> {
                m[1].lock(yc);
                assertThrows(WouldDeadlockException.class, () -> m[0].lock(yc));
                yc.unlockAll();
            });
            Future<Void> slow = young.submitRun(() -> m[0].lockSlowInterruptibly(yc));
            awaitBlocked(young.thread());
            young.thread().interrupt();
            assertInstanceOf(InterruptedException.class, failure(slow));
            assertSame(m[0], yc.contended(), "the back-off is still pending");
            young.run(yc::close);
            old.run(() -> {
                oc.unlockAll();
                oc.close();
            });
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Injected back-offs

    /**
     * One transaction locking {@code m} in order under a context with {@code seed}, backing off as the
     * protocol says; returns the log of (attempt index -> back-off on mutex) events.
     */
    private static List<String> transaction(WwClass cls, WwMutex[] m, long seed) {
        List<String> log = new ArrayList<>();
        try (WwAcquireContext ctx = new WwAcquireContext(cls, seed)) {
            assertTrue(ctx.injectsBackoffs());
            WwMutex contended = null;
            int attempt = 0;
            for (;;) {
                attempt++;
                try {
                    if (contended != null) {
                        contended.lockSlow(ctx);
                    }
                    for (WwMutex x : m) {
                        x.lock(ctx);
                    }
                    break;
                } catch (WouldDeadlockException e) {
                    assertEquals(WouldDeadlockException.Reason.INJECTED, e.reason());
                    log.add(attempt + ":" + e.contended().name());
                    ctx.unlockAll();
                    contended = e.contended();
                }
            }
            assertEquals(m.length, ctx.acquiredCount());
            assertEquals(log.size(), ctx.injectedBackoffs());
            ctx.unlockAll();
        }
        return log;
    }

    @Test
    void injectedBackoffsAreReproducibleBySeed() {
        WwClass cls = WwClass.waitDie("inject");
        WwMutex[] m = mutexes(cls, 24);
        Set<List<String>> distinct = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            List<String> once = transaction(cls, m, seed);
            List<String> again = transaction(cls, m, seed);
            assertEquals(once, again, "seed " + seed);
            assertFalse(once.isEmpty(), "back-offs were injected for seed " + seed);
            distinct.add(once);
        }
        assertTrue(distinct.size() > 1, "different seeds inject at different points");
        try (WwAcquireContext plain = new WwAcquireContext(cls)) {
            assertFalse(plain.injectsBackoffs());
        }
    }

    @Test
    void noBackoffIsEverInjectedOnTheFirstLock() throws Exception {
        WwClass cls = WwClass.woundWait("inject-first");
        WwMutex m = new WwMutex(cls);
        for (long seed = 0; seed < 200; seed++) {
            try (WwAcquireContext ctx = new WwAcquireContext(cls, seed)) {
                assertTrue(m.lock(ctx));
                ctx.unlockAll();
            }
        }
    }
}
