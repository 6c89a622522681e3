package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Each test passes on its own; together they are the two halves of a deadlock. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class InversionTest {
    @Test
    void audit() {
        Bank bank = new Bank();
        assertEquals(0, bank.audit(bank.open()));
    }

    @Test
    void deposit() {
        Bank bank = new Bank();
        Account account = bank.open();
        bank.depositWrongOrder(account, 10);
        assertEquals(10, account.balance());
    }
}
