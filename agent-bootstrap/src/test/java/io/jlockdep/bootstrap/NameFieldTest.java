package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import java.lang.reflect.Field;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the hooks keep a named object's class: in its {@link NameField} when its class (or a superclass) has one,
 * else in the weak table — also for a {@code j.u.c} lock subclass that has the field, since such a lock is known
 * by an identity that may not be itself. The field is declared here in source, as {@code BytecodeRewriter} adds
 * it; the surefire configuration exports {@code jdk.internal.misc} as the agent does.
 */
class NameFieldTest {
    static class Account {
        @SuppressWarnings("unused")
        private transient Object $jlockdep$class;

        synchronized void deposit() {
        }
    }

    static final class Savings extends Account {
    }

    static final class Teller {
        synchronized void serve() {
        }
    }

    static final class OwnLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private transient Object $jlockdep$class;
    }

    private Lockdep engine;

    @BeforeAll
    static void declare() {
        assertTrue(NameField.arm(), "jdk.internal.misc is exported to the tests (agent-bootstrap/pom.xml)");
        for (Class<?> c : new Class<?>[] {Account.class, Teller.class, OwnLock.class}) {
            LockNames.declareMonitorType(c.getName());
        }
        NameField.added(Account.class.getName());
        NameField.added(OwnLock.class.getName());
    }

    @BeforeEach
    void arm() {
        engine = HookTesting.install(false);
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    private static Object fieldOf(Object o, Class<?> declaring) throws ReflectiveOperationException {
        Field f = declaring.getDeclaredField(NameField.NAME);
        f.setAccessible(true);
        return f.get(o);
    }

    @Test
    void anObjectWithTheFieldKeepsItsClassThereNotInTheTable() throws Exception {
        int before = LockNames.knownLocks();
        Account a = new Account();
        Savings s = new Savings();
        AllocationHooks.stored(this, a, "NameFieldTest$Account .checking", "x.Bank.<init>(Bank.java:3)");
        AllocationHooks.stored(this, s, "NameFieldTest$Savings .savings", "x.Bank.<init>(Bank.java:4)");
        LockClass checking = LockNames.monitorClass(engine, a);
        LockClass savings = LockNames.monitorClass(engine, s);
        assertEquals("NameFieldTest$Account " + NameFieldTest.class.getName() + ".checking", checking.name());
        assertEquals("NameFieldTest$Savings " + NameFieldTest.class.getName() + ".savings", savings.name());
        assertSame(checking, fieldOf(a, Account.class));
        assertSame(savings, fieldOf(s, Account.class), "a subclass uses its superclass's field");
        assertSame(checking, LockNames.monitorClassForGood(engine, a));
        assertEquals(before, LockNames.knownLocks(), "no table entry for either");
    }

    @Test
    void anObjectWithoutTheFieldIsNamedInTheTable() {
        int before = LockNames.knownLocks();
        Teller t = new Teller();
        AllocationHooks.stored(this, t, "NameFieldTest$Teller .teller", "x.Bank.<init>(Bank.java:5)");
        assertEquals("NameFieldTest$Teller " + NameFieldTest.class.getName() + ".teller",
                LockNames.monitorClass(engine, t).name());
        assertEquals(before + 1, LockNames.knownLocks());
    }

    @Test
    void aLockSubclassWithTheFieldIsNamedInTheTable() throws Exception {
        OwnLock lock = new OwnLock();
        AllocationHooks.stored(this, lock, "NameFieldTest$OwnLock .lock", "x.Bank.<init>(Bank.java:6)");
        assertNull(fieldOf(lock, OwnLock.class));
        assertEquals("NameFieldTest$OwnLock " + NameFieldTest.class.getName() + ".lock",
                LockNames.jucClass(engine, LockNames.identityOf(lock), LockNames.REENTRANT_LOCK).name());
    }
}
