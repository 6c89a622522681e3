package io.jlockdep.demo;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine tour: the README's example inversion, run through the engine API on two real threads one
 * after the other, so it never deadlocks — and jlockdep still reports the deadlock it could have been.
 * (The agent-driven tour of the simulated GPU/display stack replaces this when the agent lands.)
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.err.println("jlockdep-demo-drivers: unexpected argument '" + args[0] + "' (the engine tour takes none)");
            System.exit(2);
        }
        Lockdep lockdep = new Lockdep();
        LockClass accountClass = lockdep.lockClass("monitor com.acme.Account");
        LockClass bankClass = lockdep.lockClass("ReentrantLock@com.acme.Bank.<init>(Bank.java:12)");
        Object account = new Object();
        ReentrantLock bank = new ReentrantLock();

        // worker-1 audits: bank lock, then the account's monitor.
        Thread audit = new Thread(new Runnable() {
            @Override
            public void run() {
                lockdep.acquire(bank, bankClass, Mode.EXCLUSIVE);
                bank.lock();
                try {
                    lockdep.acquire(account, accountClass, Mode.EXCLUSIVE);
                    synchronized (account) {
                        lockdep.release(account);
                    }
                } finally {
                    bank.unlock();
                    lockdep.release(bank);
                }
            }
        }, "worker-1");
        // worker-2 deposits: the account's monitor, then the bank lock — the opposite order.
        Thread deposit = new Thread(new Runnable() {
            @Override
            public void run() {
                lockdep.acquire(account, accountClass, Mode.EXCLUSIVE);
                synchronized (account) {
                    lockdep.acquire(bank, bankClass, Mode.EXCLUSIVE);
                    bank.lock();
                    bank.unlock();
                    lockdep.release(bank);
                }
                lockdep.release(account);
            }
        }, "worker-2");

        System.out.println("jlockdep engine tour: worker-1 runs, then worker-2; the program cannot deadlock as run.");
        audit.start();
        audit.join();
        deposit.start();
        deposit.join();
        for (Finding f : lockdep.findings()) {
            System.out.println();
            System.out.print(f.render());
        }
        System.out.println();
        System.out.println(lockdep.findings().size() + " potential deadlock(s) found; " + lockdep.statistics());
    }
}
