package com.example.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.ledger.Ledger;
import com.example.ledger.Vault;
import org.junit.jupiter.api.Test;

/** The other half, in another module's test JVM: only the aggregate report sees the cycle. */
class ReconcileTest {
    @Test
    void reconcile() {
        assertEquals(0, new Ledger().reconcile(new Vault()));
    }
}
