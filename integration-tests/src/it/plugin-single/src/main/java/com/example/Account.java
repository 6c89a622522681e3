package com.example;

/** An account; its monitor guards its balance. */
public class Account {
    int balance;

    public synchronized int balance() {
        return balance;
    }
}
