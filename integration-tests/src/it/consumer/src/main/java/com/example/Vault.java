package com.example;

/** A vault; its monitor guards its balance. */
public class Vault {
    int balance;
}
