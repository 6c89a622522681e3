package io.jlockdep.demo.everyday;

import java.util.ArrayList;
import java.util.List;

/**
 * A bank: accounts, and transfers between them that lock both accounts so that no one sees the money in
 * neither or in both.
 */
public final class Bank {
    private final boolean lockInArgumentOrder;
    private final List<Account> accounts = new ArrayList<>();
    private int transfers;

    /**
     * A bank whose transfers lock the two accounts in account-number order, or, if
     * {@code lockInArgumentOrder}, in the order the caller passes them (the mistake).
     */
    public Bank(boolean lockInArgumentOrder) {
        this.lockInArgumentOrder = lockInArgumentOrder;
    }

    /** Opens an account with {@code cents}. */
    public synchronized Account open(String owner, long cents) {
        Account a = new Account(accounts.size() + 1, owner, cents);
        accounts.add(a);
        return a;
    }

    /** Moves {@code cents} from one account to the other. */
    public void transfer(Account from, Account to, long cents) {
        if (lockInArgumentOrder) {
            transferLockingInArgumentOrder(from, to, cents);
        } else {
            transferLockingInAccountOrder(from, to, cents);
        }
        synchronized (this) {
            transfers++;
        }
    }

    /** How many transfers went through. */
    public synchronized int transfers() {
        return transfers;
    }

    /**
     * DELIBERATE MISTAKE: locks the payer's account, then the payee's. {@code transfer(alice, bob)} and
     * {@code transfer(bob, alice)} at the same moment each hold one account and wait for the other for ever.
     * Rule broken: lock several objects of one kind in one global order, never in the order the caller passes
     * them.
     */
    private static void transferLockingInArgumentOrder(Account from, Account to, long cents) {
        synchronized (from) {
            synchronized (to) {
                move(from, to, cents);
            }
        }
    }

    /** The fix: both accounts are locked lowest account number first, whichever way the money goes. */
    private static void transferLockingInAccountOrder(Account from, Account to, long cents) {
        Account first = from.number() < to.number() ? from : to;
        Account second = first == from ? to : from;
        synchronized (first) {
            synchronized (second) {
                move(from, to, cents);
            }
        }
    }

    private static void move(Account from, Account to, long cents) {
        from.add(-cents);
        to.add(cents);
    }
}
