package io.jlockdep.it.programs;

import io.jlockdep.core.PotentialDeadlockError;
import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.Timeline;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Small inversions for the agent's options and policies (onCycle, log, edges, dump, suppress, contract). */
public final class Policies {
    private Policies() {
    }

    /** The argument {@code uncaught} (last) makes main throw after the scenarios ran. */
    public static void main(String[] args) {
        boolean uncaught = args.length > 0 && args[args.length - 1].equals("uncaught");
        Prog.run(uncaught ? java.util.Arrays.copyOf(args, args.length - 1) : args, scenarios());
        if (uncaught) {
            throw new IllegalStateException("main fails after the scenarios");
        }
    }

    /** The scenarios by name. */
    static java.util.Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "inversion", (Prog.Scenario) Policies::inversion,
                "second-inversion", (Prog.Scenario) Policies::secondInversion,
                "contract-reverse", (Prog.Scenario) Policies::contractReverse,
                "clean", (Prog.Scenario) Policies::clean,
                "throw-lock", (Prog.Scenario) Policies::throwLock,
                "throw-monitor", (Prog.Scenario) Policies::throwMonitor,
                "throw-upgrade", (Prog.Scenario) Policies::throwUpgrade,
                "throw-fence-wait", (Prog.Scenario) Policies::throwFenceWait,
                "worker-dies", (Prog.Scenario) Policies::workerDies,
                "exit0", (Prog.Scenario) () -> System.exit(0),
                "exit3", (Prog.Scenario) () -> System.exit(3));
    }

    /** A thread other than main dies of an uncaught exception (the launcher's status stays 0). */
    static void workerDies() throws InterruptedException {
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("worker fails");
        }, "dying-worker");
        worker.start();
        worker.join();
    }

    static final ReentrantLock ORDERS = new ReentrantLock(); // @policy-orders
    static final ReentrantLock STOCK = new ReentrantLock(); // @policy-stock

    /** ORDERS then STOCK, later STOCK then ORDERS. */
    static void inversion() {
        Prog.halves("order-taker", () -> Prog.nest(ORDERS, STOCK), "stock-keeper", () -> stockThenOrders());
    }

    static void stockThenOrders() {
        STOCK.lock();
        try {
            ORDERS.lock(); // @policy-closing
            ORDERS.unlock();
        } finally {
            STOCK.unlock();
        }
    }

    static final ReentrantLock CUSTOMERS = new ReentrantLock(); // @policy-customers
    static final ReentrantLock INVOICES = new ReentrantLock(); // @policy-invoices

    static void secondInversion() {
        Prog.halves("billing", () -> Prog.nest(CUSTOMERS, INVOICES), "crm", () -> Prog.nest(INVOICES, CUSTOMERS));
    }

    static final ReentrantLock SESSION = new ReentrantLock(); // @contract-session
    static final ReentrantLock CACHE = new ReentrantLock(); // @contract-cache

    /** Only CACHE then SESSION, once: the contract declares SESSION -> CACHE. */
    static void contractReverse() {
        Prog.onThread("cache-filler", () -> Prog.nest(CACHE, SESSION));
    }

    /** Consistent locking only. */
    static void clean() {
        for (int i = 0; i < 2; i++) {
            Prog.onThread("clean-" + i, () -> Prog.nest(ORDERS, STOCK));
        }
    }

    static final ReentrantLock FIRST = new ReentrantLock(); // @throw-first
    static final ReentrantLock SECOND = new ReentrantLock(); // @throw-second

    /**
     * onCycle=throw: the thread that would close the cycle gets PotentialDeadlockError before it takes the
     * lock; the same order a second time is not thrown again (reported once).
     */
    static void throwLock() {
        Prog.onThread("throw-forward", () -> Prog.nest(FIRST, SECOND));
        Prog.onThread("throw-backward", () -> {
            for (int attempt = 1; attempt <= 2; attempt++) {
                SECOND.lock();
                try {
                    FIRST.lock();
                    try {
                        System.out.println("LOCK_TAKEN attempt=" + attempt);
                    } finally {
                        FIRST.unlock();
                    }
                } catch (PotentialDeadlockError e) {
                    System.out.println("LOCK_DENIED attempt=" + attempt + " held=" + FIRST.isHeldByCurrentThread()
                            + " locked=" + FIRST.isLocked() + " id=" + e.finding().cycleId());
                    System.out.println("LOCK_ERROR=" + e.getMessage());
                } finally {
                    SECOND.unlock();
                }
            }
        });
    }

    static final class Left {
    }

    static final class Right {
    }

    static void throwMonitor() {
        Left left = new Left();
        Right right = new Right();
        Prog.onThread("monitor-forward", () -> Prog.nest(left, right));
        Prog.onThread("monitor-backward", () -> {
            synchronized (right) {
                try {
                    synchronized (left) {
                        System.out.println("MONITOR_TAKEN");
                    }
                } catch (PotentialDeadlockError e) {
                    System.out.println("MONITOR_DENIED holds=" + Thread.holdsLock(left) + " id="
                            + e.finding().cycleId());
                }
            }
            // Both monitors are free and the tracker agrees: this consistent nesting reports nothing new.
            Prog.nest(left, right);
        });
    }

    /** Read lock held, then the write lock: denied instead of a real self-deadlock. */
    static void throwUpgrade() {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock(); // @throw-upgrade-rw
        Prog.onThread("upgrader", () -> {
            rw.readLock().lock();
            try {
                rw.writeLock().lock();
                System.out.println("UPGRADE_TAKEN");
                rw.writeLock().unlock();
            } catch (PotentialDeadlockError e) {
                System.out.println("UPGRADE_DENIED writeLocked=" + rw.isWriteLocked() + " readHolds="
                        + rw.getReadHoldCount() + " kind=" + e.finding().kind().id());
            } finally {
                rw.readLock().unlock();
            }
            // The write lock alone works afterwards.
            rw.writeLock().lock();
            rw.writeLock().unlock();
        });
    }

    /** A fence wait under a lock the signalling path takes: denied before waiting. */
    static void throwFenceWait() {
        ReentrantLock driver = new ReentrantLock(); // @throw-fence-driver
        Timeline ring = new Timeline("throw-ring");
        Fence done = ring.createFence(null);
        Prog.onThread("throw-irq", () -> {
            try (Scope s = Signalling.begin()) {
                driver.lock();
                driver.unlock();
            }
        });
        Prog.onThread("throw-waiter", () -> {
            driver.lock();
            try {
                done.await();
                System.out.println("FENCE_WAITED");
            } catch (PotentialDeadlockError e) {
                System.out.println("FENCE_DENIED signaled=" + done.isSignaled());
            } finally {
                driver.unlock();
            }
        });
        done.signal();
    }
}
