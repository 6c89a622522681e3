package io.jlockdep.agent.config;

import static io.jlockdep.agent.config.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.SameClassPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final String VALID = String.join(", ", AgentOptions.optionNames());

    @TempDir
    Path work;

    Path confDir;

    @BeforeEach
    void setUp() throws IOException {
        confDir = Files.createDirectory(work.resolve("conf"));
    }

    private Path config(String text) throws IOException {
        return Files.writeString(confDir.resolve("j.properties"), text, StandardCharsets.UTF_8);
    }

    private AgentOptions parse(String args) {
        return AgentOptions.parse(args, work);
    }

    @Test
    void readsOptionsFromFile() throws IOException {
        Files.writeString(confDir.resolve("s.txt"), "");
        config("# comment\n! also a comment\nonCycle = throw\nexitCode: 4\nsameClass strict\n"
                + "include=com.acme.*:org.x.*\nwaits=a.B#c\nsuppress=s.txt\nmaxDepth=9\n");
        AgentOptions o = parse("config=conf/j.properties");
        assertSame(OnCycle.THROW, o.onCycle());
        assertEquals(4, o.exitCode());
        assertSame(SameClassPolicy.STRICT, o.sameClass());
        assertEquals("com.acme.*:org.x.*", o.include().toString());
        assertEquals("a.B#c", o.waits().get(0).pattern());
        assertEquals(9, o.maxDepth());
        assertEquals(confDir.resolve("j.properties"), o.configFile());
        assertTrue(o.isSet("config"));
        assertTrue(o.isSet("onCycle"));
        assertFalse(o.isSet("jfr"));
    }

    @Test
    void relativePathsInFileAreRelativeToTheFile() throws IOException {
        Files.writeString(confDir.resolve("locks.contract"), "");
        config("jfr=out.jfr\ncontract=locks.contract\ndump=../graph.dot\nlog=logs.txt\n");
        AgentOptions o = parse("config=conf/j.properties");
        assertEquals(confDir.resolve("out.jfr"), o.jfrFile());
        assertEquals(confDir.resolve("locks.contract"), o.contractFile());
        assertEquals(work.resolve("graph.dot"), o.dumpFile());
        assertTrue(o.dumpDot());
        assertEquals(confDir.resolve("logs.txt"), o.logFile());
    }

    @Test
    void commandLineOverridesFile() throws IOException {
        config("onCycle=throw\nexitCode=4\njfr=file.jfr\nlog=off\n");
        AgentOptions o = parse("exitCode=9,config=conf/j.properties,jfr=cli.jfr");
        assertSame(OnCycle.THROW, o.onCycle());
        assertEquals(9, o.exitCode());
        assertEquals(work.resolve("cli.jfr"), o.jfrFile());
        assertSame(LogTarget.OFF, o.logTarget());
    }

    @Test
    void valuesAreTrimmedAndUnicodeAndEscapesWork() throws IOException {
        config("\uFEFFonCycle=exit   \ninclude=com.\u00e9t\u00e9.*\nexclude=a.\\u0042*\n");
        AgentOptions o = parse("config=conf/j.properties");
        assertSame(OnCycle.EXIT, o.onCycle());
        assertTrue(o.include().matches("com.\u00e9t\u00e9.X"));
        assertTrue(o.exclude().matches("a.Bx"));
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        config("\n# nothing\n");
        AgentOptions o = parse("config=conf/j.properties");
        assertSame(OnCycle.REPORT, o.onCycle());
        assertTrue(o.toString().endsWith("stacks=on") && o.toString().contains("config=" + confDir.resolve("j.properties")),
                o.toString());
    }

    @Test
    void unknownOptionInFile() throws IOException {
        config("onCycle=throw\nfoo=1\n");
        assertError("config file 'conf/j.properties': unknown option 'foo' (valid options: " + VALID + ")",
                () -> parse("config=conf/j.properties"));
        config("exitcode=1\n");
        assertError("config file 'conf/j.properties': unknown option 'exitcode', did you mean 'exitCode'? "
                + "(valid options: " + VALID + ")", () -> parse("config=conf/j.properties"));
    }

    @Test
    void configInsideConfigFile() throws IOException {
        config("config=other.properties\n");
        assertError("config file 'conf/j.properties': option 'config' cannot be used inside a config file",
                () -> parse("config=conf/j.properties"));
    }

    @Test
    void emptyValueInFile() throws IOException {
        config("jfr=\n");
        assertError("config file 'conf/j.properties': option 'jfr' needs a value, e.g. jfr=out.jfr",
                () -> parse("config=conf/j.properties"));
        config("stacks\n");
        assertError("config file 'conf/j.properties': option 'stacks' needs a value, e.g. stacks=off",
                () -> parse("config=conf/j.properties"));
    }

    @Test
    void emptyKeyInFile() throws IOException {
        config("=throw\n");
        assertError("config file 'conf/j.properties': missing option name in '=throw' (valid options: " + VALID + ")",
                () -> parse("config=conf/j.properties"));
    }

    @Test
    void duplicateKeyInFile() throws IOException {
        config("onCycle=throw\nedges=on\nonCycle=exit\n");
        assertError("config file 'conf/j.properties': option 'onCycle' given twice",
                () -> parse("config=conf/j.properties"));
    }

    @Test
    void badValueInFile() throws IOException {
        config("onCycle=always\n");
        assertError("config file 'conf/j.properties': bad value 'always' for option 'onCycle' "
                + "(valid: report, throw, exit)", () -> parse("config=conf/j.properties"));
    }

    @Test
    void badValueInFileIsAnErrorEvenWhenOverridden() throws IOException {
        config("exitCode=0\n");
        assertError("config file 'conf/j.properties': bad value '0' for option 'exitCode' "
                + "(valid: an integer from 1 to 255)", () -> parse("config=conf/j.properties,exitCode=3"));
    }

    @Test
    void pathErrorsInFileNameTheFile() throws IOException {
        config("jfr=plain/x.jfr\n");
        OutputFile jfr = parse("config=conf/j.properties").jfrOutput();
        assertEquals("config file 'conf/j.properties': ", jfr.origin(), "the output's messages name the file");
        assertEquals("plain/x.jfr", jfr.given());
        assertEquals(confDir.resolve("plain/x.jfr"), jfr.path());
        config("suppress=missing.txt\n");
        assertError("config file 'conf/j.properties': cannot read suppress file 'missing.txt': file '"
                + confDir.resolve("missing.txt") + "' does not exist", () -> parse("config=conf/j.properties"));
    }

    @Test
    void overriddenFilePathIsNotChecked() throws IOException {
        config("jfr=nope/x.jfr\n");
        assertEquals(work.resolve("x.jfr"), parse("config=conf/j.properties,jfr=x.jfr").jfrFile());
        assertFalse(Files.exists(confDir.resolve("nope")), "an overridden path creates no directory");
    }

    @Test
    void missingConfigFile() {
        assertError("cannot read config file 'conf/none.properties': file '" + confDir.resolve("none.properties")
                + "' does not exist", () -> parse("config=conf/none.properties"));
        Path abs = confDir.resolve("none.properties");
        assertError("cannot read config file '" + abs + "': file does not exist", () -> parse("config=" + abs));
    }

    @Test
    void configFileIsADirectory() {
        assertError("cannot read config file 'conf': '" + confDir + "' is a directory", () -> parse("config=conf"));
    }

    @Test
    void configFileNotUtf8() throws IOException {
        Files.write(confDir.resolve("j.properties"),
                new byte[] {'e', 'd', 'g', 'e', 's', '=', 'o', 'n', '\n', 'x', '=', (byte) 0xC3, '(', '\n'});
        assertError("config file 'conf/j.properties': line 2 is not valid UTF-8", () -> parse("config=conf/j.properties"));
    }

    @Test
    void configFileMalformedEscape() throws IOException {
        config("include=a\\u00zz\n");
        assertError("config file 'conf/j.properties': malformed \\uxxxx escape", () -> parse("config=conf/j.properties"));
    }

    @Test
    void controlCharactersInFileValuesAreEscapedInMessages() throws IOException {
        config("onCycle=a\\nb\n");
        assertError("config file 'conf/j.properties': bad value 'a\\nb' for option 'onCycle' "
                + "(valid: report, throw, exit)", () -> parse("config=conf/j.properties"));
    }

    @Test
    void duplicateConfigOnCommandLine() throws IOException {
        config("");
        assertError("option 'config' given twice", () -> parse("config=conf/j.properties,config=conf/j.properties"));
    }
}
