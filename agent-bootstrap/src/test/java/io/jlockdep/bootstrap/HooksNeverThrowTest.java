package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Lockdep;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every hook returns normally before the agent installs an engine, and with null or odd arguments after. */
class HooksNeverThrowTest {
    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    @Test
    void beforeInstallEveryHookReturnsAtOnce() throws InterruptedException {
        HookTesting.uninstall();
        assertNull(EngineHolder.engine());
        Object o = new Object();
        Object condition = new Object();
        callEveryHook(o, condition);
        assertFalse(FenceHooks.signallingBegin(), "no fence: \"not nested\", and the end does nothing");
        assertTrue(UserPointHooks.sectionEnter("X.y()V"), "no engine: the exit does nothing");
        assertEquals(0, LockHooks.awaitRelease(condition));
        // Nothing was learnt about the objects either.
        LockHooks.rrwCreated(o, new Object());
        assertSame(o, LockNames.identityOf(o));
        assertEquals(9, ExitHooks.beforeExit(9));
    }

    @Test
    void withAnEngineNullArgumentsAreIgnored() throws InterruptedException {
        Lockdep engine = HookTesting.install(false);
        callEveryHook(null, null);
        AllocationHooks.allocated(new Object(), null, null);
        AllocationHooks.allocatedBy(new Object(), null, null, null);
        AllocationHooks.stored(null, new Object(), null, null);
        LockHooks.rrwCreated(new Object(), null);
        LockHooks.conditionCreated(new Object(), null);
        // The fence core keeps a context begun without a ctx object: no fini can name it.
        assertEquals(List.of("ww_class_acquire/EXCLUSIVE/1"), HookTesting.held(engine));
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void unbalancedReleasesAreTheEnginesFindingsNotExceptions() {
        Lockdep engine = HookTesting.install(true);
        MonitorHooks.monitorExit(new Object());
        LockHooks.unlock(new Object());
        LockHooks.readUnlock(new Object());
        FenceHooks.reclaimExit();
        FenceHooks.signallingEnd(false);
        UserPointHooks.sectionExit("never.entered()V", false);
        assertEquals(0, engine.depth());
    }

    private static void callEveryHook(Object o, Object condition) throws InterruptedException {
        MonitorHooks.monitorEnter(o);
        MonitorHooks.monitorExit(o);
        MonitorHooks.syncMethodEnter(o);
        MonitorHooks.syncMethodExit(o);
        AllocationHooks.allocated(o, "Object@X.y#1", "X.y(X.java:1)");
        AllocationHooks.allocatedBy(o, o, "Object@X.y#1", "X.y(X.java:1)");
        AllocationHooks.stored(o, o, "Object .f", "X.y(X.java:1)");
        LockHooks.lock(o);
        LockHooks.lockFailed(o);
        LockHooks.tryLocked(o);
        LockHooks.unlock(o);
        LockHooks.readLock(o);
        LockHooks.readTryLocked(o);
        LockHooks.readUnlock(o);
        LockHooks.writeLock(o);
        LockHooks.writeTryLocked(o);
        LockHooks.writeUnlock(o);
        LockHooks.stampedRead(o);
        LockHooks.stampedWrite(o);
        LockHooks.stampedTryRead(o, 1L);
        LockHooks.stampedTryWrite(o, 1L);
        LockHooks.stampedTryUnlock(o, true, true);
        LockHooks.stampedUnlockRead(o);
        LockHooks.stampedUnlockWrite(o);
        LockHooks.stampedConvertedToWrite(o, 1L, 1L);
        LockHooks.stampedConvertedToRead(o, 1L, 1L);
        LockHooks.stampedConvertedToOptimistic(o, 1L, 1L);
        LockHooks.conditionCreated(condition, o);
        LockHooks.awaitReacquire(condition, LockHooks.awaitRelease(condition));
        FenceHooks.signallingEnd(FenceHooks.signallingBegin());
        FenceHooks.fenceWait();
        FenceHooks.acquireContextInit(o, null);
        FenceHooks.acquireContextFini(o);
        FenceHooks.wwInit(o, null);
        FenceHooks.wwLock(o, null, null);
        FenceHooks.wwLockFailed(o);
        FenceHooks.wwTryLocked(o, null);
        FenceHooks.wwUnlock(o);
        FenceHooks.reclaimEnter();
        FenceHooks.reclaimExit();
        FenceHooks.mightReclaim();
        FenceHooks.invalidationEnter();
        FenceHooks.invalidationExit();
        FenceHooks.mightInvalidate();
        UserPointHooks.sectionExit(null, UserPointHooks.sectionEnter(null));
        UserPointHooks.waitPoint(null);
        ExitHooks.uncaughtException();
    }
}
