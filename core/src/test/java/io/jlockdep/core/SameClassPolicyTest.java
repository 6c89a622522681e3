package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Two instances of one class held together: the instance, strict and off policies. */
class SameClassPolicyTest {

    static Lockdep engine(SameClassPolicy policy) {
        return new Lockdep(LockdepConfig.builder().sameClass(policy).build());
    }

    /** Takes two instances of one class in order, releases both. */
    static Finding nestInstances(Lockdep ld, Object first, Mode m1, Object second, Mode m2, LockClass cls) {
        ld.acquire(first, cls, m1);
        Finding f = ld.acquire(second, cls, m2);
        ld.release(second);
        ld.release(first);
        return f;
    }

    @Test
    void policyParse() {
        assertEquals(SameClassPolicy.INSTANCE, SameClassPolicy.parse("instance"));
        assertEquals(SameClassPolicy.STRICT, SameClassPolicy.parse("strict"));
        assertEquals(SameClassPolicy.OFF, SameClassPolicy.parse("off"));
        assertThrows(IllegalArgumentException.class, () -> SameClassPolicy.parse("sometimes"));
    }

    @Test
    void instancePolicyIsTheDefault() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass list = ld.lockClass("SynchronizedList");
        Object a = new Object();
        Object b = new Object();
        onThread("t1", () -> nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, list));
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t2", () -> f.set(nestInstances(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, list)));
        assertNotNull(f.get());
        assertEquals(FindingKind.INSTANCE_INVERSION, f.get().kind());
    }

    /**
     * A class of many roles (monitors whose allocation was not seen) under strict: an ordered nesting of two
     * of its instances is no finding, an inversion of them is one, as under the default policy.
     */
    @Test
    void strictJudgesAClassOfManyRolesByInstanceOrder() throws Exception {
        Lockdep ld = engine(SameClassPolicy.STRICT);
        LockClass unseen = ld.lockClass("monitor java.util.Hashtable").markManyRoles();
        assertTrue(unseen.hasManyRoles());
        Object a = new Object();
        Object b = new Object();
        AtomicReference<Finding> f1 = new AtomicReference<>();
        AtomicReference<Finding> f2 = new AtomicReference<>();
        onThread("t1", () -> f1.set(nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, unseen)));
        assertNull(f1.get(), "an ordered nesting of a many-roles class is not recursion");
        onThread("t2", () -> f2.set(nestInstances(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, unseen)));
        assertNotNull(f2.get());
        assertEquals(FindingKind.INSTANCE_INVERSION, f2.get().kind());

        LockClass role = ld.lockClass("Hashtable com.acme.Registry.table");
        Finding strict = nestInstances(ld, new Object(), Mode.EXCLUSIVE, new Object(), Mode.EXCLUSIVE, role);
        assertNotNull(strict, "a class of one role still reports every nesting under strict");
        assertEquals(FindingKind.RECURSIVE, strict.kind());
    }

    @Test
    void instanceInversionAcrossThreads() throws Exception {
        // a.equals(b) on one thread, b.equals(a) on another, two synchronized lists of one class.
        // The second thread's chain (list, list) is the same class chain as the first: the chain cache
        // must not skip the instance-order check.
        Lockdep ld = engine(SameClassPolicy.INSTANCE);
        LockClass list = ld.lockClass("SynchronizedList");
        Object a = new Object();
        Object b = new Object();
        AtomicReference<Finding> f1 = new AtomicReference<>();
        AtomicReference<Finding> f2 = new AtomicReference<>();
        onThread("t1", () -> f1.set(nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, list)));
        onThread("t2", () -> f2.set(nestInstances(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, list)));
        assertNull(f1.get(), "one order alone is fine");
        assertNotNull(f2.get());
        assertEquals(FindingKind.INSTANCE_INVERSION, f2.get().kind());
        assertEquals("instance-inversion", f2.get().kind().id());
        assertEquals("t2", f2.get().threadName());
        assertEquals(1, ld.findings().size());
        assertEquals(0, count(ld, FindingKind.CIRCULAR), "no class-level self cycle");
        assertEquals(0, count(ld, FindingKind.RECURSIVE));
        assertTrue(ld.snapshot().edges().isEmpty(), "same-class nesting adds no class edge: " + ld.snapshot().edges());
    }

    @Test
    void secondInversionInTheSameClassIsCountedNotReportedAgain() throws Exception {
        Lockdep ld = engine(SameClassPolicy.INSTANCE);
        LockClass list = ld.lockClass("SynchronizedList");
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        Object d = new Object();
        onThread("t1", () -> nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, list));
        onThread("t2", () -> nestInstances(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, list));
        onThread("t3", () -> nestInstances(ld, c, Mode.EXCLUSIVE, d, Mode.EXCLUSIVE, list));
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t4", () -> f.set(nestInstances(ld, d, Mode.EXCLUSIVE, c, Mode.EXCLUSIVE, list)));
        assertEquals(2, ld.statistics().detections(FindingKind.INSTANCE_INVERSION), "both inversions are detected");
        assertTrue(ld.findings().size() <= 2, ld.findings().toString());
        if (ld.findings().size() == 1) {
            assertNull(f.get(), "a duplicate id returns null");
        }
    }

    @Test
    void orderedTransfersAreSilentUnderInstancePolicy() throws Exception {
        Lockdep ld = engine(SameClassPolicy.INSTANCE);
        LockClass account = ld.lockClass("Account");
        Object[] accounts = new Object[6];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = new Object();
        }
        Runnable transfers = () -> {
            for (int from = 0; from < accounts.length; from++) {
                for (int to = 0; to < accounts.length; to++) {
                    if (from == to) {
                        continue;
                    }
                    int lo = Math.min(from, to);
                    int hi = Math.max(from, to);
                    nestInstances(ld, accounts[lo], Mode.EXCLUSIVE, accounts[hi], Mode.EXCLUSIVE, account);
                }
            }
        };
        onThread("teller-1", transfers);
        onThread("teller-2", transfers);
        assertTrue(ld.findings().isEmpty(), "always lower id first cannot deadlock: " + ld.findings());
    }

    @Test
    void instanceInversionThroughAThirdInstance() throws Exception {
        // a -> b, b -> c, then c -> a: a strong cycle of instance edges.
        Lockdep ld = engine(SameClassPolicy.INSTANCE);
        LockClass node = ld.lockClass("Node");
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        onThread("t1", () -> nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, node));
        onThread("t2", () -> nestInstances(ld, b, Mode.EXCLUSIVE, c, Mode.EXCLUSIVE, node));
        assertTrue(ld.findings().isEmpty());
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t3", () -> f.set(nestInstances(ld, c, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, node)));
        assertNotNull(f.get());
        assertEquals(FindingKind.INSTANCE_INVERSION, f.get().kind());
    }

    @Test
    void recursiveReadInstanceOrderIsNotAnInversion() throws Exception {
        // Instance edges are typed like class edges: R after R both ways (SR, SR) is not strong.
        Lockdep ld = engine(SameClassPolicy.INSTANCE);
        LockClass map = ld.lockClass("Map");
        Object a = new Object();
        Object b = new Object();
        onThread("t1", () -> nestInstances(ld, a, Mode.SHARED_RECURSIVE, b, Mode.SHARED_RECURSIVE, map));
        onThread("t2", () -> nestInstances(ld, b, Mode.SHARED_RECURSIVE, a, Mode.SHARED_RECURSIVE, map));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void strictReportsAnyUnannotatedSameClassNesting() {
        Lockdep ld = engine(SameClassPolicy.STRICT);
        LockClass account = ld.lockClass("Account");
        Object a = new Object();
        Object b = new Object();
        Finding f = nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, account);
        assertNotNull(f, "strict reports even an ordered nesting on its first occurrence");
        assertEquals(FindingKind.RECURSIVE, f.kind());
        assertEquals("Account", f.acquiringClass());
    }

    @Test
    void strictCountsOneDetectionPerHeldSameClassEntry() {
        Lockdep ld = engine(SameClassPolicy.STRICT);
        LockClass account = ld.lockClass("Account");
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        ld.acquire(a, account, Mode.EXCLUSIVE);
        ld.acquire(b, account, Mode.EXCLUSIVE); // 1: (a, b)
        ld.acquire(c, account, Mode.EXCLUSIVE); // 2: (a, c), (b, c)
        ld.release(c);
        ld.release(b);
        ld.release(a);
        assertEquals(3, ld.statistics().detections(FindingKind.RECURSIVE));
        assertEquals(1, ld.findings().size(), "one cycle id, reported once");
    }

    @Test
    void strictAllowsRecursiveReadAfterRead() {
        Lockdep ld = engine(SameClassPolicy.STRICT);
        LockClass map = ld.lockClass("Map");
        assertNull(nestInstances(ld, new Object(), Mode.SHARED, new Object(), Mode.SHARED_RECURSIVE, map));
        assertNull(nestInstances(ld, new Object(), Mode.SHARED_RECURSIVE, new Object(), Mode.SHARED_RECURSIVE, map));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        Finding f = nestInstances(ld, new Object(), Mode.SHARED, new Object(), Mode.SHARED, map);
        assertNotNull(f, "r after r is not excused");
        assertEquals(FindingKind.RECURSIVE, f.kind());
    }

    @Test
    void strictDoesNotExcuseRecursiveReadAfterWrite() {
        Lockdep ld = engine(SameClassPolicy.STRICT);
        LockClass map = ld.lockClass("Map");
        Finding f = nestInstances(ld, new Object(), Mode.EXCLUSIVE, new Object(), Mode.SHARED_RECURSIVE, map);
        assertNotNull(f);
        assertEquals(FindingKind.RECURSIVE, f.kind());
    }

    @Test
    void offIgnoresSameClassNesting() throws Exception {
        Lockdep ld = engine(SameClassPolicy.OFF);
        LockClass list = ld.lockClass("SynchronizedList");
        Object a = new Object();
        Object b = new Object();
        onThread("t1", () -> nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, list));
        onThread("t2", () -> nestInstances(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, list));
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        for (FindingKind k : FindingKind.values()) {
            assertEquals(0, ld.statistics().detections(k), k.id());
        }
    }

    @Test
    void sameInstanceIsReentrancyNotSameClassNesting() {
        Lockdep ld = engine(SameClassPolicy.STRICT);
        LockClass account = ld.lockClass("Account");
        Object a = new Object();
        ld.acquire(a, account, Mode.EXCLUSIVE);
        assertNull(ld.acquire(a, account, Mode.EXCLUSIVE));
        ld.release(a);
        ld.release(a);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void namedInstancesAreNamedInTheReport() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass account = ld.lockClass("Account");
        Object alice = new Object();
        Object bob = new Object();
        Object carol = new Object();
        ld.setInstanceName(alice, "alice");
        onThread("t1", () -> nestInstances(ld, alice, Mode.EXCLUSIVE, bob, Mode.EXCLUSIVE, account));
        ld.setInstanceName(bob, "bob\n\"the builder\""); // named after its node exists; cleaned
        onThread("t2", () -> nestInstances(ld, bob, Mode.EXCLUSIVE, carol, Mode.EXCLUSIVE, account));
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread("t3", () -> f.set(nestInstances(ld, carol, Mode.EXCLUSIVE, alice, Mode.EXCLUSIVE, account)));

        assertNotNull(f.get());
        assertEquals("Account (instance #3) -> Account (instance #1 \"alice\") -> Account (instance #2 \"bob'the builder'\")"
                + " -> Account (instance #3)", f.get().lockClasses());
    }

    @Test
    void instanceNamesAreCutAndCanBeRemoved() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass account = ld.lockClass("Account");
        Object a = new Object();
        Object b = new Object();
        ld.setInstanceName(a, "x".repeat(200));
        ld.setInstanceName(b, "b");
        ld.setInstanceName(b, null);
        onThread("t1", () -> nestInstances(ld, a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE, account));
        Finding f = nestInstances(ld, b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE, account);
        assertNotNull(f);
        String cut = "x".repeat(77) + "...";
        assertEquals("Account (instance #2) -> Account (instance #1 \"" + cut + "\") -> Account (instance #2)",
                f.lockClasses());
    }
}
