package io.jlockdep.core;

/** A contract file could not be read; the message is one line, {@code FILE:LINE: what is wrong}. */
public final class ContractException extends Exception {
    private static final long serialVersionUID = 1L;

    ContractException(String message) {
        super(message);
    }
}
