package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.HostileNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names from the program cannot forge report lines or drive the terminal: the {@link HostileNames} thread and
 * lock class carry a whole {@code WARNING … cycle id: deadbeefdeadbeef} block, ANSI escapes and U+202E. The
 * log and the tool's text show them escaped, on their own lines; the recording keeps them exact.
 */
class HostileNamesIT {
    /** One {@code WARNING: possible circular} line, no forged cycle id line, no raw ESC or bidi override. */
    static void assertNotForged(String text, String what) {
        int warnings = 0;
        for (String line : RunResult.lines(text)) {
            if (line.startsWith("WARNING: possible circular")) {
                warnings++;
            }
            assertFalse(line.startsWith("cycle id: deadbeefdeadbeef"), what + ": a forged line:\n" + text);
            assertFalse(line.startsWith("deadbeefdeadbeef"), what + ": a forged line:\n" + text);
        }
        assertEquals(1, warnings, () -> what + ": WARNING lines in:\n" + text);
        assertEquals(-1, text.indexOf('\u001b'), () -> what + ": a raw ESC in:\n" + text);
        assertEquals(-1, text.indexOf('\u202E'), () -> what + ": a raw U+202E in:\n" + text);
        assertEquals(-1, text.indexOf('\r'), () -> what + ": a raw CR in:\n" + text);
        // the names are shown, escaped, on the lines they belong to
        assertTrue(text.contains("thread \"worker\\n\\n=====\\nWARNING: possible circular locking dependency detected"
                + "\\n-----\\ncycle id: deadbeefdeadbeef\\n\\u001b[31mred\\u001b[0m \\u202edesrever-2\""),
                () -> what + ": no escaped thread name in:\n" + text);
        assertTrue(text.contains("Forged\\n\\n=====\\nWARNING: possible circular locking dependency detected"
                + "\\n-----\\ncycle id: deadbeefdeadbeef\\n\\u001b(0\\u202eend"),
                () -> what + ": no escaped class name in:\n" + text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void forgedNamesStayOnTheirLinesInTheLogAndTheToolsText(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(HostileNames.class).on(jvm).agent("").jfr().args("inversion").run().assertExit(0);
        Finding f = r.jfr().single("circular", HostileNames.CLASS);
        // the recording carries the true names (JSON, SARIF and JUnit are made from them)
        assertEquals(HostileNames.THREAD + "-2", f.thread(), r::describe);
        assertTrue(f.lockClasses().contains("class io.jlockdep.it.programs." + HostileNames.CLASS), f::toString);

        assertNotForged(r.stderr(), "the agent's log" + r.describe());

        CliIT.CliRun report = CliIT.cli(jvm, "report", CliIT.arg(r.dir().resolve("jlockdep.jfr")))
                .assertExit(0).assertQuiet();
        assertNotForged(report.stdout(), "report" + report.describe());
        assertTrue(report.stdout().contains("cycle id: " + f.cycleId() + "\n"), report::describe);
    }
}
