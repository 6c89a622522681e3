package io.jlockdep.it.programs;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The two halves of one inversion, for merging recordings across JVMs: {@code ab} takes the ledger lock then
 * the vault's monitor (thread "auditor"), {@code ba} the vault then the ledger (thread "depositor"),
 * {@code both} runs the two halves one after the other in this JVM. Lock class names are stable across
 * JVMs: an allocation site and a monitor type.
 */
public final class MergeHalves {
    private MergeHalves() {
    }

    static final ReentrantLock LEDGER = new ReentrantLock(); // @merge-ledger
    static final Vault VAULT = new Vault();

    /** A type whose monitor plays one role. */
    static final class Vault {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios(
                "ab", (Prog.Scenario) MergeHalves::ledgerThenVault,
                "ba", (Prog.Scenario) MergeHalves::vaultThenLedger,
                "both", (Prog.Scenario) () -> {
                    ledgerThenVault();
                    vaultThenLedger();
                }));
    }

    static void ledgerThenVault() {
        Prog.onThread("auditor", MergeHalves::audit);
    }

    static void audit() {
        LEDGER.lock();
        try {
            synchronized (VAULT) { // @merge-audit
                Prog.check(Thread.holdsLock(VAULT), "holds the vault");
            }
        } finally {
            LEDGER.unlock();
        }
    }

    static void vaultThenLedger() {
        Prog.onThread("depositor", MergeHalves::deposit);
    }

    static void deposit() {
        synchronized (VAULT) {
            LEDGER.lock(); // @merge-deposit
            LEDGER.unlock();
        }
    }
}
