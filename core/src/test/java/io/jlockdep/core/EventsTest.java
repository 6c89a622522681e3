package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.onThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Waits and events: an event class is a pseudo lock; a wait is an edge from every held lock to it, the code
 * producing it (a context, or the locks held at an instantaneous event) an edge from it to every lock taken.
 */
class EventsTest {
    private final Lockdep ld = new Lockdep();
    private final LockClass bank = ld.lockClass("ReentrantLock com.acme.Bank.lock");
    private final LockClass audit = ld.lockClass("ReentrantLock com.acme.Audit.lock");
    private final LockClass task = ld.eventClass("completion of task com.acme.Bank.lambda$report$0");
    private final LockClass latch = ld.eventClass("countDown of CountDownLatch com.acme.Bank.ready");
    private final Object lockA = new Object();
    private final Object lockB = new Object();

    private Finding waitUnder(String thread, Object lock, LockClass cls, LockClass event, boolean timed)
            throws Exception {
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread(thread, () -> {
            ld.acquire(lock, cls, Mode.EXCLUSIVE);
            out.set(ld.waitFor(event, timed));
            ld.release(lock);
        });
        return out.get();
    }

    private Finding signalUnder(String thread, Object lock, LockClass cls, LockClass event) throws Exception {
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread(thread, () -> {
            ld.acquire(lock, cls, Mode.EXCLUSIVE);
            out.set(ld.signal(event));
            ld.release(lock);
        });
        return out.get();
    }

    private Finding taskTakes(String thread, LockClass event, Object lock, LockClass cls) throws Exception {
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread(thread, () -> {
            ld.enterEvent(event);
            out.set(ld.acquire(lock, cls, Mode.EXCLUSIVE));
            ld.release(lock);
            ld.leaveEvent(event);
        });
        return out.get();
    }

    @Test
    void eventClassesArePseudoClassesNamedEvent() {
        assertEquals("event completion of task com.acme.Bank.lambda$report$0", task.name());
        assertTrue(task.isEvent());
        assertFalse(task.isReentrant());
        assertFalse(bank.isEvent());
        assertTrue(LockClass.isEventName("event notify of monitor com.acme.Inner"));
        assertFalse(LockClass.isEventName("eventually a lock"));
    }

    @Test
    void aWaitUnderALockTheTaskTakesIsACycleWhicheverHalfRunsFirst() throws Exception {
        assertNull(taskTakes("pool-1", task, lockA, bank));
        assertTrue(task.hasDependencies(), "the task's body took a lock");
        Finding f = waitUnder("main", lockB, bank, task, false);
        assertNotNull(f);
        assertEquals(FindingKind.CIRCULAR, f.kind());
        assertEquals(2, f.length());
        assertEquals(bank.name(), f.edges().get(0).from());
        assertEquals(task.name(), f.edges().get(0).to());
        assertEquals("EN", f.edges().get(0).type().name());
        assertEquals("SN", f.edges().get(1).type().name());
        assertNull(f.note());

        // The other order: the same cycle, the same id, found by the task's body this time.
        Lockdep other = new Lockdep();
        LockClass b = other.lockClass(bank.name());
        LockClass t = other.eventClass("completion of task com.acme.Bank.lambda$report$0");
        AtomicReference<Finding> found = new AtomicReference<>();
        onThread("main", () -> {
            other.acquire(lockB, b, Mode.EXCLUSIVE);
            assertNull(other.waitFor(t, false));
            other.release(lockB);
        });
        onThread("pool-1", () -> {
            other.enterEvent(t);
            found.set(other.acquire(lockA, b, Mode.EXCLUSIVE));
            other.release(lockA);
            other.leaveEvent(t);
        });
        assertNotNull(found.get());
        assertEquals(f.cycleId(), found.get().cycleId());
    }

    @Test
    void anInstantaneousEventUnderALockTheWaiterHoldsIsACycle() throws Exception {
        assertNull(signalUnder("counter", lockA, bank, latch));
        Finding f = waitUnder("waiter", lockB, bank, latch, false);
        assertNotNull(f);
        assertEquals(bank.name() + " -> " + latch.name() + " -> " + bank.name(), f.lockClasses());
        // The signal has no instance: the report must not blame collected instances or a merge.
        assertEquals(Evidence.SIGNALLED, f.evidence());
        assertTrue(ReportRenderer.render(f).contains("evidence: class-only (through an event signalled"),
                () -> ReportRenderer.render(f));
    }

    @Test
    void cleanUsesStaySilent() throws Exception {
        // countDown outside any lock; a wait holding nothing; a task that takes another lock than the waiter's.
        onThread("counter", () -> assertNull(ld.signal(latch)));
        onThread("waiter", () -> assertNull(ld.waitFor(latch, false)));
        assertNull(taskTakes("pool-1", task, lockA, audit));
        assertNull(waitUnder("main", lockB, bank, task, false));
        // The waiter holds the event's lock, but the producer holds only another one.
        assertNull(signalUnder("counter", lockA, audit, latch));
        assertNull(waitUnder("waiter", lockB, bank, latch, false));
        assertTrue(ld.findings().isEmpty(), ld.findings()::toString);
    }

    @Test
    void awaitOnTheLocksOwnConditionIsNoCycle() throws Exception {
        LockClass signalled = ld.eventClass("signal of Condition com.acme.Bank.changed");
        onThread("signaller", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            assertNull(ld.signal(signalled));
            ld.release(lockA);
        });
        onThread("waiter", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            int saved = ld.waitRelease(lockA);
            assertNull(ld.waitFor(signalled, false));
            assertNull(ld.waitReacquire(lockA, bank, saved));
            ld.release(lockA);
        });
        assertTrue(ld.findings().isEmpty(), ld.findings()::toString);
    }

    @Test
    void aNestedMonitorLockoutIsACycleThroughTheOuterLock() throws Exception {
        LockClass outer = ld.lockClass("monitor com.acme.Outer");
        LockClass inner = ld.lockClass("monitor com.acme.Inner");
        LockClass notified = ld.eventClass("notify of monitor com.acme.Inner");
        onThread("notifier", () -> {
            ld.acquire(lockA, outer, Mode.EXCLUSIVE);
            ld.acquire(lockB, inner, Mode.EXCLUSIVE);
            assertNull(ld.signal(notified));
            ld.release(lockB);
            ld.release(lockA);
        });
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("waiter", () -> {
            ld.acquire(lockA, outer, Mode.EXCLUSIVE);
            ld.acquire(lockB, inner, Mode.EXCLUSIVE);
            int saved = ld.waitRelease(lockB); // inner.wait() releases inner, keeps outer
            f.set(ld.waitFor(notified, false));
            ld.waitReacquire(lockB, inner, saved);
            ld.release(lockB);
            ld.release(lockA);
        });
        assertNotNull(f.get());
        assertEquals(outer.name() + " -> " + notified.name() + " -> " + outer.name(), f.get().lockClasses());
        assertEquals(1, ld.findings().size(), ld.findings()::toString);
    }

    @Test
    void aCycleThroughAnEventIsNeverGatedByALockHeldOnEveryEdge() throws Exception {
        // Both halves hold the gate: for locks that serializes them; a waiter holding it is what deadlocks.
        LockClass gate = ld.lockClass("monitor com.acme.Gate");
        Object g = new Object();
        onThread("counter", () -> {
            ld.acquire(g, gate, Mode.EXCLUSIVE);
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.signal(latch);
            ld.release(lockA);
            ld.release(g);
        });
        onThread("waiter", () -> {
            ld.acquire(g, gate, Mode.EXCLUSIVE);
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.waitFor(latch, false);
            ld.release(lockA);
            ld.release(g);
        });
        assertFalse(ld.findings().isEmpty());
        for (Finding f : ld.findings()) {
            assertNull(f.gatedBy(), f::toString);
        }
    }

    @Test
    void aWaitInsideTheEventsOwnContextIsNoSelfDeadlock() throws Exception {
        onThread("pool-1", () -> {
            ld.enterEvent(task);
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.release(lockA);
            assertNull(ld.waitFor(task, false)); // a task waiting for a sibling task of its type
            ld.enterEvent(task); // run inline
            ld.leaveEvent(task);
            ld.leaveEvent(task);
            assertEquals(0, ld.depth());
        });
        assertTrue(ld.findings().isEmpty(), ld.findings()::toString);
    }

    @Test
    void tasksWaitingForEachOtherAreACycle() throws Exception {
        LockClass other = ld.eventClass("completion of task com.acme.Bank.lambda$audit$1");
        onThread("pool-1", () -> {
            ld.enterEvent(task);
            assertNull(ld.waitFor(other, false));
            ld.leaveEvent(task);
        });
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("pool-2", () -> {
            ld.enterEvent(other);
            f.set(ld.waitFor(task, false));
            ld.leaveEvent(other);
        });
        assertNotNull(f.get());
        assertEquals(2, f.get().length());
    }

    @Test
    void aTimedWaitIsCheckedAndSaysItStalls() throws Exception {
        assertNull(signalUnder("counter", lockA, bank, latch));
        Finding f = waitUnder("waiter", lockB, bank, latch, true);
        assertNotNull(f);
        assertTrue(f.note().contains("stall"), f::note);
        assertTrue(f.render().contains("timeout"), f::render);
    }

    @Test
    void aBarrierPartyHoldingItsOwnLockIsNoCycleUntilAnotherPartyArrivesHoldingThatClass() throws Exception {
        LockClass barrier = ld.eventClass("arrival at CyclicBarrier com.acme.Sim.step");
        onThread("party-1", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            assertNull(ld.arriveAndWait(barrier, false));
            assertNull(ld.arriveAndWait(barrier, false)); // the next round: still only this party
            ld.release(lockA);
        });
        onThread("party-2", () -> assertNull(ld.arriveAndWait(barrier, false)));
        assertTrue(ld.findings().isEmpty(), ld.findings()::toString);
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("party-3", () -> {
            ld.acquire(lockB, bank, Mode.EXCLUSIVE);
            f.set(ld.arriveAndWait(barrier, false));
            ld.release(lockB);
        });
        assertNotNull(f.get());
        assertEquals(bank.name() + " -> " + barrier.name() + " -> " + bank.name(),
                rotateToStartAt(bank.name(), f.get()));
    }

    @Test
    void aSignalWithTheSameHeldChainIsValidatedOnce() throws Exception {
        onThread("counter", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.signal(latch);
            long misses = ld.statistics().chainMisses();
            for (int i = 0; i < 100; i++) {
                ld.signal(latch);
            }
            assertEquals(misses, ld.statistics().chainMisses());
            ld.release(lockA);
        });
    }

    @Test
    void theReportIsWordedForAWait() throws Exception {
        taskTakes("pool-1", task, lockA, bank);
        String text = waitUnder("main", lockB, bank, task, false).render();
        assertTrue(text.contains("thread \"main\" is about to wait for:\n  " + task.name() + "\nwhile it holds lock:\n  "
                + bank.name() + "\nwhich is produced by code that takes this lock."), text);
        assertTrue(text.contains("first seen in thread \"pool-1\", taken by code that produces " + task.name()), text);
        assertTrue(text.contains("produce(" + bank.name() + ")") == false, text);
        assertTrue(text.contains("  lock(" + bank.name() + ");\n"), text);
        assertTrue(text.contains("produce(" + task.name() + "):"), text);
        assertTrue(text.contains("  wait(" + task.name() + ");"), text);

        Lockdep other = new Lockdep();
        LockClass b = other.lockClass(bank.name());
        LockClass l = other.eventClass("countDown of CountDownLatch com.acme.Bank.ready");
        onThread("waiter", () -> {
            other.acquire(lockB, b, Mode.EXCLUSIVE);
            other.waitFor(l, false);
            other.release(lockB);
        });
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("counter", () -> {
            other.acquire(lockA, b, Mode.EXCLUSIVE);
            f.set(other.signal(l));
            other.release(lockA);
        });
        String produced = f.get().render();
        // the lock was held when the latch was counted down: "holds", not "takes"
        assertTrue(produced.contains("thread \"counter\" holds lock:\n  " + b.name() + "\nwhile it produces:\n  "
                + l.name() + "\nfor which a thread waits while holding this lock."), produced);
        assertTrue(produced.contains("waited for while holding " + b.name()), produced);
    }

    @Test
    void theGraphDumpDrawsEventsDashed() throws Exception {
        taskTakes("pool-1", task, lockA, bank);
        String dot = ld.snapshot().toDot();
        assertTrue(dot.contains("  \"" + task.name() + "\" [style=dashed];\n"), dot);
        assertTrue(dot.contains("  \"" + bank.name() + "\";\n"), dot);
        assertTrue(ld.snapshot().toText().contains(task.name() + " -> " + bank.name() + " [SN]"),
                ld.snapshot().toText());
    }

    /** The finding's class cycle written from {@code start}. */
    private static String rotateToStartAt(String start, Finding f) {
        String[] names = f.lockClasses().split(" -> ");
        int n = names.length - 1;
        int at = 0;
        while (!names[at].equals(start)) {
            at++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            if (i > 0) {
                sb.append(" -> ");
            }
            sb.append(names[(at + i) % n]);
        }
        return sb.toString();
    }

    @Test
    void aSignalInsideTheHoldThatWaitedForItIsTheWaitersOwn() throws Exception {
        LockClass permits = ld.eventClass("release of Semaphore com.acme.Bank.permits");
        // a semaphore used as a mutex under the bank lock: acquire (wait) and release (event) in one hold
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread("teller-1", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            assertNull(ld.waitFor(permits, false));
            out.set(ld.signal(permits));
            ld.release(lockA);
        });
        assertNull(out.get());
        onThread("teller-2", () -> {
            ld.acquire(lockB, bank, Mode.EXCLUSIVE);
            assertNull(ld.waitFor(permits, false));
            out.set(ld.signal(permits));
            ld.release(lockB);
        });
        assertNull(out.get(), "each thread's signal belongs to its own hold");
        assertTrue(ld.findings().isEmpty());
    }

    @Test
    void theWaitersOwnSignalRepeatedInOneHoldIsCheckedOnce() throws Exception {
        LockClass permits = ld.eventClass("release of Semaphore com.acme.Bank.permits");
        long[] misses = new long[2];
        onThread("teller", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.waitFor(permits, false);
            ld.signal(permits);
            misses[0] = ld.statistics().chainMisses();
            for (int i = 0; i < 100; i++) { // acquire and release again: the same signal in the same hold
                ld.waitFor(permits, false);
                assertNull(ld.signal(permits));
            }
            misses[1] = ld.statistics().chainMisses();
            ld.release(lockA);
        });
        assertEquals(misses[0], misses[1], "the repeated own signal took the slow path again");
        // A new hold of the same chain forgets it: a signal there that waited for nothing still counts.
        assertNotNull(signalUnder("teller", lockB, bank, permits));
    }

    @Test
    void aSignalUnderAnotherHoldOfTheSameChainStillCounts() throws Exception {
        LockClass permits = ld.eventClass("release of Semaphore com.acme.Bank.permits");
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread("teller-1", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.waitFor(permits, false);
            ld.signal(permits); // its own: skipped, and the chain is not cached for it
            ld.release(lockA);
        });
        // the same chain in a hold that never waited: the release needs the bank lock a waiter holds
        assertNotNull(signalUnder("teller-2", lockB, bank, permits));
        assertEquals(1, ld.findings().size());
    }

    @Test
    void aNewHoldForgetsTheWaitOfTheLastOne() throws Exception {
        LockClass permits = ld.eventClass("release of Semaphore com.acme.Bank.permits");
        AtomicReference<Finding> out = new AtomicReference<>();
        onThread("teller", () -> {
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            ld.waitFor(permits, false);
            ld.release(lockA);
            ld.acquire(lockA, bank, Mode.EXCLUSIVE);
            out.set(ld.signal(permits));
            ld.release(lockA);
        });
        assertNotNull(out.get(), "a release in a later hold needs the lock the earlier wait held");
    }

    @Test
    void aTaskBodyClosingTheCycleTakesItsLockOnItsWayToProduce() throws Exception {
        assertNull(waitUnder("main", lockB, bank, task, false));
        Finding f = taskTakes("pool-1", task, lockA, bank);
        assertNotNull(f);
        String text = f.render();
        assertTrue(text.contains("thread \"pool-1\" takes lock:\n  " + bank.name() + "\non its way to produce:\n  "
                + task.name() + "\n"), text);
        // the task's body is no lock: the held list does not count it, and says which code is running
        assertTrue(text.contains("no locks held by thread \"pool-1\".\n"
                + "running code that produces: " + task.name() + "\n"), text);
    }
}
