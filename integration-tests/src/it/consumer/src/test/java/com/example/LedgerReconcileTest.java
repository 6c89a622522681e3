package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The other half, in another JVM: only `merge` over both recordings sees the cycle. */
class LedgerReconcileTest {
    @Test
    void reconcile() {
        assertEquals(0, new Ledger().reconcile(new Vault()));
    }
}
