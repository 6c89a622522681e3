package io.jlockdep.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Assertions on {@link OptionException} messages. */
final class Errors {
    private Errors() {
    }

    /** Asserts that {@code code} throws an OptionException whose message is exactly {@code expected}, one line. */
    static OptionException assertError(String expected, Executable code) {
        OptionException e = assertThrows(OptionException.class, code);
        assertOneLine(e.getMessage());
        assertEquals(expected, e.getMessage());
        return e;
    }

    /** Asserts that {@code message} has no line break of any kind. */
    static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r") || message.contains("\u2028")
                || message.contains("\u2029") || message.contains("\u0085"), () -> "not one line: " + message);
        assertFalse(message.startsWith("jlockdep:"), message);
    }
}
