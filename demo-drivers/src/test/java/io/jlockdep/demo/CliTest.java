package io.jlockdep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.demo.scenario.Scenario;
import io.jlockdep.demo.scenario.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, without the agent. */
class CliTest {
    /** What a run printed and returned. */
    private record Result(int status, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listPrintsNameExpectedAndDescriptionPerScenario() {
        Result r = run("list");
        assertEquals(0, r.status());
        assertEquals("", r.err());
        List<String> names = new ArrayList<>();
        Set<String> inversions = new HashSet<>();
        Set<String> cleans = new HashSet<>();
        for (String line : r.outLines()) {
            String[] f = line.split("\t", -1);
            assertEquals(3, f.length, line);
            assertTrue(f[0].matches("[a-z]+(-[a-z]+)*"), "kebab-case name: " + f[0]);
            assertTrue(f[1].equals("inversion") || f[1].equals("clean"), line);
            assertTrue(f[2].length() > 20 && !f[2].contains("\t"), line);
            names.add(f[0]);
            (f[1].equals("inversion") ? inversions : cleans).add(f[0]);
        }
        assertEquals(Scenarios.names(), names);
        assertEquals(7, inversions.size(), "one mistake per bug class of the seeds");
        for (String bad : inversions) {
            assertTrue(cleans.contains(bad + "-fixed"), "a fixed twin of " + bad);
        }
        assertTrue(cleans.contains("full-stack"));
        assertEquals(15, names.size());
    }

    @Test
    void helpPrintsUsage() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: "), r.out());
        assertTrue(r.out().contains("run NAME..."), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "--verbose", "list extra", "run", "--help me", "run wait-under-lock nope"})
    void badArgumentsAreOneLineAndStatusTwo(String commandLine) {
        Result r = run(commandLine.split(" "));
        assertEquals(2, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("jlockdep-demo-drivers: "), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @Test
    void anUnknownScenarioNameListsTheValidOnes() {
        Result r = run("run", "wait-under-lock", "no-such-thing");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'no-such-thing'"), r.err());
        for (String name : Scenarios.names()) {
            assertTrue(r.err().contains(name), r.err());
        }
    }

    @Test
    void runRunsTheNamedScenariosInOrder() {
        Result r = run("run", "multi-bo-no-ctx-fixed", "wait-under-lock");
        assertEquals(0, r.status(), r.err());
        assertEquals(2, r.outLines().size(), r.out());
        assertTrue(r.outLines().get(0).startsWith("multi-bo-no-ctx-fixed: copied "), r.out());
        assertTrue(r.outLines().get(1).startsWith("wait-under-lock: 3 frames rendered"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void theTourWithoutTheAgentRunsEveryScenarioAndSaysHowToSeeTheReports() {
        Result r = run();
        assertEquals(0, r.status(), r.err());
        for (Scenario s : Scenarios.all()) {
            assertTrue(r.out().contains("] " + s.name() + " (expected: " + s.expected().label() + ")"), s.name());
        }
        assertTrue(r.out().contains("jlockdep is NOT attached"), r.out());
        assertTrue(r.out().contains("-javaagent:agent/target/jlockdep-agent.jar"), r.out());
        assertTrue(r.out().contains("summary: 15 scenarios ran;"), r.out());
        assertEquals("", r.err());
    }
}
