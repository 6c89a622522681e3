package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.FindingKind;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every hook family skips inside the agent's own work ({@link Lockdep#enterOwnWork}) through the engine's
 * one per-thread state: monitors, {@code j.u.c} locks, declared points. No hold, edge, finding or
 * {@code onCycle=throw} error comes from inside, and holds cross the section's edges without a trace.
 */
class OwnWorkHooksTest {
    private static final String SECTION = "com.acme.Jobs.publish()V";
    private static final String WAIT = "com.acme.Jobs.awaitAll()V";

    private Lockdep engine;
    private final Object programMonitor = new Object();
    private final ReentrantLock programLock = new ReentrantLock();

    @BeforeEach
    void arm() {
        engine = HookTesting.install(LockdepConfig.builder().reportEdges(true).build(), true, null);
        UserPointHooks.declarePoint(SECTION, "jobs");
        UserPointHooks.declarePoint(WAIT, "jobs");
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    /** What the agent's work might do under the program's locks, through every hook family. */
    private void agentWork() throws InterruptedException {
        Object monitor = new Object();
        MonitorHooks.monitorEnter(monitor);
        MonitorHooks.syncMethodEnter(programMonitor); // re-entered: stays the program's one hold
        MonitorHooks.syncMethodExit(programMonitor);
        synchronized (monitor) {
            MonitorHooks.waitOn(monitor, 1);
        }
        MonitorHooks.monitorExit(monitor);

        ReentrantLock lock = new ReentrantLock();
        AllocationHooks.allocated(lock, "ReentrantLock@com.acme.Agent.work#1", "com.acme.Agent.work(Agent.java:1)");
        LockHooks.lock(lock);
        LockHooks.tryLocked(programLock);
        LockHooks.unlock(programLock);
        LockHooks.unlock(lock);

        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        LockHooks.rrwCreated(rw, rw);
        LockHooks.readLock(rw);
        LockHooks.readUnlock(rw);
        StampedLock stamped = new StampedLock();
        LockHooks.stampedWrite(stamped);
        LockHooks.writeUnlock(stamped);

        boolean cookie = UserPointHooks.sectionEnter(SECTION);
        UserPointHooks.waitPoint(WAIT);
        UserPointHooks.sectionExit(SECTION, cookie);
    }

    @Test
    void nothingInsideIsRecordedNorThrown() throws Exception {
        MonitorHooks.monitorEnter(programMonitor);
        LockHooks.lock(programLock);
        List<String> before = HookTesting.held(engine);
        engine.enterOwnWork();
        try {
            agentWork();
            // The reverse order of the program's locks, inside: would be a cycle (and throw) if recorded.
            LockHooks.lock(programLock);
            MonitorHooks.monitorEnter(programMonitor);
            MonitorHooks.monitorExit(programMonitor);
            LockHooks.unlock(programLock);
        } finally {
            engine.leaveOwnWork();
        }
        assertEquals(before, HookTesting.held(engine));
        LockHooks.unlock(programLock);
        MonitorHooks.monitorExit(programMonitor);
        assertEquals(0, engine.depth());
        assertEquals(1, engine.snapshot().edges().size(), () -> engine.snapshot().toText());
        assertTrue(engine.findings().isEmpty(), () -> engine.findings().toString());
    }

    @Test
    void holdsCrossingTheSectionsEdgesLeaveNoTrace() {
        ReentrantLock classLoading = new ReentrantLock();
        engine.enterOwnWork();
        try {
            LockHooks.lock(classLoading); // taken by the agent's work ...
            UserPointHooks.sectionEnter(SECTION);
            LockHooks.unlock(programLock); // ... which releases one the program took before (not held: silent)
        } finally {
            engine.leaveOwnWork();
        }
        LockHooks.unlock(classLoading); // ... released after it
        UserPointHooks.sectionExit(SECTION, false);
        assertEquals(0, engine.depth());
        assertEquals(0, engine.statistics().detections(FindingKind.UNBALANCED));

        LockHooks.lock(programLock);
        engine.enterOwnWork();
        try {
            LockHooks.unlock(programLock);
        } finally {
            engine.leaveOwnWork();
        }
        assertEquals(0, engine.depth(), "no stale held entry");
        assertEquals(0, engine.statistics().detections(FindingKind.UNBALANCED));
    }
}
