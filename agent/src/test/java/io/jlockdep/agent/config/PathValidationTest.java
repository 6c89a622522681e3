package io.jlockdep.agent.config;

import static io.jlockdep.agent.config.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidationTest {
    @TempDir
    Path dir;

    private AgentOptions parse(String args) {
        return AgentOptions.parse(args, dir);
    }

    // ------------------------------------------------------------------------------------------ outputs

    @ParameterizedTest
    @ValueSource(strings = {"jfr", "dump", "log"})
    void missingOutputDirectoriesAreCreated(String key) {
        Path nope = dir.resolve("nope-" + key);
        parse(key + "=" + nope.resolve("x.out"));
        assertTrue(Files.isDirectory(nope));
        parse(key + "=nope-" + key + "/deeper/x.out");
        assertTrue(Files.isDirectory(nope.resolve("deeper")));
        assertFalse(Files.exists(nope.resolve("deeper").resolve("x.out")), "only the directories are created");
    }

    @Test
    void outputNamesExpandProcessIdAndStartTime() {
        long pid = ProcessHandle.current().pid();
        assertEquals(dir.resolve("jlockdep/fork-" + pid + ".jfr"), parse("jfr=jlockdep/fork-%p.jfr").jfrFile());
        assertEquals(dir.resolve("100%-" + pid + ".txt"), parse("dump=100%%-%p.txt").dumpFile());
        String stamped = parse("jfr=run-%t.jfr").jfrFile().getFileName().toString();
        assertTrue(stamped.matches("run-\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.jfr"), stamped);
        assertEquals("a%b%", AgentOptions.expand("a%b%"), "other percent signs stay");
    }

    @Test
    void aFileInTheWayOfTheOutputDirectoryIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertError("cannot write jfr file 'plain-file/deeper/x.jfr': '" + file + "' is not a directory",
                () -> parse("jfr=plain-file/deeper/x.jfr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfr", "dump", "log"})
    void outputParentMustBeADirectory(String key) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertError("cannot write " + key + " file 'plain/x.out': '" + file + "' is not a directory",
                () -> parse(key + "=plain/x.out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfr", "dump", "log"})
    void outputMustNotBeADirectory(String key) throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertError("cannot write " + key + " file 'sub': '" + sub + "' is a directory", () -> parse(key + "=sub"));
        assertError("cannot write " + key + " file '" + sub + "': it is a directory", () -> parse(key + "=" + sub));
    }

    @Test
    void existingWritableOutputIsFine() throws IOException {
        Path f = Files.writeString(dir.resolve("old.jfr"), "x");
        assertEquals(f, parse("jfr=old.jfr").jfrFile());
    }

    @Test
    void outputDirectoryMustBeWritable() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: every directory is writable");
            assertError("cannot write jfr file 'ro/x.jfr': directory '" + ro + "' is not writable",
                    () -> parse("jfr=ro/x.jfr"));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void existingOutputMustBeWritable() throws IOException {
        Path f = Files.writeString(dir.resolve("ro.dot"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        assumeFalse(Files.isWritable(f), "running as root: every file is writable");
        assertError("cannot write dump file 'ro.dot': file '" + f + "' is not writable", () -> parse("dump=ro.dot"));
        assertError("cannot write dump file '" + f + "': file is not writable", () -> parse("dump=" + f));
    }

    @Test
    void outputsMustDiffer() {
        assertError("options 'jfr' and 'dump' name the same file '" + dir.resolve("x") + "'",
                () -> parse("jfr=x,dump=./x"));
        assertError("options 'jfr' and 'log' name the same file '" + dir.resolve("x") + "'",
                () -> parse("log=" + dir.resolve("x") + ",jfr=x"));
        assertError("options 'dump' and 'log' name the same file '" + dir.resolve("x") + "'",
                () -> parse("log=x,dump=sub/../x"));
    }

    @Test
    void invalidPath() {
        assertError("bad value 'a\\u0000b.jfr' for option 'jfr': Nul character not allowed (valid: a file path)",
                () -> parse("jfr=a\u0000b.jfr"));
    }

    // ------------------------------------------------------------------------------------------ inputs

    @ParameterizedTest
    @ValueSource(strings = {"contract", "suppress"})
    void inputMustExist(String key) {
        assertError("cannot read " + key + " file 'in.txt': file '" + dir.resolve("in.txt") + "' does not exist",
                () -> parse(key + "=in.txt"));
        assertError("cannot read " + key + " file '" + dir.resolve("in.txt") + "': file does not exist",
                () -> parse(key + "=" + dir.resolve("in.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"contract", "suppress", "config"})
    void inputMustNotBeADirectory(String key) throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertError("cannot read " + key + " file 'sub': '" + sub + "' is a directory", () -> parse(key + "=sub"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"contract", "suppress", "config"})
    void inputMustBeReadable(String key) throws IOException {
        Path f = Files.writeString(dir.resolve("secret"), "");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("-w-------"));
        assumeFalse(Files.isReadable(f), "running as root: every file is readable");
        assertError("cannot read " + key + " file 'secret': file '" + f + "' is not readable",
                () -> parse(key + "=secret"));
    }
}
