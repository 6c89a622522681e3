package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FenceHooks}: the fence core's points reach the installed fence mapping and its engine. */
class FenceHooksTest {
    private Lockdep engine;

    @BeforeEach
    void arm() {
        engine = HookTesting.install(false);
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    @Test
    void aSignallingSectionIsHeldSharedAndNestsByCookie() {
        boolean outer = FenceHooks.signallingBegin();
        boolean inner = FenceHooks.signallingBegin();
        assertFalse(outer);
        assertTrue(inner, "nested: nothing acquired");
        assertEquals(List.of("fence-signalling/SHARED/1"), HookTesting.held(engine));
        FenceHooks.signallingEnd(inner);
        assertEquals(1, engine.depth());
        FenceHooks.signallingEnd(outer);
        assertEquals(0, engine.depth());
    }

    @Test
    void aFenceWaitUnderALockTheSectionTakesIsAFinding() {
        ReentrantLock lock = new ReentrantLock();
        boolean cookie = FenceHooks.signallingBegin();
        LockHooks.lock(lock);
        LockHooks.unlock(lock);
        FenceHooks.signallingEnd(cookie);
        LockHooks.lock(lock);
        FenceHooks.fenceWait();
        LockHooks.unlock(lock);
        assertEquals(0, engine.depth());
        List<Finding> found = engine.findings();
        assertEquals(1, found.size());
        assertTrue(found.get(0).lockClasses().contains("fence-signalling"), found.toString());
    }

    @Test
    void aFenceWaitInsideItsOwnSectionIsNotRecursion() {
        boolean cookie = FenceHooks.signallingBegin();
        FenceHooks.fenceWait();
        assertEquals(List.of("fence-signalling/SHARED/1"), HookTesting.held(engine));
        FenceHooks.signallingEnd(cookie);
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void reclaimAndInvalidationEnterAndExitAndProbe() {
        ReentrantLock lock = new ReentrantLock();
        FenceHooks.reclaimEnter();
        FenceHooks.invalidationEnter();
        assertEquals(List.of("reclaim/EXCLUSIVE/1", "invalidation/EXCLUSIVE/1"), HookTesting.held(engine));
        LockHooks.lock(lock);
        LockHooks.unlock(lock);
        FenceHooks.invalidationExit();
        FenceHooks.reclaimExit();
        assertEquals(0, engine.depth());
        LockHooks.lock(lock);
        FenceHooks.mightReclaim();
        FenceHooks.mightInvalidate();
        LockHooks.unlock(lock);
        assertEquals(0, engine.depth());
        assertEquals(2, engine.findings().size(), engine.findings().toString());
    }

    @Test
    void wwContextsAndMutexesBalance() {
        Object ctx = new Object();
        Object mutex = new Object();
        Object other = new Object();
        FenceHooks.wwInit(mutex, "buffer");
        FenceHooks.acquireContextInit(ctx, "reservation_ww_class");
        FenceHooks.wwLock(mutex, "reservation_ww_class", ctx);
        FenceHooks.wwTryLocked(other, "reservation_ww_class");
        assertTrue(engine.depth() >= 2, HookTesting.held(engine).toString());
        FenceHooks.wwUnlock(other);
        FenceHooks.wwUnlock(mutex);
        FenceHooks.acquireContextFini(ctx);
        assertEquals(0, engine.depth(), HookTesting.held(engine).toString());
        FenceHooks.acquireContextInit(ctx, "reservation_ww_class");
        FenceHooks.wwLock(mutex, "reservation_ww_class", ctx);
        FenceHooks.wwLockFailed(mutex);
        FenceHooks.acquireContextFini(ctx);
        assertEquals(0, engine.depth(), HookTesting.held(engine).toString());
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }
}
