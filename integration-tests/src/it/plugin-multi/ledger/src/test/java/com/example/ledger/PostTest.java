package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One half of the ledger's inversion; this module's tests alone are clean. */
class PostTest {
    @Test
    void post() {
        assertEquals(1, new Ledger().post(new Vault(), 5));
    }
}
