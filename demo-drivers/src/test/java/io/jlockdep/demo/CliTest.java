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
        assertEquals(11, inversions.size(), "one mistake per bug class of the seeds, and 4 of everyday Java");
        for (String bad : inversions) {
            assertTrue(cleans.contains(bad + "-fixed"), "a fixed twin of " + bad);
        }
        assertTrue(cleans.contains("full-stack"));
        assertEquals(23, names.size());
        // The driver stack's scenarios first (they keep their numbers 1-15 in the tour), then everyday Java's.
        assertEquals(List.of("bank-inversion", "bank-inversion-fixed", "future-under-lock", "future-under-lock-fixed",
                "nested-monitor-lockout", "nested-monitor-lockout-fixed", "latch-under-lock", "latch-under-lock-fixed"),
                names.subList(15, 23));
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
        assertTrue(r.out().contains("summary: 23 scenarios ran;"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void theTourHasTwoPartsNumberedOnAcrossThem() {
        Result r = run();
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.outLines();
        int part1 = lines.indexOf("part 1 of 2: a GPU and display driver stack (scenarios 1-15)");
        int part2 = lines.indexOf("part 2 of 2: everyday Java (scenarios 16-23)");
        assertTrue(part1 > 0 && part2 > part1, r.out());
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("[")) {
                numbered.add(l);
                int n = Integer.parseInt(l.substring(1, l.indexOf('/')));
                assertTrue(n <= 15 ? i > part1 && i < part2 : i > part2, l);
            }
        }
        assertEquals(23, numbered.size(), r.out());
        for (int n = 1; n <= 23; n++) {
            assertTrue(numbered.get(n - 1).startsWith("[" + n + "/23] "), numbered.get(n - 1));
        }
        assertEquals("[1/23] full-stack (expected: clean)", numbered.get(0));
        assertEquals("[16/23] bank-inversion-fixed (expected: clean)", numbered.get(15));
        assertEquals("[17/23] bank-inversion (expected: inversion)", numbered.get(16));
        assertEquals("[23/23] latch-under-lock (expected: inversion)", numbered.get(22));
    }
}
