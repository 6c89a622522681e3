package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.cli.internal.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One in-process run of the CLI: exit status, standard output and standard error. */
final class Run {
    final int exit;
    final String out;
    final String err;

    private Run(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** Runs the CLI with {@code args}, file names resolved against {@code workDir}. */
    static Run cli(Path workDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Asserts a bad-input run: status 2, nothing on standard output, and exactly one line on standard
     * error, {@code "jlockdep: " + expected}.
     */
    Run assertError(String expected) {
        assertEquals(2, exit, this::describe);
        assertEquals("", out, this::describe);
        assertEquals("jlockdep: " + expected + "\n", err, this::describe);
        return this;
    }

    /** Asserts a bad-input run whose one error line starts with {@code "jlockdep: " + prefix}. */
    Run assertErrorStartsWith(String prefix) {
        assertEquals(2, exit, this::describe);
        assertEquals("", out, this::describe);
        assertTrue(err.startsWith("jlockdep: " + prefix), this::describe);
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, () -> "not one line: " + describe());
        assertFalse(err.contains("\tat "), this::describe);
        return this;
    }

    Run assertExit(int expected) {
        assertEquals(expected, exit, this::describe);
        return this;
    }

    /** Asserts that nothing went to standard error. */
    Run assertQuiet() {
        assertEquals("", err, this::describe);
        return this;
    }

    /** The last line of standard output. */
    String lastLine() {
        String t = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        return t.substring(t.lastIndexOf('\n') + 1);
    }

    String describe() {
        return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "--- end ---";
    }
}
