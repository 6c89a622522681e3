package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Nest locks (ww acquire contexts, mm_take_all_locks): many instances of one class under one held lock. */
class NestLockTest {

    @Test
    void manyInstancesUnderAHeldNestLockMergeIntoOneSlot() {
        // Under strict, same-class nesting would be 'recursive' without the nest lock.
        Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.STRICT).build());
        LockClass ctx = ld.lockClass("ww_acquire_ctx");
        LockClass obj = ld.lockClass("reservation_ww_class_mutex");
        Object context = new Object();
        Object[] objects = new Object[20];
        ld.acquire(context, ctx, Mode.EXCLUSIVE);
        int base = ld.depth();
        for (int i = 0; i < objects.length; i++) {
            objects[i] = new Object();
            assertNull(ld.acquireNested(objects[i], obj, Mode.EXCLUSIVE, context), "instance " + i);
            assertTrue(ld.depth() <= base + 1, "merged at the top: depth " + ld.depth());
        }
        for (Object o : objects) {
            assertTrue(ld.isHeld(o));
        }
        assertTrue(ld.isHeld(obj));
        assertEquals(objects.length, ld.heldLocks().get(ld.depth() - 1).holds(), "one slot counts the instances");
        for (Object o : objects) {
            assertTrue(ld.release(o));
        }
        assertTrue(ld.release(context));
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "ww_acquire_ctx", "reservation_ww_class_mutex"));
    }

    @Test
    void reacquiringAMergedInstanceIsAHoldCountBump() {
        // Java locks are reentrant under a nest lock too: an instance taken twice needs two releases,
        // whether it is the first instance of the merged entry or a later one.
        Lockdep ld = new Lockdep();
        LockClass ctx = ld.lockClass("ctx");
        LockClass obj = ld.lockClass("obj");
        Object context = new Object();
        Object first = new Object();
        Object second = new Object();
        ld.acquire(context, ctx, Mode.EXCLUSIVE);
        ld.acquireNested(first, obj, Mode.EXCLUSIVE, context);
        ld.acquireNested(second, obj, Mode.EXCLUSIVE, context);
        assertNull(ld.acquireNested(second, obj, Mode.EXCLUSIVE, context));
        assertNull(ld.acquireNested(first, obj, Mode.EXCLUSIVE, context));

        assertTrue(ld.release(second));
        assertTrue(ld.isHeld(second), "second was taken twice");
        assertTrue(ld.release(first));
        assertTrue(ld.isHeld(first), "first was taken twice");
        assertTrue(ld.release(second));
        assertFalse(ld.isHeld(second));
        assertTrue(ld.release(first));
        assertFalse(ld.isHeld(first));
        assertFalse(ld.isHeld(obj));
        assertTrue(ld.release(context));
        assertEquals(0, ld.depth());
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    @Test
    void nestLockExcusesInstanceOrderUnderInstancePolicy() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass ctx = ld.lockClass("ctx");
        LockClass obj = ld.lockClass("obj");
        Object a = new Object();
        Object b = new Object();
        onThread("t1", () -> {
            Object context = new Object();
            ld.acquire(context, ctx, Mode.EXCLUSIVE);
            ld.acquireNested(a, obj, Mode.EXCLUSIVE, context);
            ld.acquireNested(b, obj, Mode.EXCLUSIVE, context);
            ld.release(b);
            ld.release(a);
            ld.release(context);
        });
        onThread("t2", () -> {
            Object context = new Object();
            ld.acquire(context, ctx, Mode.EXCLUSIVE);
            ld.acquireNested(b, obj, Mode.EXCLUSIVE, context);
            ld.acquireNested(a, obj, Mode.EXCLUSIVE, context);
            ld.release(a);
            ld.release(b);
            ld.release(context);
        });
        assertTrue(ld.findings().isEmpty(), "the acquire context orders them: " + ld.findings());
    }

    @Test
    void interleavedOtherClassBreaksTheMergeButNotTheExcuse() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.STRICT).build());
        LockClass ctx = ld.lockClass("ctx");
        LockClass obj = ld.lockClass("obj");
        LockClass other = ld.lockClass("other");
        Object context = new Object();
        Object o1 = new Object();
        Object o2 = new Object();
        Object x = new Object();
        ld.acquire(context, ctx, Mode.EXCLUSIVE);
        ld.acquireNested(o1, obj, Mode.EXCLUSIVE, context);
        ld.acquire(x, other, Mode.EXCLUSIVE);
        // obj -> other -> obj is a real class-level inversion (reported as circular), but the nest lock
        // still excuses the same-class nesting of o1 and o2.
        Finding f = ld.acquireNested(o2, obj, Mode.EXCLUSIVE, context);
        assertTrue(f == null || f.kind() != FindingKind.RECURSIVE, String.valueOf(f));
        assertEquals(4, ld.depth(), "only the top entry merges");
        ld.release(o2);
        ld.release(x);
        ld.release(o1);
        ld.release(context);
        assertEquals(0, ld.depth());
        assertEquals(0, count(ld, FindingKind.RECURSIVE), ld.findings().toString());
        assertEquals(0, count(ld, FindingKind.INSTANCE_INVERSION), ld.findings().toString());
    }

    @Test
    void nestLockNotHeldIsReportedAndTheAcquisitionProceeds() {
        Lockdep ld = new Lockdep();
        LockClass ctx = ld.lockClass("ctx");
        LockClass obj = ld.lockClass("obj");
        Object context = new Object();
        Object o = new Object();
        Finding f = ld.acquireNested(o, obj, Mode.EXCLUSIVE, context);
        assertNotNull(f);
        assertEquals(FindingKind.NEST_LOCK_NOT_HELD, f.kind());
        assertEquals("nest-lock-not-held", f.kind().id());
        assertTrue(ld.isHeld(o), "the acquisition goes on as a plain one");
        assertEquals(1, ld.depth());
        assertTrue(ld.release(o));
        assertEquals(1, ld.findings().size());
        assertFalse(ld.isHeld(ctx));
    }

    @Test
    void nestLockNotHeldFallsBackToPlainSameClassRules() {
        Lockdep ld = new Lockdep(LockdepConfig.builder().sameClass(SameClassPolicy.STRICT).build());
        LockClass obj = ld.lockClass("obj");
        Object context = new Object();
        Object o1 = new Object();
        Object o2 = new Object();
        ld.acquireNested(o1, obj, Mode.EXCLUSIVE, context);
        ld.acquireNested(o2, obj, Mode.EXCLUSIVE, context);
        assertEquals(2, ld.depth(), "no merge without the nest lock");
        assertEquals(2, ld.statistics().detections(FindingKind.NEST_LOCK_NOT_HELD), "one per event");
        assertEquals(1, count(ld, FindingKind.RECURSIVE), "plain strict same-class nesting: " + ld.findings());
        ld.release(o2);
        ld.release(o1);
    }
}
