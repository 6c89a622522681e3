package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import io.jlockdep.fence.FenceLockdep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM API before and after the agent arms the hooks. One test method, because arming is
 * JVM-wide and cannot be undone.
 */
class JlockdepTest {
    @Test
    void answersNothingUntilArmedThenListsReportedFindingsOnly() {
        assertFalse(Jlockdep.isActive());
        assertEquals(0, Jlockdep.findingCount());
        assertTrue(Jlockdep.findingsSince(0).isEmpty());
        Jlockdep.setContext("ignored without an engine");

        final Lockdep engine = new Lockdep();
        FindingFilter hideBC = new FindingFilter() {
            @Override
            public boolean suppressed(Finding f) {
                return f.lockClasses().contains("C");
            }
        };
        Hooks.install(engine, new FenceLockdep(engine), false, hideBC, new ShutdownAction() {
            @Override
            public int finish(int status) {
                return status;
            }
        });
        assertTrue(Jlockdep.isActive());

        Jlockdep.setContext("test JlockdepTest.first()");
        assertEquals("test JlockdepTest.first()", engine.context());
        invert(engine, "A", "B");
        assertEquals(1, Jlockdep.findingCount());
        invert(engine, "B", "C"); // suppressed: neither counted nor listed
        assertEquals(1, Jlockdep.findingCount());
        invert(engine, "D", "E");
        assertEquals(2, Jlockdep.findingCount());
        assertEquals(3, engine.findings().size());

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
