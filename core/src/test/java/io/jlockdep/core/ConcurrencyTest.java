package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Many threads at once, per-thread isolation, no leaks through dead threads, virtual threads. */
class ConcurrencyTest {

    static final int THREADS = 8;

    /** Starts all bodies together (latch, no sleeps), joins them, rethrows the first failure. */
    static void runTogether(int n, String prefix, java.util.function.IntConsumer body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    body.accept(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, prefix + i);
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(failures.size() + " thread(s) failed", failures.peek());
            throw e;
        }
    }

    @Test
    void consistentOrderOnManyThreadsFindsNothing() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass bank = ld.lockClass("ReentrantLock@Bank");
        LockClass ledger = ld.lockClass("ReentrantReadWriteLock@Ledger");
        LockClass account = ld.lockClass("monitor Account");
        ReentrantLock bankLock = new ReentrantLock();
        ReentrantReadWriteLock ledgerLock = new ReentrantReadWriteLock();
        Object ledgerSync = ledgerLock; // one instance for both sides
        int iterations = 5_000;
        runTogether(THREADS, "worker-", id -> {
            Object mine = new Object(); // a per-thread instance of a shared class
            for (int i = 0; i < iterations; i++) {
                assertNull(ld.acquire(bankLock, bank, Mode.EXCLUSIVE));
                bankLock.lock();
                try {
                    boolean write = (i + id) % 7 == 0;
                    Mode m = write ? Mode.EXCLUSIVE : Mode.SHARED;
                    assertNull(ld.acquire(ledgerSync, ledger, m));
                    if (write) {
                        ledgerLock.writeLock().lock();
                    } else {
                        ledgerLock.readLock().lock();
                    }
                    try {
                        assertNull(ld.acquire(mine, account, Mode.EXCLUSIVE));
                        synchronized (mine) {
                            assertTrue(ld.isHeld(mine));
                        }
                        ld.release(mine);
                    } finally {
                        if (write) {
                            ledgerLock.writeLock().unlock();
                        } else {
                            ledgerLock.readLock().unlock();
                        }
                        assertTrue(ld.release(ledgerSync, m));
                    }
                } finally {
                    bankLock.unlock();
                    assertTrue(ld.release(bankLock));
                }
                assertEquals(0, ld.depth());
            }
        });
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
        Statistics s = ld.statistics();
        assertEquals(3, s.classes());
        assertEquals(3, s.edges(), ld.snapshot().edges().toString());
        assertEquals(0, s.findings());
        for (FindingKind k : FindingKind.values()) {
            assertEquals(0, s.detections(k), k.id());
        }
        int ab = 0;
        for (GraphSnapshot.Edge e : ld.snapshot().edges()) {
            if (e.from().equals(bank.name()) && e.to().equals(ledger.name())) {
                ab = e.types();
            }
        }
        assertEquals(EdgeType.EN.bit(), ab, "bank (W) -> ledger (W or r) is EN");
        assertEquals(0, ld.depth(), "the test thread holds nothing");
    }

    @Test
    void concurrentInversionsAreEachReportedExactlyOnce() throws Exception {
        Lockdep ld = new Lockdep();
        int pairs = 40;
        LockClass[] p = new LockClass[pairs];
        LockClass[] q = new LockClass[pairs];
        for (int i = 0; i < pairs; i++) {
            p[i] = ld.lockClass("P" + i);
            q[i] = ld.lockClass("Q" + i);
        }
        runTogether(THREADS, "racer-", id -> {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < pairs; i++) {
                    boolean forward = (id + i) % 2 == 0;
                    Object l1 = new Object();
                    Object l2 = new Object();
                    LockClass first = forward ? p[i] : q[i];
                    LockClass second = forward ? q[i] : p[i];
                    ld.acquire(l1, first, Mode.EXCLUSIVE);
                    ld.acquire(l2, second, Mode.EXCLUSIVE);
                    ld.release(l2);
                    ld.release(l1);
                }
            }
        });
        assertEquals(pairs, ld.findings().size(), "one finding per inverted pair");
        assertEquals(pairs, ld.statistics().detections(FindingKind.CIRCULAR),
                "each closing (edge, type) is new exactly once");
        for (Finding f : ld.findings()) {
            assertEquals(FindingKind.CIRCULAR, f.kind());
            assertEquals(2, f.length());
        }
    }

    @Test
    void concurrentFirstUseOfAClassNameGivesOneClass() throws Exception {
        Lockdep ld = new Lockdep();
        int names = 200;
        LockClass[][] seen = new LockClass[THREADS][names];
        runTogether(THREADS, "namer-", id -> {
            for (int i = 0; i < names; i++) {
                seen[id][i] = ld.lockClass("Shared-" + i);
            }
        });
        for (int i = 0; i < names; i++) {
            for (int t = 1; t < THREADS; t++) {
                assertSame(seen[0][i], seen[t][i], "Shared-" + i);
            }
        }
        assertEquals(names, ld.statistics().classes());
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (int i = 0; i < names; i++) {
            ids.add(seen[0][i].id());
        }
        assertEquals(names, ids.size(), "ids are distinct");
    }

    @Test
    void heldLockStacksArePerThread() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        Object lock = new Object();
        ld.acquire(lock, a, Mode.EXCLUSIVE);
        AtomicReference<String> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(ld.isHeld(lock) + "/" + ld.isHeld(a) + "/" + ld.depth()
                + "/" + ld.heldLocks().size()), "other");
        t.start();
        t.join();
        assertEquals("false/false/0/0", other.get());
        assertTrue(ld.isHeld(lock));
        ld.release(lock);
    }

    /** Starts a thread that acquires a fresh lock and ends while holding it; returns a weak ref to the lock. */
    static WeakReference<Object> lockHeldByDeadThread(Lockdep ld, LockClass cls) throws InterruptedException {
        AtomicReference<WeakReference<Object>> ref = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Object lock = new Object();
            ref.set(new WeakReference<>(lock));
            ld.acquire(lock, cls, Mode.EXCLUSIVE);
            ld.acquire(new Object(), ld.lockClass("Inner"), Mode.SHARED);
            // ends while holding both
        }, "dies-holding");
        t.start();
        t.join();
        return ref.get();
    }

    static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[64 * 1024];
            }
            if (pressure[0].length == 0) {
                return false; // keep the allocation alive for the optimizer
            }
        }
        return ref.get() == null;
    }

    @Test
    void deadThreadDoesNotKeepItsHeldLocksReachable() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass cls = ld.lockClass("Held");
        WeakReference<Object> ref = lockHeldByDeadThread(ld, cls);
        assertNotNull(ref);
        assertTrue(collected(ref), "the engine keeps a dead thread's held lock reachable");
        // The engine itself still works and the dead thread's stack does not leak into this thread.
        assertEquals(0, ld.depth());
        assertFalse(ld.isHeld(cls));
        assertEquals(1, ld.snapshot().edges().size());
    }

    @Test
    void setClassDoesNotKeepTheInstanceReachable() {
        Lockdep ld = new Lockdep();
        LockClass cls = ld.lockClass("Named");
        WeakReference<Object> ref = setClassOnFreshObject(ld, cls);
        assertTrue(collected(ref), "setClass must not keep a lock instance alive");
    }

    @Test
    void instanceOrderDoesNotKeepInstancesReachable() {
        Lockdep ld = new Lockdep();
        LockClass cls = ld.lockClass("SynchronizedList");
        WeakReference<Object> ref = nestTwoFreshInstances(ld, cls);
        assertTrue(collected(ref), "instance-order edges must not keep lock instances alive");
        // The class keeps working for new instances.
        nestTwoFreshInstances(ld, cls);
        assertTrue(ld.findings().isEmpty(), ld.findings().toString());
    }

    static WeakReference<Object> nestTwoFreshInstances(Lockdep ld, LockClass cls) {
        Object a = new Object();
        Object b = new Object();
        ld.acquire(a, cls, Mode.EXCLUSIVE);
        ld.acquire(b, cls, Mode.EXCLUSIVE);
        ld.release(b);
        ld.release(a);
        return new WeakReference<>(a);
    }

    static WeakReference<Object> setClassOnFreshObject(Lockdep ld, LockClass cls) {
        Object lock = new Object();
        ld.setClass(lock, cls);
        assertSame(cls, ld.classOf(lock));
        return new WeakReference<>(lock);
    }

    @Test
    void virtualThreadsHaveTheirOwnStacksAndFindInversions() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "virtual threads need JDK 21+, running on " + Runtime.version());
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        AtomicReference<Finding> found = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable ab = () -> {
            try {
                Object la = new Object();
                Object lb = new Object();
                ld.acquire(la, a, Mode.EXCLUSIVE);
                ld.acquire(lb, b, Mode.EXCLUSIVE);
                assertEquals(2, ld.depth());
                ld.release(lb);
                ld.release(la);
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        Runnable ba = () -> {
            try {
                assertEquals(0, ld.depth(), "a new virtual thread starts with an empty stack");
                Object lb = new Object();
                Object la = new Object();
                ld.acquire(lb, b, Mode.EXCLUSIVE);
                found.set(ld.acquire(la, a, Mode.EXCLUSIVE));
                ld.release(la);
                ld.release(lb);
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        startVirtual("virtual-1", ab).join();
        startVirtual("virtual-2", ba).join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertNotNull(found.get());
        assertEquals(FindingKind.CIRCULAR, found.get().kind());
        assertEquals("virtual-2", found.get().threadName());

        // Many virtual threads at once, consistent order: nothing.
        List<Thread> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(startVirtual("v" + i, ab));
        }
        for (Thread t : many) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(1, ld.findings().size());
    }

    @Test
    void deadVirtualThreadDoesNotKeepItsHeldLocksReachable() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "virtual threads need JDK 21+, running on " + Runtime.version());
        Lockdep ld = new Lockdep();
        LockClass cls = ld.lockClass("Held");
        WeakReference<Object> ref = lockHeldByDeadVirtualThread(ld, cls);
        assertNotNull(ref);
        assertTrue(collected(ref), "the engine keeps a dead virtual thread's held lock reachable");
    }

    static WeakReference<Object> lockHeldByDeadVirtualThread(Lockdep ld, LockClass cls) throws Exception {
        AtomicReference<WeakReference<Object>> ref = new AtomicReference<>();
        startVirtual("virtual-dies-holding", () -> {
            Object lock = new Object();
            ref.set(new WeakReference<>(lock));
            ld.acquire(lock, cls, Mode.EXCLUSIVE);
        }).join();
        return ref.get();
    }

    /** Thread.ofVirtual().name(name).start(body), by reflection so this compiles for Java 17. */
    static Thread startVirtual(String name, Runnable body) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        builder = builderType.getMethod("name", String.class).invoke(builder, name);
        Method start = builderType.getMethod("start", Runnable.class);
        return (Thread) start.invoke(builder, body);
    }
}
