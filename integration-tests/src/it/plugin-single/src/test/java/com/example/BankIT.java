package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An integration test (Failsafe, profile "it"): audits from two threads, in the bank's order only. */
class BankIT {
    @Test
    void concurrentAudits() throws Exception {
        Bank bank = new Bank();
        Account account = bank.open();
        Thread other = new Thread(() -> bank.audit(account), "auditor");
        other.start();
        assertEquals(0, bank.audit(account));
        other.join();
    }
}
