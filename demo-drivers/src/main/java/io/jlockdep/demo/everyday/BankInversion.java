package io.jlockdep.demo.everyday;

import io.jlockdep.demo.scenario.Scenario;
import java.util.List;

/**
 * The classic: a transfer that locks the two accounts in argument order. Alice pays Bob, then Bob pays Alice
 * back; run one after the other, nothing ever hangs.
 */
public final class BankInversion {
    static final String RULE = "lock several objects of one kind in one global order (here: by account number),"
            + " never in the order the caller happens to pass them";

    private BankInversion() {
    }

    public static Scenario mistake() {
        return Scenario.inversion(Scenario.Part.EVERYDAY, "bank-inversion",
                "transfer(from, to) locks the payer's account, then the payee's: alice pays bob on one teller"
                        + " thread, then bob pays alice back on another, each holding one account while it locks"
                        + " the other",
                RULE, "instance-inversion", List.of("Account"), () -> run(true));
    }

    public static Scenario fixed() {
        return Scenario.clean(Scenario.Part.EVERYDAY, "bank-inversion-fixed",
                "transfer(from, to) locks the two accounts lowest account number first: alice pays bob, then bob"
                        + " pays alice back, both locking alice's account first",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        Bank bank = new Bank(mistake);
        Account alice = bank.open("alice", 100_00);
        Account bob = bank.open("bob", 100_00);
        OnThread.run("teller-1", () -> bank.transfer(alice, bob, 30_00));
        OnThread.run("teller-2", () -> bank.transfer(bob, alice, 10_00));
        return bank.transfers() + " transfers: alice has " + dollars(alice.balanceCents()) + ", bob has "
                + dollars(bob.balanceCents());
    }

    private static String dollars(long cents) {
        return "$" + cents / 100 + "." + String.format("%02d", cents % 100);
    }
}
