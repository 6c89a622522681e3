package io.jlockdep.it.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Correct locking that must produce no finding: trylocks in the reverse order, read/write downgrades and
 * reentrant reads, waits that release their lock (checked through the edges the waiter takes after it
 * woke up), and same-class nesting in a consistent instance order.
 */
public final class CleanLocking {
    private CleanLocking() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static java.util.Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "trylock-reverse", (Prog.Scenario) CleanLocking::trylockReverse,
                "trylock-inner", (Prog.Scenario) CleanLocking::trylockInner,
                "rrw-downgrade", (Prog.Scenario) CleanLocking::rrwDowngrade,
                "stamped-clean", (Prog.Scenario) CleanLocking::stampedClean,
                "wait-clean", (Prog.Scenario) CleanLocking::waitClean,
                "await-clean", (Prog.Scenario) CleanLocking::awaitClean,
                "ordered-same-class", (Prog.Scenario) CleanLocking::orderedSameClass);
    }

    /** A then B blocking; later B then A with {@code tryLock()} and a timed {@code tryLock}: no cycle. */
    static void trylockReverse() {
        ReentrantLock a = new ReentrantLock(); // @try-a
        ReentrantLock b = new ReentrantLock(); // @try-b
        Prog.halves("try-forward", () -> Prog.nest(a, b), "try-backward", () -> {
            b.lock();
            try {
                Prog.check(a.tryLock(), "tryLock() of a free lock");
                a.unlock();
                Prog.check(a.tryLock(1, TimeUnit.SECONDS), "tryLock(timeout) of a free lock");
                a.unlock();
            } finally {
                b.unlock();
            }
        });
    }

    /** C then D by trylock; later D then C blocking: no edge points to a trylocked acquisition. */
    static void trylockInner() {
        ReentrantLock c = new ReentrantLock(); // @try-c
        ReentrantLock d = new ReentrantLock(); // @try-d
        Prog.halves("tryinner-forward", () -> {
            c.lock();
            try {
                Prog.check(d.tryLock(), "tryLock() of a free lock");
                d.unlock();
            } finally {
                c.unlock();
            }
        }, "tryinner-backward", () -> Prog.nest(d, c));
    }

    /** Write then read (downgrade) and reentrant reads of one lock. */
    static void rrwDowngrade() {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock(); // @downgrade-rw
        Prog.onThread("downgrader", () -> {
            rw.writeLock().lock();
            rw.readLock().lock();
            rw.writeLock().unlock();
            rw.readLock().lock();
            rw.readLock().unlock();
            rw.readLock().unlock();
            rw.writeLock().lock();
            rw.writeLock().lock();
            rw.writeLock().unlock();
            rw.writeLock().unlock();
        });
    }

    /** Stamped locks in one order, with the dedicated unlock methods. */
    static void stampedClean() {
        StampedLock s1 = new StampedLock(); // @stamped-clean-1
        StampedLock s2 = new StampedLock(); // @stamped-clean-2
        for (int i = 0; i < 2; i++) {
            Prog.onThread("stamped-" + i, () -> {
                long w = s1.writeLock();
                long r = s2.readLock();
                s2.unlockRead(r);
                s1.unlockWrite(w);
                long o = s1.tryOptimisticRead();
                Prog.check(s1.validate(o), "optimistic read of a free lock");
            });
        }
    }

    private static volatile boolean woken;

    /**
     * Waits on a monitor held twice (reentrant); the notifier takes the monitor while the waiter waits.
     * After waking the waiter takes {@code afterWake} inside both holds and {@code afterInner} inside the
     * outer one only: the edges monitor -> afterWake and monitor -> afterInner must be recorded for thread
     * "waiter" (which needs the monitor re-acquired with both holds), and no finding (no bad unlock
     * balance when the two holds are released).
     */
    static void waitClean() {
        Object monitor = new Object(); // @wait-clean-monitor
        ReentrantLock afterWake = new ReentrantLock(); // @wait-clean-after-wake
        ReentrantLock afterInner = new ReentrantLock(); // @wait-clean-after-inner
        woken = false;
        Thread waiter = Prog.start("waiter", () -> {
            synchronized (monitor) {
                synchronized (monitor) {
                    while (!woken) {
                        monitor.wait();
                    }
                    afterWake.lock();
                    afterWake.unlock();
                }
                afterInner.lock();
                afterInner.unlock();
            }
        });
        Prog.awaitParked(waiter);
        Prog.onThread("notifier", () -> {
            synchronized (monitor) {
                woken = true;
                monitor.notifyAll();
            }
        });
        Prog.join(waiter);
    }

    private static volatile boolean signalled;

    /** The same with {@code Condition.await} on a lock held twice. */
    static void awaitClean() {
        ReentrantLock lock = new ReentrantLock(); // @await-clean-lock
        Condition changed = lock.newCondition();
        ReentrantLock afterWake = new ReentrantLock(); // @await-clean-after-wake
        ReentrantLock afterInner = new ReentrantLock(); // @await-clean-after-inner
        signalled = false;
        Thread awaiter = Prog.start("awaiter", () -> {
            lock.lock();
            try {
                lock.lock();
                try {
                    while (!signalled) {
                        changed.await();
                    }
                    afterWake.lock();
                    afterWake.unlock();
                } finally {
                    lock.unlock();
                }
                afterInner.lock();
                afterInner.unlock();
            } finally {
                lock.unlock();
            }
        });
        Prog.awaitParked(awaiter);
        Prog.onThread("signaller", () -> {
            lock.lock();
            try {
                signalled = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        Prog.join(awaiter);
    }

    /** Ordered transfers: the account with the lower id is always locked first. */
    static final class Account {
        final int id;
        long balance = 1000;

        Account(int id) {
            this.id = id;
        }

        /** A synchronized method: accounts are monitors by design, so they are classed where made. */
        synchronized long balance() {
            return balance;
        }
    }

    static void transfer(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = from.id < to.id ? to : from;
        synchronized (first) {
            synchronized (second) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    static void orderedSameClass() {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            accounts.add(new Account(i));
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            threads.add(Prog.start("teller-" + t, () -> {
                Random rnd = new Random(seed);
                for (int i = 0; i < 500; i++) {
                    Account a = accounts.get(rnd.nextInt(accounts.size()));
                    Account b = accounts.get(rnd.nextInt(accounts.size()));
                    if (a != b) {
                        transfer(a, b, 1);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            Prog.join(t);
        }
        long total = 0;
        for (Account a : accounts) {
            total += a.balance();
        }
        Prog.check(total == 12_000, "money is conserved");
    }
}
