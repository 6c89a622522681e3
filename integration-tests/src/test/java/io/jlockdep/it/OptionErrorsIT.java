package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.programs.Policies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad option stops the JVM before the program starts: exit status 2 and exactly one line on
 * stderr, starting with {@code jlockdep:} and naming the problem.
 */
class OptionErrorsIT {
    /** One bad option: a name, the option text (given the run's directory) and a fragment of the message. */
    record Case(String name, Function<Path, String> options, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Path file(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        l.add(new Case("unknown key", d -> "onCycles=throw", "unknown option 'onCycles', did you mean 'onCycle'?"));
        l.add(new Case("bad onCycle", d -> "onCycle=explode", "bad value 'explode' for option 'onCycle' (valid: report, throw, exit)"));
        l.add(new Case("exitCode 0", d -> "exitCode=0", "bad value '0' for option 'exitCode'"));
        l.add(new Case("exitCode not a number", d -> "exitCode=abc", "bad value 'abc' for option 'exitCode'"));
        l.add(new Case("bad sameClass", d -> "sameClass=weird", "bad value 'weird' for option 'sameClass'"));
        l.add(new Case("bad edges", d -> "edges=yes", "bad value 'yes' for option 'edges' (valid: on, off)"));
        l.add(new Case("negative limit", d -> "maxDepth=-1", "bad value '-1' for option 'maxDepth'"));
        l.add(new Case("missing value", d -> "onCycle", "option 'onCycle' needs a value"));
        l.add(new Case("option twice", d -> "log=off,log=stderr", "option 'log' given twice"));
        l.add(new Case("bad method pattern", d -> "waits=com.acme.Latch", "has no '#' between class and method"));
        l.add(new Case("missing config file", d -> "config=" + d.resolve("missing.properties"),
                "cannot read config file '"));
        l.add(new Case("bad value in config file",
                d -> "config=" + file(d, "bad.properties", "onCycle=sometimes\n"),
                "config file '"));
        // Missing directories are created; one that cannot be (not even by root) is an error.
        l.add(new Case("jfr directory cannot be created", d -> "jfr=/proc/jlockdep-no-such-dir/x.jfr",
                "cannot create directory '/proc/jlockdep-no-such-dir'"));
        l.add(new Case("jfr parent is a file", d -> "jfr=" + file(d, "plain-file", "") + "/x.jfr",
                "is not a directory"));
        l.add(new Case("jfr is a directory", d -> "jfr=" + d, "is a directory"));
        l.add(new Case("missing contract file", d -> "contract=" + d.resolve("none.contract"),
                "cannot read contract file '"));
        l.add(new Case("malformed contract", d -> "contract=" + file(d, "bad.contract", "A -> \n"),
                "bad.contract:1: "));
        l.add(new Case("contract orders form a cycle",
                d -> "contract=" + file(d, "cycle.contract", "# team A\nA -> B\n# team B\nB -> A\n"),
                "cycle.contract: the declared orders form a cycle: A -> B -> A ("));
        l.add(new Case("contract not UTF-8", d -> {
            Path p = file(d, "latin1.contract", "");
            try {
                Files.write(p, "A -> B\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return "contract=" + p;
        }, "latin1.contract:2: not valid UTF-8 text"));
        l.add(new Case("malformed suppress file", d -> "suppress=" + file(d, "bad.suppress", "5f1c0a2b3c4d5e6\n"),
                "bad.suppress:1: "));
        return l;
    }

    static Stream<Arguments> jvmsAndCases() {
        return Jvm.all().flatMap(j -> cases().stream().map(c -> Arguments.of(j, c)));
    }

    /** A jfr file in a directory the JVM may not write (only testable when not running as root). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void unwritableJfrDirectory(Jvm jvm) throws IOException {
        jvm.assumeAvailable();
        Path dir = Fork.newDir("unwritable-jfr-dir-" + jvm.feature());
        Path locked = Files.createDirectories(dir.resolve("read-only"));
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            Assumptions.assumeFalse(Files.isWritable(locked),
                    "running as root: a directory cannot be made unwritable, case skipped");
            RunResult r = Fork.program(Policies.class).on(jvm).agent("jfr=" + locked.resolve("x.jfr")).args("inversion")
                    .runIn(dir);
            r.assertExit(2);
            assertEquals(1, r.stderrLines().size(), r::describe);
            assertTrue(r.stderrLines().get(0).startsWith("jlockdep: cannot write jfr file '"), r::describe);
            assertTrue(r.stderrLines().get(0).contains("is not writable"), r::describe);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("jvmsAndCases")
    void badOptionStopsTheJvmWithOneLine(Jvm jvm, Case c) {
        jvm.assumeAvailable();
        Path dir = Fork.newDir("bad-option-" + c.name() + "-" + jvm.feature());
        String options = c.options().apply(dir);
        RunResult r = Fork.program(Policies.class).on(jvm).agent(options).args("inversion").runIn(dir);
        r.assertExit(2);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), () -> "stderr lines for " + options + r.describe());
        assertTrue(lines.get(0).startsWith("jlockdep: "), r::describe);
        assertTrue(lines.get(0).contains(c.expected()), () -> "expected '" + c.expected() + "' in: " + lines.get(0));
        assertEquals("", r.stdout(), "the program must not run");
    }
}
