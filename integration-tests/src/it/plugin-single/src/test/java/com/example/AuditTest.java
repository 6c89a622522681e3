package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bank's order: the books, then the account. Passes, alone or with DepositTest. */
class AuditTest {
    @Test
    void audit() {
        Bank bank = new Bank();
        assertEquals(0, bank.audit(bank.open()));
    }
}
