package com.example;

import java.util.concurrent.locks.ReentrantLock;

/** A bank whose lock guards the books. */
public class Bank {
    private final ReentrantLock books = new ReentrantLock();
    private int total;

    /** Opens an account (under the books' lock only). */
    public Account open() {
        books.lock();
        try {
            return new Account();
        } finally {
            books.unlock();
        }
    }

    /** The books' lock, then the account's monitor: the bank's order. */
    public int audit(Account account) {
        books.lock();
        try {
            synchronized (account) {
                return total - account.balance;
            }
        } finally {
            books.unlock();
        }
    }

    /** The account's monitor, then the books' lock: the opposite order of {@link #audit}. */
    public void deposit(Account account, int amount) {
        synchronized (account) {
            books.lock();
            try {
                account.balance += amount;
                total += amount;
            } finally {
                books.unlock();
            }
        }
    }
}
