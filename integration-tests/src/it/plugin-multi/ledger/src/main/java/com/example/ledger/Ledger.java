package com.example.ledger;

import java.util.concurrent.locks.ReentrantLock;

/** A ledger posting to vaults: its journal lock and a vault's monitor, in an order that differs by path. */
public class Ledger {
    private final ReentrantLock journal = new ReentrantLock();
    private int entries;

    /** The journal, then the vault: how postings go. */
    public int post(Vault vault, int amount) {
        journal.lock();
        try {
            synchronized (vault) {
                vault.balance += amount;
                return ++entries;
            }
        } finally {
            journal.unlock();
        }
    }

    /** The vault, then the journal: the opposite order of {@link #post}. */
    public int reconcile(Vault vault) {
        synchronized (vault) {
            journal.lock();
            try {
                return vault.balance - entries;
            } finally {
                journal.unlock();
            }
        }
    }
}
