package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The opposite order: the account, then the books. Passes too; with AuditTest it is half of a deadlock. */
class DepositTest {
    @Test
    void deposit() {
        Bank bank = new Bank();
        Account account = bank.open();
        bank.deposit(account, 10);
        assertEquals(10, account.balance());
    }
}
