package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One half of the ledger's inversion. This build runs each test class in its own JVM, which sees no cycle. */
class LedgerPostTest {
    @Test
    void post() {
        assertEquals(1, new Ledger().post(new Vault(), 5));
    }
}
