package io.jlockdep.demo.everyday;

/** A bank account. Its balance is guarded by its own monitor. */
public final class Account {
    private final int number;
    private final String owner;
    private long balanceCents;

    Account(int number, String owner, long balanceCents) {
        this.number = number;
        this.owner = owner;
        this.balanceCents = balanceCents;
    }

    /** The account number: unique in its bank, the order in which transfers lock accounts. */
    public int number() {
        return number;
    }

    public String owner() {
        return owner;
    }

    /** The balance, in cents. */
    public synchronized long balanceCents() {
        return balanceCents;
    }

    /** Called holding this account's monitor. */
    void add(long cents) {
        if (balanceCents + cents < 0) {
            throw new IllegalArgumentException(owner + " has " + balanceCents + " cents, cannot take " + -cents);
        }
        balanceCents += cents;
    }

    @Override
    public String toString() {
        return owner + " (#" + number + ")";
    }
}
