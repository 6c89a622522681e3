package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Lock classes: stable names, identity, nesting subclasses, re-classing and same-class ordering rules. */
class LockClassTest {

    /** A lock instance with an explicit rank, for ordering rules. */
    static final class Ranked {
        final int rank;

        Ranked(int rank) {
            this.rank = rank;
        }
    }

    static final Comparator<Object> BY_RANK = Comparator.comparingInt(o -> ((Ranked) o).rank);

    @Test
    void classNameIsExactlyTheGivenStableName() {
        Lockdep ld = new Lockdep();
        String name = "ReentrantLock@com.acme.Bank.<init>(Bank.java:12)";
        LockClass c = ld.lockClass(name);
        assertEquals(name, c.name());
        assertTrue(ld.snapshot().classes().contains(name), "snapshot lists the class by its stable name");
    }

    @Test
    void classNamesDoNotDependOnTheEngineInstance() {
        LockClass a = new Lockdep().lockClass("monitor com.acme.Account");
        LockClass b = new Lockdep().lockClass("monitor com.acme.Account");
        assertEquals(a.name(), b.name());
        assertEquals("monitor com.acme.Account/3", new Lockdep().lockClass("monitor com.acme.Account").nested(3).name());
    }

    @Test
    void lockClassIsGetOrCreateByName() {
        Lockdep ld = new Lockdep();
        LockClass a1 = ld.lockClass("A");
        LockClass a2 = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        assertSame(a1, a2, "the same name must give the same class");
        assertNotSame(a1, b);
        assertTrue(a1.isReentrant(), "lockClass creates reentrant (Java lock) classes");
        assertEquals(2, ld.statistics().classes());
    }

    @Test
    void pseudoClassIsNotReentrantAndSharesTheNamespace() {
        Lockdep ld = new Lockdep();
        LockClass p = ld.pseudoClass("fs_reclaim");
        assertFalse(p.isReentrant());
        assertSame(p, ld.pseudoClass("fs_reclaim"));
        assertSame(p, ld.lockClass("fs_reclaim"), "lockClass returns the existing class of that name");
        assertFalse(ld.lockClass("fs_reclaim").isReentrant(), "lockClass does not make a pseudo class reentrant");

        LockClass j = ld.lockClass("stamped");
        assertTrue(j.isReentrant());
        assertSame(j, ld.pseudoClass("stamped"), "pseudoClass marks the existing class");
        assertFalse(j.isReentrant(), "pseudoClass(name) marks an existing class non-reentrant");
    }

    @Test
    void nestedSubclassIsADistinctClassNamedSlashN() {
        Lockdep ld = new Lockdep();
        LockClass x = ld.lockClass("X");
        LockClass x1 = x.nested(1);
        LockClass x7 = x.nested(7);
        assertEquals("X/1", x1.name());
        assertEquals("X/7", x7.name());
        assertNotSame(x, x1);
        assertNotSame(x1, x7);
        assertSame(x1, x.nested(1), "the subclass is created once");
        assertTrue(ld.snapshot().classes().contains("X/1"));
    }

    @Test
    void nestedRejectsSubclassZeroAndEight() {
        LockClass x = new Lockdep().lockClass("X");
        assertThrows(IllegalArgumentException.class, () -> x.nested(0));
        assertThrows(IllegalArgumentException.class, () -> x.nested(8));
        assertThrows(IllegalArgumentException.class, () -> x.nested(-1));
    }

    @Test
    void nestedSubclassOrdersAgainstItsParentWithoutSameClassFinding() {
        // Under strict, two instances of X would be 'recursive'; X then X/1 is an ordinary class edge.
        Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.STRICT).build());
        LockClass x = ld.lockClass("X");
        Object parent = new Object();
        Object child = new Object();
        assertNull(ld.acquire(parent, x, Mode.EXCLUSIVE));
        assertNull(ld.acquire(child, x.nested(1), Mode.EXCLUSIVE));
        ld.release(child);
        ld.release(parent);
        assertTrue(ld.findings().isEmpty(), "X -> X/1 is not recursion: " + ld.findings());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "X", "X/1"));
    }

    @Test
    void classOfIsNullUntilSetClass() {
        Lockdep ld = new Lockdep();
        Object lock = new Object();
        assertNull(ld.classOf(lock));
        LockClass a = ld.lockClass("A");
        ld.setClass(lock, a);
        assertSame(a, ld.classOf(lock));
        LockClass b = ld.lockClass("B");
        ld.setClass(lock, b);
        assertSame(b, ld.classOf(lock), "setClass re-classes the instance");
        assertNull(ld.classOf(new Object()), "other instances are not affected");
    }

    @Test
    void classOfIsPerInstanceNotPerEquality() {
        Lockdep ld = new Lockdep();
        // Two equal strings that are distinct instances: the class belongs to the instance (identity).
        String s1 = new String("lock");
        String s2 = new String("lock");
        ld.setClass(s1, ld.lockClass("A"));
        assertNull(ld.classOf(s2));
    }

    @Test
    void setClassOnAHeldInstanceReclassesTheHeldEntry() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass z = ld.lockClass("Z");
        LockClass b = ld.lockClass("B");
        // Warm the chain cache with the chain (A, B), so a stale chain key would skip the Z -> B edge.
        Object other = new Object();
        Object bLock = new Object();
        ld.acquire(other, a, Mode.EXCLUSIVE);
        ld.acquire(bLock, b, Mode.EXCLUSIVE);
        ld.release(bLock);
        ld.release(other);

        Object lock = new Object();
        ld.acquire(lock, a, Mode.EXCLUSIVE);
        ld.setClass(lock, z);
        assertSame(z, ld.classOf(lock));
        assertEquals("Z", ld.heldLocks().get(0).className(), "the held entry takes the new class");
        assertTrue(ld.isHeld(z));
        assertFalse(ld.isHeld(a));

        ld.acquire(bLock, b, Mode.EXCLUSIVE);
        ld.release(bLock);
        assertTrue(ld.release(lock), "the re-classed instance is still released normally");
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "Z", "B"), "edges after re-classing come from the new class");
    }

    @Test
    void orderByAllowsOrderedSameClassNesting() {
        Lockdep ld = new Lockdep();
        LockClass acct = ld.lockClass("Account").orderBy(BY_RANK);
        Ranked r1 = new Ranked(1);
        Ranked r2 = new Ranked(2);
        Ranked r3 = new Ranked(3);
        assertNull(ld.acquire(r1, acct, Mode.EXCLUSIVE));
        assertNull(ld.acquire(r2, acct, Mode.EXCLUSIVE));
        assertNull(ld.acquire(r3, acct, Mode.EXCLUSIVE));
        ld.release(r3);
        ld.release(r2);
        ld.release(r1);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void orderByReturnsThisClass() {
        LockClass c = new Lockdep().lockClass("C");
        assertSame(c, c.orderBy(BY_RANK));
    }

    @Test
    void orderByReverseNestingIsRecursiveOnTheFirstOccurrence() {
        Lockdep ld = new Lockdep();
        LockClass acct = ld.lockClass("Account").orderBy(BY_RANK);
        Ranked low = new Ranked(1);
        Ranked high = new Ranked(2);
        ld.acquire(high, acct, Mode.EXCLUSIVE);
        Finding f = ld.acquire(low, acct, Mode.EXCLUSIVE);
        assertNotNull(f, "taking a lower-ranked instance under a higher one violates the declared order");
        assertEquals(FindingKind.RECURSIVE, f.kind());
        ld.release(low);
        ld.release(high);
        assertEquals(1, count(ld.findings(), FindingKind.RECURSIVE));
        assertEquals(0, count(ld.findings(), FindingKind.INSTANCE_INVERSION),
                "an ordering rule replaces the instance policy");
    }

    @Test
    void orderByEqualInstancesAreNotOrdered() {
        // compare(P.lock, lock) < 0 is required: two instances comparing equal violate the rule.
        Lockdep ld = new Lockdep();
        LockClass acct = ld.lockClass("Account").orderBy(BY_RANK);
        Ranked a = new Ranked(5);
        Ranked b = new Ranked(5);
        ld.acquire(a, acct, Mode.EXCLUSIVE);
        Finding f = ld.acquire(b, acct, Mode.EXCLUSIVE);
        assertNotNull(f);
        assertEquals(FindingKind.RECURSIVE, f.kind());
    }

    @Test
    void orderBySilencesStrictPolicyForOrderedNesting() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.STRICT).build());
        LockClass acct = ld.lockClass("Account").orderBy(BY_RANK);
        Ranked r1 = new Ranked(1);
        Ranked r2 = new Ranked(2);
        assertNull(ld.acquire(r1, acct, Mode.EXCLUSIVE));
        assertNull(ld.acquire(r2, acct, Mode.EXCLUSIVE));
        ld.release(r2);
        ld.release(r1);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }
}
