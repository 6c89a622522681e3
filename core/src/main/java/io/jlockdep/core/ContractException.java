package io.jlockdep.core;

/**
 * A contract file could not be used; the message is one line (names escaped, see {@link HumanText}):
 * {@code FILE:LINE: what is wrong} for a malformed line or bytes that are not UTF-8,
 * {@code FILE: the declared orders form a cycle: A -> B -> A (FILE:1, FILE:2)} for contradicting orders.
 */
public final class ContractException extends Exception {
    private static final long serialVersionUID = 1L;

    ContractException(String message) {
        super(HumanText.escape(message));
    }
}
