package io.jlockdep.it.programs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * One inversion per lock type and rule; each scenario has its own lock classes (allocation sites, types),
 * so several can share one JVM and still be told apart. Markers ({@code // @name}) give the tests the
 * lines the agent must name.
 */
public final class LockTypes {
    private LockTypes() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static java.util.Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "rl-inversion", (Prog.Scenario) LockTypes::rlInversion,
                "sync-vs-rl", (Prog.Scenario) LockTypes::syncVsReentrantLock,
                "object-monitor", (Prog.Scenario) LockTypes::objectMonitor,
                "sync-methods", (Prog.Scenario) LockTypes::syncMethods,
                "static-sync", (Prog.Scenario) LockTypes::staticSync,
                "rrw-read-write", (Prog.Scenario) LockTypes::rrwReadWrite,
                "rrw-read-read", (Prog.Scenario) LockTypes::rrwReadRead,
                "rw-upgrade", (Prog.Scenario) LockTypes::rwUpgrade,
                "stamped", (Prog.Scenario) LockTypes::stamped,
                "wait-holding-other", (Prog.Scenario) LockTypes::waitHoldingOther,
                "await-holding-other", (Prog.Scenario) LockTypes::awaitHoldingOther,
                "hostile-objects", (Prog.Scenario) LockTypes::hostileObjects);
    }

    // ---------------------------------------------------------------------------------------- ReentrantLock

    /** Bank transfer style: A then B on one thread, B then A on another. */
    static void rlInversion() {
        ReentrantLock accounts = new ReentrantLock(); // @rl-a
        ReentrantLock audit = new ReentrantLock(); // @rl-b
        Prog.halves("rl-forward", () -> rlForward(accounts, audit), "rl-backward", () -> rlBackward(accounts, audit));
    }

    static void rlForward(ReentrantLock accounts, ReentrantLock audit) {
        accounts.lock();
        try {
            audit.lock(); // @rl-forward-inner
            audit.unlock();
        } finally {
            accounts.unlock();
        }
    }

    static void rlBackward(ReentrantLock accounts, ReentrantLock audit) {
        audit.lock();
        try {
            accounts.lock(); // @rl-backward-inner
            accounts.unlock();
        } finally {
            audit.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------- monitors

    /** A plain application type used as a monitor: named {@code monitor ...LockTypes$Account}. */
    static final class Account {
    }

    static void syncVsReentrantLock() {
        Account account = new Account();
        ReentrantLock ledger = new ReentrantLock(); // @sync-rl
        Prog.halves("sync-first", () -> {
            synchronized (account) {
                ledger.lock();
                ledger.unlock();
            }
        }, "rl-first", () -> {
            ledger.lock();
            try {
                synchronized (account) {
                    account.hashCode();
                }
            } finally {
                ledger.unlock();
            }
        });
    }

    /** {@code new Object()} monitors are named by allocation site. */
    static void objectMonitor() {
        Object guard = new Object(); // @obj-guard
        ReentrantLock other = new ReentrantLock(); // @obj-other
        Prog.halves("obj-first", () -> {
            synchronized (guard) {
                other.lock();
                other.unlock();
            }
        }, "obj-second", () -> {
            other.lock();
            try {
                synchronized (guard) {
                    guard.hashCode();
                }
            } finally {
                other.unlock();
            }
        });
    }

    /** Synchronized instance methods. */
    static final class Ledger {
        synchronized void withLock(Runnable r) {
            r.run();
        }
    }

    static final class Journal {
        synchronized void withLock(Runnable r) {
            r.run();
        }
    }

    static void syncMethods() {
        Ledger ledger = new Ledger();
        Journal journal = new Journal();
        Prog.halves("ledger-first", () -> ledger.withLock(() -> journal.withLock(() -> { })),
                "journal-first", () -> journal.withLock(() -> ledger.withLock(() -> { })));
    }

    /** Static synchronized methods and synchronized (X.class) blocks: both are {@code class X}. */
    static final class Registry {
        static synchronized void withLock(Runnable r) {
            r.run();
        }
    }

    static final class Catalog {
        static synchronized void withLock(Runnable r) {
            r.run();
        }
    }

    static void staticSync() {
        Prog.halves("registry-first", () -> Registry.withLock(() -> Catalog.withLock(() -> { })),
                "catalog-first", () -> {
                    synchronized (Catalog.class) {
                        synchronized (Registry.class) {
                            Registry.class.hashCode();
                        }
                    }
                });
    }

    // ---------------------------------------------------------------------------------------- read/write

    /** Read lock held while taking a plain lock, against that lock held while taking the write lock. */
    static void rrwReadWrite() {
        ReentrantReadWriteLock table = new ReentrantReadWriteLock(); // @rrw-table
        ReentrantLock index = new ReentrantLock(); // @rrw-index
        Prog.halves("reader", () -> Prog.nest(table.readLock(), index),
                "writer", () -> Prog.nest(index, table.writeLock()));
    }

    /**
     * Two read locks in both orders. A {@code ReentrantReadWriteLock} read lock queues behind a waiting
     * writer ({@code r}, non-recursive), so this is a real deadlock once writers wait on both: reported.
     */
    static void rrwReadRead() {
        ReentrantReadWriteLock left = new ReentrantReadWriteLock(); // @rr-left
        ReentrantReadWriteLock right = new ReentrantReadWriteLock(); // @rr-right
        Prog.halves("rr-forward", () -> Prog.nest(left.readLock(), right.readLock()),
                "rr-backward", () -> Prog.nest(right.readLock(), left.readLock()));
    }

    /**
     * Read lock held, then the write lock of the same lock: a certain self-deadlock. The thread blocks
     * for real (interruptibly); main interrupts it once it is parked.
     */
    static void rwUpgrade() throws InterruptedException {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock(); // @upgrade-rw
        Thread t = Prog.start("upgrader", () -> {
            rw.readLock().lock();
            try {
                rw.writeLock().lockInterruptibly(); // @upgrade-write
                Prog.fail(new AssertionError("write lock granted while the read lock is held"));
            } catch (InterruptedException expected) {
                System.out.println("upgrade interrupted");
            } finally {
                rw.readLock().unlock();
            }
        });
        Prog.awaitParked(t);
        t.interrupt();
        Prog.join(t);
    }

    // ---------------------------------------------------------------------------------------- StampedLock

    static void stamped() {
        StampedLock first = new StampedLock(); // @stamped-first
        StampedLock second = new StampedLock(); // @stamped-second
        Prog.halves("stamped-forward", () -> {
            long w = first.writeLock();
            try {
                long r = second.readLock();
                second.unlockRead(r);
            } finally {
                first.unlockWrite(w);
            }
        }, "stamped-backward", () -> {
            long w = second.writeLock();
            try {
                long w2 = first.writeLock();
                first.unlockWrite(w2);
            } finally {
                second.unlockWrite(w);
            }
        });
    }

    // ---------------------------------------------------------------------------------------- waits

    /**
     * Waiting on a monitor while holding another lock taken inside it (nested monitor lockout): the wait
     * releases the monitor and re-takes it while the other lock is held. Found only if the agent tracks
     * the release and the re-acquisition of {@code Object.wait}.
     */
    static void waitHoldingOther() {
        Object monitor = new Object(); // @wait-monitor
        ReentrantLock inner = new ReentrantLock(); // @wait-inner
        Prog.onThread("waiter", () -> {
            synchronized (monitor) {
                inner.lock();
                try {
                    monitor.wait(20); // @wait-call
                } finally {
                    inner.unlock();
                }
            }
        });
    }

    /** The same with {@code Condition.await}. */
    static void awaitHoldingOther() {
        ReentrantLock outer = new ReentrantLock(); // @await-outer
        Condition changed = outer.newCondition();
        ReentrantLock inner = new ReentrantLock(); // @await-inner
        Prog.onThread("awaiter", () -> {
            outer.lock();
            try {
                inner.lock();
                try {
                    changed.await(20, TimeUnit.MILLISECONDS);
                } finally {
                    inner.unlock();
                }
            } finally {
                outer.unlock();
            }
        });
    }

    // ---------------------------------------------------------------------------------------- user code

    /** A monitor type whose identity methods must never be called by the agent. */
    static final class Hostile {
        @Override
        public int hashCode() {
            throw new AssertionError("the agent called hashCode()");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("the agent called equals()");
        }

        @Override
        public String toString() {
            throw new AssertionError("the agent called toString()");
        }
    }

    /** A ReentrantLock subclass with the same traps (allocated as a subclass: named by its type). */
    static final class HostileLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;

        @Override
        public int hashCode() {
            throw new AssertionError("the agent called hashCode()");
        }

        @Override
        public boolean equals(Object o) {
            throw new AssertionError("the agent called equals()");
        }

        @Override
        public String toString() {
            throw new AssertionError("the agent called toString()");
        }
    }

    /**
     * Hook code never calls the program's code: an inversion of two hostile monitors and a hostile lock,
     * found and reported (class inversion, plus the instance inversion of the two monitors) without a
     * single call to their hashCode, equals or toString.
     */
    static void hostileObjects() {
        Hostile first = new Hostile();
        Hostile second = new Hostile();
        HostileLock lock = new HostileLock();
        Prog.halves("hostile-forward", () -> {
            synchronized (first) {
                synchronized (second) {
                    lock.lock();
                    lock.unlock();
                }
            }
        }, "hostile-backward", () -> {
            lock.lock();
            try {
                synchronized (second) {
                    synchronized (first) {
                        Prog.check(Thread.holdsLock(first), "holds the monitor");
                    }
                }
            } finally {
                lock.unlock();
            }
        });
    }
}
