package io.jlockdep.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.cli.CliException;
import io.jlockdep.cli.Command;
import io.jlockdep.cli.Format;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument parsing of one command (picocli, with the tool's messages). */
class OptionsTest {
    private static CliCommand parse(Command c, String... args) throws CliException {
        return CliCommand.parse(c, Arrays.asList(args));
    }

    private static void assertError(String expected, Command c, String... args) {
        CliException e = assertThrows(CliException.class, () -> parse(c, args));
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void defaultsAreTextToStandardOutput() throws CliException {
        CliCommand o = parse(Command.CHECK, "a.jfr", "b.jfr");
        assertEquals(Format.TEXT, o.format());
        assertNull(o.output());
        assertNull(o.baseline());
        assertNull(o.writeBaseline());
        assertEquals(List.of(), o.sourceRoots());
        assertEquals(List.of("a.jfr", "b.jfr"), o.files());
        assertFalse(o.helpRequested());
    }

    @Test
    void optionsAndFilesMixInAnyOrderWithSpaceOrEquals() throws CliException {
        CliCommand o = parse(Command.CHECK, "--format", "sarif", "a.jfr", "--output=out.sarif", "b.jfr",
                "--baseline", "base.txt", "--source-root", "x/src", "--source-root=y/src", "--write-baseline=new.txt");
        assertEquals(Format.SARIF, o.format());
        assertEquals("out.sarif", o.output());
        assertEquals("base.txt", o.baseline());
        assertEquals("new.txt", o.writeBaseline());
        assertEquals(List.of("x/src", "y/src"), o.sourceRoots());
        assertEquals(List.of("a.jfr", "b.jfr"), o.files());
    }

    @Test
    void everyFormatByName() throws CliException {
        for (Format f : Format.values()) {
            assertEquals(f, parse(Command.REPORT, "--format=" + f.id(), "a.jfr").format());
        }
        assertEquals("text, json, sarif, junit, dot, html", Format.CHOICES);
    }

    @Test
    void doubleDashEndsOptions() throws CliException {
        CliCommand o = parse(Command.CHECK, "--", "--format", "-x.jfr");
        assertEquals(List.of("--format", "-x.jfr"), o.files());
        assertEquals(Format.TEXT, o.format());
    }

    @Test
    void outputValueMayContainAnEqualsSign() throws CliException {
        assertEquals("a=b.json", parse(Command.CHECK, "--output", "a=b.json", "x.jfr").output());
        assertEquals("a=b.json", parse(Command.CHECK, "--output=a=b.json", "x.jfr").output());
    }

    @Test
    void helpNeedsNoFiles() throws CliException {
        assertTrue(parse(Command.MERGE, "--help").helpRequested());
        assertTrue(parse(Command.CHECK, "-h").helpRequested());
        assertTrue(parse(Command.CHECK, "a.jfr", "-h").helpRequested());
    }

    @Test
    void errors() {
        assertError("check: unknown format 'xml' (valid: text, json, sarif, junit, dot, html)", Command.CHECK,
                "--format", "xml", "a.jfr");
        assertError("check: unknown format 'JSON' (valid: text, json, sarif, junit, dot, html)", Command.CHECK,
                "--format=JSON", "a.jfr");
        assertError("check: --format needs a value (text, json, sarif, junit, dot, html)", Command.CHECK, "a.jfr",
                "--format");
        assertError("check: --format needs a value (text, json, sarif, junit, dot, html)", Command.CHECK, "--format=",
                "a.jfr");
        assertError("check: --format needs a value (text, json, sarif, junit, dot, html)", Command.CHECK, "--format",
                "--output", "x", "a.jfr");
        assertError("merge: --output needs a value (a file name)", Command.MERGE, "a.jfr", "--output");
        assertError("check: --baseline needs a value (a file name)", Command.CHECK, "a.jfr", "--baseline");
        assertError("check: --source-root needs a value (a directory)", Command.CHECK, "a.jfr", "--source-root");
        assertError("check: --format given twice", Command.CHECK, "--format", "json", "--format=text", "a.jfr");
        assertError("check: --output given twice", Command.CHECK, "--output", "a", "--output", "b", "a.jfr");
        assertError("merge: --baseline given twice", Command.MERGE, "--baseline", "a", "--baseline", "b", "a.jfr");
        assertError("check: --write-baseline given twice", Command.CHECK, "--write-baseline", "a",
                "--write-baseline", "b", "a.jfr");
        assertError("check: unknown option '--bogus' (see 'java -jar jlockdep-agent.jar check --help')",
                Command.CHECK, "--bogus", "a.jfr");
        assertError("report: unknown option '-x' (see 'java -jar jlockdep-agent.jar report --help')",
                Command.REPORT, "-x", "a.jfr");
        assertError("report: unknown option '--bogus=1' (see 'java -jar jlockdep-agent.jar report --help')",
                Command.REPORT, "--bogus=1", "a.jfr");
        assertError("report: --baseline belongs to check and merge (report never fails on findings)",
                Command.REPORT, "--baseline", "b.txt", "a.jfr");
        assertError("report: --write-baseline belongs to check and merge (report never fails on findings)",
                Command.REPORT, "--write-baseline=b.txt", "a.jfr");
        assertError("check: no recordings given (usage: java -jar jlockdep-agent.jar check FILE.jfr... [options];"
                + " see --help)", Command.CHECK, "--format", "json");
        assertError("merge: no recordings given (usage: java -jar jlockdep-agent.jar merge FILE.jfr... [options];"
                + " see --help)", Command.MERGE);
    }

    @Test
    void picocliExtrasAreOff() throws CliException {
        // no @argument files, no clustered short options, no unknown --option taken as a value
        assertEquals(List.of("@args.txt"), parse(Command.CHECK, "@args.txt").files());
        assertError("check: unknown option '-hx' (see 'java -jar jlockdep-agent.jar check --help')", Command.CHECK,
                "-hx", "a.jfr");
        assertError("check: --output needs a value (a file name)", Command.CHECK, "--output", "--bogus", "a.jfr");
        assertError("check: --source-root needs a value (a directory)", Command.CHECK, "--source-root=", "a.jfr");
        assertError("check: --source-root needs a value (a directory)", Command.CHECK, "--source-root=");
        // the next argument is the value, whatever it looks like, as before: one dash is a value, --names are not
        assertEquals("-x", parse(Command.CHECK, "--output", "-x", "a.jfr").output());
        assertError("check: unknown format '-h' (valid: text, json, sarif, junit, dot, html)", Command.CHECK, "--format",
                "-h", "a.jfr");
        assertError("check: --output needs a value (a file name)", Command.CHECK, "a.jfr", "--output", "--");
        // help any number of times, but only when the rest parses
        assertTrue(parse(Command.CHECK, "-h", "--help").helpRequested());
        assertError("check: unknown option '--bogus' (see 'java -jar jlockdep-agent.jar check --help')",
                Command.CHECK, "--help", "--bogus");
    }

    @Test
    void aLoneDashIsAFileName() throws CliException {
        assertEquals(List.of("-"), parse(Command.CHECK, "-").files());
    }

    @Test
    void commandsAndTheirRules() {
        assertEquals(Command.REPORT, Command.of("report"));
        assertEquals(Command.CHECK, Command.of("check"));
        assertEquals(Command.MERGE, Command.of("merge"));
        assertNull(Command.of("Check"));
        assertFalse(Command.REPORT.failsOnFindings());
        assertTrue(Command.CHECK.failsOnFindings());
        assertTrue(Command.MERGE.failsOnFindings());
        assertFalse(Command.REPORT.takesBaseline());
        assertTrue(Command.MERGE.takesBaseline());
    }
}
