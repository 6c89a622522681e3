package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MonitorHooks} against a real engine: holds, lock classes of monitors, {@code Object.wait}. */
class MonitorHooksTest {
    private static final class Account {
    }

    private static final class Registry {
    }

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
    void enterAndExitBalanceAndReentryIsOneEntry() {
        Account a = new Account();
        MonitorHooks.monitorEnter(a);
        MonitorHooks.syncMethodEnter(a);
        assertEquals(List.of("monitor " + Account.class.getTypeName() + "/EXCLUSIVE/2"), HookTesting.held(engine));
        MonitorHooks.syncMethodExit(a);
        MonitorHooks.monitorExit(a);
        assertEquals(0, engine.depth());
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void aClassObjectIsNamedClassT() {
        MonitorHooks.syncMethodEnter(Registry.class);
        assertEquals(List.of("class " + Registry.class.getTypeName() + "/EXCLUSIVE/1"), HookTesting.held(engine));
        MonitorHooks.syncMethodExit(Registry.class);
    }

    @Test
    void plainObjectsOfUnknownSiteAreClassesOfTheirOwnUpToABound() {
        Object first = new Object();
        Object second = new Object();
        String one = classWhileHeld(first);
        assertTrue(one.startsWith("java.lang.Object#"), one);
        assertEquals(one, classWhileHeld(first), "one object keeps its class");
        assertNotEquals(one, classWhileHeld(second));
        String last = null;
        for (int i = 0; i < 1100; i++) {
            last = classWhileHeld(new Object());
        }
        assertEquals("monitor java.lang.Object", last);
    }

    @Test
    void allocationSitesNameObjectsAndLayeredStreams() {
        Object o = new Object();
        AllocationHooks.allocated(o, "Object@com.acme.Bank.open#1", "com.acme.Bank.open(Bank.java:7)");
        assertEquals("Object@com.acme.Bank.open#1", classWhileHeld(o));
        PrintStream named = new PrintStream(new ByteArrayOutputStream());
        AllocationHooks.allocated(named, "PrintStream com.acme.Log.OUT", "com.acme.Log.<clinit>(Log.java:3)");
        assertEquals("PrintStream com.acme.Log.OUT", classWhileHeld(named));
        assertEquals("monitor java.io.PrintStream", classWhileHeld(new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void aPlainTypeIsNamedBySiteOnceItWasUsedAsAMonitor() {
        Account before = new Account();
        AllocationHooks.allocated(before, "Account@com.acme.Bank.open#1", "com.acme.Bank.open(Bank.java:9)");
        assertEquals("monitor " + Account.class.getTypeName(), classWhileHeld(before), "not yet a monitor type");
        Account after = new Account();
        AllocationHooks.allocated(after, "Account@com.acme.Bank.open#1", "com.acme.Bank.open(Bank.java:9)");
        assertEquals("Account@com.acme.Bank.open#1", classWhileHeld(after));
        assertEquals("monitor " + Account.class.getTypeName(), classWhileHeld(before), "unseen keeps its type");
    }

    @Test
    void nestingInBothOrdersIsAFinding() {
        Account a = new Account();
        Registry r = new Registry();
        MonitorHooks.monitorEnter(a);
        MonitorHooks.monitorEnter(r);
        MonitorHooks.monitorExit(r);
        MonitorHooks.monitorExit(a);
        MonitorHooks.monitorEnter(r);
        MonitorHooks.monitorEnter(a); // no throw: onCycle is not throw
        assertEquals(2, engine.depth());
        MonitorHooks.monitorExit(a);
        MonitorHooks.monitorExit(r);
        List<Finding> found = engine.findings();
        assertEquals(1, found.size());
        assertTrue(found.get(0).lockClasses().contains("monitor " + Account.class.getTypeName()), found.toString());
    }

    @Test
    void waitRestoresEveryHold() throws InterruptedException {
        Account a = new Account();
        MonitorHooks.monitorEnter(a);
        MonitorHooks.monitorEnter(a);
        synchronized (a) { // the test class is not instrumented: take the real monitor for wait
            MonitorHooks.waitOn(a, 1);
            MonitorHooks.waitOn(a, 1, 1);
        }
        assertEquals(List.of("monitor " + Account.class.getTypeName() + "/EXCLUSIVE/2"), HookTesting.held(engine));
        MonitorHooks.monitorExit(a);
        MonitorHooks.monitorExit(a);
        assertEquals(0, engine.depth());
        assertTrue(engine.findings().isEmpty(), engine.findings().toString());
    }

    @Test
    void aFailedWaitStillRestoresTheHolds() {
        Account b = new Account();
        MonitorHooks.monitorEnter(b);
        // Without the real monitor Object.wait throws; the hook gave the engine's hold back all the same.
        assertThrows(IllegalMonitorStateException.class, () -> MonitorHooks.waitOn(b, 1));
        assertEquals(1, engine.depth());
        MonitorHooks.monitorExit(b);

        Account a = new Account();
        MonitorHooks.monitorEnter(a);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> {
            synchronized (a) {
                MonitorHooks.waitOn(a);
            }
        });
        assertEquals(1, engine.depth());
        MonitorHooks.monitorExit(a);
        assertEquals(0, engine.depth());
    }

    /** Enters and exits {@code o}; the lock class it was held under. */
    private String classWhileHeld(Object o) {
        MonitorHooks.monitorEnter(o);
        String cls = engine.heldLocks().get(engine.depth() - 1).className();
        MonitorHooks.monitorExit(o);
        return cls;
    }
}
