package io.jlockdep.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.bootstrap.HookTesting;
import io.jlockdep.bootstrap.LockHooks;
import io.jlockdep.bootstrap.LockNames;
import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingFilter;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.Mode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-JVM API before and after the agent arms the hooks. */
class JlockdepTest {
    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    @Test
    void answersNothingUntilArmedThenListsReportedFindingsOnly() {
        HookTesting.uninstall();
        assertFalse(Jlockdep.isActive());
        assertEquals(0, Jlockdep.findingCount());
        assertTrue(Jlockdep.findingsSince(0).isEmpty());
        Jlockdep.setContext("ignored without an engine");
        Jlockdep.nameInstance(new Object(), "ignored without an engine");

        FindingFilter hideBC = new FindingFilter() {
            @Override
            public boolean suppressed(Finding f) {
                return f.lockClasses().contains("C");
            }
        };
        Lockdep engine = HookTesting.install(LockdepConfig.builder().filter(hideBC).build(), false, null);
        assertTrue(Jlockdep.isActive());

        Jlockdep.setContext("test JlockdepTest.first()");
        assertEquals("test JlockdepTest.first()", engine.context());
        invert(engine, "A", "B");
        assertEquals(1, Jlockdep.findingCount());
        invert(engine, "B", "C"); // suppressed by the engine: neither counted nor listed
        assertEquals(1, Jlockdep.findingCount());
        invert(engine, "D", "E");
        assertEquals(2, Jlockdep.findingCount());
        assertEquals(1, engine.statistics().suppressed());

        List<Finding> all = Jlockdep.findingsSince(0);
        assertEquals(2, all.size());
        assertTrue(all.get(0).lockClasses().startsWith("A") || all.get(0).lockClasses().startsWith("B"));
        List<Finding> later = Jlockdep.findingsSince(1);
        assertEquals(1, later.size());
        assertTrue(later.get(0).lockClasses().contains("D"), later.get(0).lockClasses());
        assertTrue(later.get(0).render().contains("during test JlockdepTest.first()"), later.get(0).render());
        assertTrue(Jlockdep.findingsSince(2).isEmpty());
        assertTrue(Jlockdep.findingsSince(99).isEmpty());

        Jlockdep.setContext(null);
        assertNull(engine.context());
    }

    @Test
    void namesTheInstanceTheEngineKnowsAReadWriteLockBy() {
        Lockdep engine = HookTesting.install(false);
        Object rrw = new Object();
        Object sync = new Object();
        LockHooks.rrwCreated(rrw, sync);
        Jlockdep.nameInstance(rrw, "ledger");
        Jlockdep.nameInstance(null, "ignored");
        // Two instances of one class in both orders: the report names the one called "ledger".
        Object other = new Object();
        LockHooks.rrwCreated(other, new Object());
        Object otherSync = LockNames.identityOf(other);
        LockHooks.writeLock(sync);
        LockHooks.writeLock(otherSync);
        LockHooks.writeUnlock(otherSync);
        LockHooks.writeUnlock(sync);
        LockHooks.writeLock(otherSync);
        LockHooks.writeLock(sync);
        LockHooks.writeUnlock(sync);
        LockHooks.writeUnlock(otherSync);
        List<Finding> found = engine.findings();
        assertEquals(1, found.size());
        assertTrue(found.get(0).render().contains("\"ledger\""), found.get(0).render());
    }

    /** Takes x then y, then y then x: one circular finding. */
    private static void invert(Lockdep ld, String x, String y) {
        LockClass cx = ld.lockClass(x);
        LockClass cy = ld.lockClass(y);
        Object ox = new Object();
        Object oy = new Object();
        ld.acquire(ox, cx, Mode.EXCLUSIVE);
        ld.acquire(oy, cy, Mode.EXCLUSIVE);
        ld.release(oy);
        ld.release(ox);
        ld.acquire(oy, cy, Mode.EXCLUSIVE);
        ld.acquire(ox, cx, Mode.EXCLUSIVE);
        ld.release(ox);
        ld.release(oy);
    }
}
