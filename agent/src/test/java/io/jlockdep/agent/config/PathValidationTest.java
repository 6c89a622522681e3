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
    void parsingNeitherChecksNorCreatesOutputs(String key) throws IOException {
        Files.writeString(dir.resolve("plain"), "x");
        Files.createDirectory(dir.resolve("sub"));
        OutputFile out = output(parse(key + "=nope/deeper/x-%%.out"), key);
        assertFalse(Files.exists(dir.resolve("nope")), "the output creates its directories, not parsing");
        assertEquals(key, out.option());
        assertEquals(dir.resolve("nope/deeper/x-%.out"), out.path());
        assertEquals("nope/deeper/x-%%.out", out.given());
        assertEquals("", out.origin());
        // What the output will reject is no parse error.
        assertEquals(dir.resolve("plain/x.out"), output(parse(key + "=plain/x.out"), key).path());
        assertEquals(dir.resolve("sub"), output(parse(key + "=sub"), key).path());
    }

    private static OutputFile output(AgentOptions o, String key) {
        switch (key) {
            case "jfr": return o.jfrOutput();
            case "dump": return o.dumpOutput();
            case "log": return o.logOutput();
            default: throw new AssertionError(key);
        }
    }

    @Test
    void outputNamesExpandProcessIdAndStartTime() {
        long pid = ProcessHandle.current().pid();
        assertEquals(dir.resolve("jlockdep/fork-" + pid + ".jfr"), parse("jfr=jlockdep/fork-%p.jfr").jfrFile());
        assertEquals(dir.resolve("100%-" + pid + ".txt"), parse("dump=100%%-%p.txt").dumpFile());
        String stamped = parse("jfr=run-%t.jfr").jfrFile().getFileName().toString();
        assertTrue(stamped.matches("run-\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.jfr"), stamped);
        assertEquals("a%b%", OptionKinds.expand("a%b%"), "other percent signs stay");
    }

    @Test
    void existingWritableOutputIsFine() throws IOException {
        Path f = Files.writeString(dir.resolve("old.jfr"), "x");
        assertEquals(f, parse("jfr=old.jfr").jfrFile());
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
