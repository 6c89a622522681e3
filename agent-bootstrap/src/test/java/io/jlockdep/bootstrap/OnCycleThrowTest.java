package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingFilter;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.PotentialDeadlockError;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CyclePolicy} through every family: under {@code onCycle=throw} a finding throws
 * {@link PotentialDeadlockError} in the acquiring thread after undoing what the hook recorded; a finding
 * the engine's filter suppresses never reaches the hooks, so nothing is thrown.
 */
class OnCycleThrowTest {
    private static final class Left {
    }

    private static final class Right {
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    @Test
    void aMonitorInversionThrowsAndTheMonitorIsNotHeld() {
        Lockdep engine = HookTesting.install(true);
        Left l = new Left();
        Right r = new Right();
        nest(l, r);
        MonitorHooks.monitorEnter(r);
        PotentialDeadlockError error = assertThrows(PotentialDeadlockError.class, () -> MonitorHooks.monitorEnter(l));
        assertTrue(error.getMessage().contains(Left.class.getTypeName()), error.getMessage());
        assertEquals(List.of("monitor " + Right.class.getTypeName() + "/EXCLUSIVE/1"), HookTesting.held(engine));
        MonitorHooks.monitorExit(r);
        assertEquals(0, engine.depth());
    }

    @Test
    void aLockInversionThrowsAndTheLockIsNotHeld() {
        Lockdep engine = HookTesting.install(true);
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        AllocationHooks.allocated(a, "ReentrantLock@A.a#1", "A.a(A.java:1)");
        AllocationHooks.allocated(b, "ReentrantLock@B.b#1", "B.b(B.java:1)");
        LockHooks.lock(a);
        LockHooks.lock(b);
        LockHooks.unlock(b);
        LockHooks.unlock(a);
        LockHooks.lock(b);
        assertThrows(PotentialDeadlockError.class, () -> LockHooks.lock(a));
        assertEquals(List.of("ReentrantLock@B.b#1/EXCLUSIVE/1"), HookTesting.held(engine));
        LockHooks.unlock(b);
    }

    @Test
    void aFenceEnterThatThrowsIsUndoneAndAProbeThrows() {
        Lockdep engine = HookTesting.install(true);
        ReentrantLock lock = new ReentrantLock();
        FenceHooks.reclaimEnter();
        LockHooks.lock(lock);
        LockHooks.unlock(lock);
        FenceHooks.reclaimExit();
        LockHooks.lock(lock);
        assertThrows(PotentialDeadlockError.class, FenceHooks::reclaimEnter);
        assertEquals(List.of("ReentrantLock@(unknown site)/EXCLUSIVE/1"), HookTesting.held(engine));
        LockHooks.unlock(lock);
        assertEquals(0, engine.depth());
        FenceHooks.invalidationEnter();
        LockHooks.lock(lock);
        LockHooks.unlock(lock);
        FenceHooks.invalidationExit();
        LockHooks.lock(lock);
        assertThrows(PotentialDeadlockError.class, FenceHooks::mightInvalidate);
        LockHooks.unlock(lock);
        assertEquals(0, engine.depth());
    }

    @Test
    void aSectionThatThrowsIsLeftAndAWaitThrows() {
        Lockdep engine = HookTesting.install(true);
        UserPointHooks.declarePoint("S.s()V", "stage");
        ReentrantLock lock = new ReentrantLock();
        boolean cookie = UserPointHooks.sectionEnter("S.s()V");
        LockHooks.lock(lock);
        LockHooks.unlock(lock);
        UserPointHooks.sectionExit("S.s()V", cookie);
        LockHooks.lock(lock);
        assertThrows(PotentialDeadlockError.class, () -> UserPointHooks.waitPoint("S.s()V"));
        // A section's shared hold against the lock it nests: its own inversion, thrown and undone.
        assertEquals(1, engine.findings().size());
        LockHooks.unlock(lock);
        assertEquals(0, engine.depth());
    }

    @Test
    void aSuppressedFindingNeverThrows() {
        FindingFilter hideLeft = new FindingFilter() {
            @Override
            public boolean suppressed(Finding f) {
                return f.lockClasses().contains(Left.class.getTypeName());
            }
        };
        Lockdep engine = HookTesting.install(LockdepConfig.builder().filter(hideLeft).build(), true, null);
        Left l = new Left();
        Right r = new Right();
        nest(l, r);
        MonitorHooks.monitorEnter(r);
        MonitorHooks.monitorEnter(l);
        assertEquals(2, engine.depth());
        MonitorHooks.monitorExit(l);
        MonitorHooks.monitorExit(r);
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
        assertEquals(1, engine.statistics().suppressed());
    }

    @Test
    void withoutThrowTheInversionIsOnlyRecorded() {
        Lockdep engine = HookTesting.install(false);
        Left l = new Left();
        Right r = new Right();
        nest(l, r);
        MonitorHooks.monitorEnter(r);
        MonitorHooks.monitorEnter(l);
        assertEquals(2, engine.depth());
        MonitorHooks.monitorExit(l);
        MonitorHooks.monitorExit(r);
        assertEquals(1, engine.findings().size());
    }

    private static void nest(Object outer, Object inner) {
        MonitorHooks.monitorEnter(outer);
        MonitorHooks.monitorEnter(inner);
        MonitorHooks.monitorExit(inner);
        MonitorHooks.monitorExit(outer);
    }
}
