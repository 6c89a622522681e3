package io.jlockdep.agent.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jlockdep.agent.config.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The output files ({@code jfr}, {@code dump}, {@code log}) checked by their sinks through
 * {@link Reporter#check()} at agent start: the option parser's former checks, same messages.
 */
class OutputFileCheckTest {
    @TempDir
    Path dir;

    /** The option {@code key=given} as the parser hands it over: resolved against {@link #dir}. */
    private OutputFile output(String key, String given, String origin) {
        return new OutputFile(key, dir.resolve(given).normalize(), given, origin);
    }

    /** Checks {@code key=given} (from the command line) through the sink that writes it. */
    private void check(String key, String given) {
        check(output(key, given, ""));
    }

    private static void check(OutputFile out) {
        ReportSettings.Builder b = ReportSettings.builder();
        switch (out.option()) {
            case "jfr" -> b.jfrOutput(out);
            case "dump" -> b.dumpOutput(out, false);
            case "log" -> b.logOutput(out);
            default -> throw new IllegalArgumentException(out.option());
        }
        new Reporter(b.build()).check();
    }

    /** Asserts that {@code code} fails with exactly {@code expected}, one line. */
    private static void assertError(String expected, Executable code) {
        OutputFileException e = assertThrows(OutputFileException.class, code);
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertEquals(expected, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfr", "dump", "log"})
    void missingOutputDirectoriesAreCreated(String key) {
        Path nope = dir.resolve("nope-" + key);
        check(key, nope.resolve("x.out").toString());
        assertTrue(Files.isDirectory(nope));
        check(key, "nope-" + key + "/deeper/x.out");
        assertTrue(Files.isDirectory(nope.resolve("deeper")));
        assertFalse(Files.exists(nope.resolve("deeper").resolve("x.out")), "only the directories are created");
    }

    @Test
    void aFileInTheWayOfTheOutputDirectoryIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertError("cannot write jfr file 'plain-file/deeper/x.jfr': '" + file + "' is not a directory",
                () -> check("jfr", "plain-file/deeper/x.jfr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfr", "dump", "log"})
    void outputParentMustBeADirectory(String key) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertError("cannot write " + key + " file 'plain/x.out': '" + file + "' is not a directory",
                () -> check(key, "plain/x.out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfr", "dump", "log"})
    void outputMustNotBeADirectory(String key) throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertError("cannot write " + key + " file 'sub': '" + sub + "' is a directory", () -> check(key, "sub"));
        assertError("cannot write " + key + " file '" + sub + "': it is a directory", () -> check(key, sub.toString()));
    }

    @Test
    void existingWritableOutputIsFine() throws IOException {
        Path f = Files.writeString(dir.resolve("old.jfr"), "x");
        assertDoesNotThrow(() -> check("jfr", "old.jfr"));
        assertEquals("x", Files.readString(f), "checking writes nothing");
    }

    @Test
    void outputDirectoryMustBeWritable() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: every directory is writable");
            assertError("cannot write jfr file 'ro/x.jfr': directory '" + ro + "' is not writable",
                    () -> check("jfr", "ro/x.jfr"));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void existingOutputMustBeWritable() throws IOException {
        Path f = Files.writeString(dir.resolve("ro.dot"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        assumeFalse(Files.isWritable(f), "running as root: every file is writable");
        assertError("cannot write dump file 'ro.dot': file '" + f + "' is not writable", () -> check("dump", "ro.dot"));
        assertError("cannot write dump file '" + f + "': file is not writable", () -> check("dump", f.toString()));
    }

    @Test
    void directoryThatCannotBeCreatedIsAnError() {
        // not even root can make a directory in /proc; the exception's class depends on the JDK
        OutputFileException e = assertThrows(OutputFileException.class,
                () -> check("jfr", "/proc/jlockdep-no-such-dir/x.jfr"));
        assertTrue(e.getMessage().matches("cannot write jfr file '/proc/jlockdep-no-such-dir/x\\.jfr': cannot create "
                + "directory '/proc/jlockdep-no-such-dir' \\(\\w+Exception\\)"), e.getMessage());
    }

    @Test
    void messagesNameTheConfigFileAValueCameFrom() throws IOException {
        Files.writeString(dir.resolve("plain"), "x");
        assertError("config file 'conf/j.properties': cannot write jfr file 'plain/x.jfr': '"
                + dir.resolve("plain") + "' is not a directory",
                () -> check(output("jfr", "plain/x.jfr", "config file 'conf/j.properties': ")));
    }

    @Test
    void theReporterChecksEveryOutputInTurn() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Reporter reporter = new Reporter(ReportSettings.builder().jfrOutput(output("jfr", "ok/x.jfr", ""))
                .dumpOutput(output("dump", "sub", ""), false).build());
        assertError("cannot write dump file 'sub': '" + sub + "' is a directory", reporter::check);
        assertTrue(Files.isDirectory(dir.resolve("ok")), "the jfr file's directory was made before");
        assertFalse(Files.exists(dir.resolve("ok/x.jfr")), "no recording yet");
    }
}
