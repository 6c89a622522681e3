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

/** {@link UserPointHooks}: declared sections and waits on named maps and on the default fence map. */
class UserPointHooksTest {
    private static final String SECTION = "com.acme.Jobs.publish()V";
    private static final String WAIT = "com.acme.Jobs.awaitAll()V";
    private static final String FENCE_SECTION = "com.acme.Gpu.signal()V";

    private Lockdep engine;

    @BeforeEach
    void arm() {
        engine = HookTesting.install(false);
        UserPointHooks.declarePoint(SECTION, "jobs");
        UserPointHooks.declarePoint(WAIT, "jobs");
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    @Test
    void aSectionHoldsItsMapSharedOnceWhenNested() {
        boolean outer = UserPointHooks.sectionEnter(SECTION);
        boolean inner = UserPointHooks.sectionEnter(SECTION);
        assertFalse(outer);
        assertTrue(inner);
        assertEquals(List.of("jobs/SHARED/1"), HookTesting.held(engine));
        UserPointHooks.sectionExit(SECTION, inner);
        assertEquals(1, engine.depth());
        UserPointHooks.sectionExit(SECTION, outer);
        assertEquals(0, engine.depth());
    }

    @Test
    void aWaitUnderALockTheSectionTakesIsAFindingOnTheNamedMap() {
        ReentrantLock lock = new ReentrantLock();
        boolean cookie = UserPointHooks.sectionEnter(SECTION);
        LockHooks.lock(lock);
        LockHooks.unlock(lock);
        UserPointHooks.sectionExit(SECTION, cookie);
        LockHooks.lock(lock);
        UserPointHooks.waitPoint(WAIT);
        LockHooks.unlock(lock);
        List<Finding> found = engine.findings();
        assertEquals(1, found.size());
        assertTrue(found.get(0).lockClasses().contains("jobs"), found.toString());
        assertFalse(found.get(0).lockClasses().contains("fence-signalling"), found.toString());
    }

    @Test
    void aWaitInsideItsOwnSectionIsNotRecursionAndKeepsTheSection() {
        boolean cookie = UserPointHooks.sectionEnter(SECTION);
        UserPointHooks.waitPoint(WAIT);
        assertEquals(List.of("jobs/SHARED/1"), HookTesting.held(engine));
        UserPointHooks.sectionExit(SECTION, cookie);
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void undeclaredAndFenceMapPointsAreFenceSignalling() {
        UserPointHooks.declarePoint(FENCE_SECTION, UserPointHooks.FENCE_MAP);
        boolean cookie = UserPointHooks.sectionEnter(FENCE_SECTION);
        assertEquals(List.of("fence-signalling/SHARED/1"), HookTesting.held(engine));
        UserPointHooks.sectionExit(FENCE_SECTION, cookie);
        boolean undeclared = UserPointHooks.sectionEnter("com.acme.Unknown.run()V");
        assertEquals(List.of("fence-signalling/SHARED/1"), HookTesting.held(engine));
        UserPointHooks.sectionExit("com.acme.Unknown.run()V", undeclared);
        assertEquals(0, engine.depth());
    }

    @Test
    void aNewEngineGetsItsOwnMaps() {
        boolean cookie = UserPointHooks.sectionEnter(SECTION);
        UserPointHooks.sectionExit(SECTION, cookie);
        Lockdep fresh = HookTesting.install(false);
        cookie = UserPointHooks.sectionEnter(SECTION);
        assertEquals(List.of("jobs/SHARED/1"), HookTesting.held(fresh));
        UserPointHooks.sectionExit(SECTION, cookie);
        assertEquals(0, fresh.depth());
    }
}
