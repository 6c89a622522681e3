package com.example.ledger;

/** A vault; its monitor guards its balance. */
public class Vault {
    public int balance;
}
