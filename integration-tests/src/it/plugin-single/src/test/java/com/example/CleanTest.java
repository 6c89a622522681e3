package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Takes the bank's lock and an account's monitor, never one inside the other. */
class CleanTest {
    @Test
    void newAccountIsEmpty() {
        assertEquals(0, new Bank().open().balance());
    }
}
