package io.jlockdep.agent.config;

import static io.jlockdep.agent.config.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.SameClassPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {
    private static final String VALID = "onCycle, exitCode, jfr, log, include, exclude, sameClass, contract, "
            + "suppress, gated, edges, dump, config, waits, sections, events, timedWaits, maxDepth, maxClasses, maxEdges, maxChains, "
            + "maxStackFrames, framesPerTrace, maxInstanceEdges, stacks, cache";
    private static final String DEFAULT_STRING =
            "onCycle=report, exitCode=1, log=stderr, sameClass=instance, gated=ignore, edges=off, events=on, "
                    + "timedWaits=check, stacks=on";

    @TempDir
    Path dir;

    private AgentOptions parse(String args) {
        return AgentOptions.parse(args, dir);
    }

    @BeforeEach
    void inputFiles() throws IOException {
        Files.writeString(dir.resolve("locks.contract"), "");
        Files.writeString(dir.resolve("jlockdep.suppress"), "");
        Files.writeString(dir.resolve("jlockdep.properties"), "");
    }

    // ------------------------------------------------------------------------------------------ defaults

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ",", " , ,, "})
    void blankMeansDefaults(String args) {
        assertDefaults(parse(args));
    }

    @Test
    void nullMeansDefaults() {
        assertDefaults(parse(null));
        assertDefaults(AgentOptions.parse(null));
        assertDefaults(AgentOptions.defaults());
    }

    private static void assertDefaults(AgentOptions o) {
        assertSame(OnCycle.REPORT, o.onCycle());
        assertEquals(1, o.exitCode());
        assertNull(o.jfrFile());
        assertSame(LogTarget.STDERR, o.logTarget());
        assertNull(o.logFile());
        assertTrue(o.include().isEmpty());
        assertTrue(o.exclude().isEmpty());
        assertSame(SameClassPolicy.INSTANCE, o.sameClass());
        assertNull(o.contractFile());
        assertNull(o.suppressFile());
        assertSame(Suppressions.none(), o.loadSuppressions());
        assertFalse(o.edges());
        assertNull(o.dumpFile());
        assertFalse(o.dumpDot());
        assertNull(o.configFile());
        assertTrue(o.waits().isEmpty());
        assertTrue(o.sections().isEmpty());
        assertEquals(64, o.maxDepth());
        assertEquals(16384, o.maxClasses());
        assertEquals(262144, o.maxEdges());
        assertEquals(1048576, o.maxChains());
        assertEquals(2097152, o.maxStackFrames());
        assertEquals(32, o.framesPerTrace());
        assertEquals(65536, o.maxInstanceEdges());
        assertTrue(o.stacks());
        assertTrue(o.startupCacheDir() == null || o.startupCacheDir().endsWith("jlockdep"));
        for (String name : AgentOptions.optionNames()) {
            assertFalse(o.isSet(name), name);
        }
        assertEquals(DEFAULT_STRING, o.toString());
    }

    @Test
    void optionNamesInDocumentationOrder() {
        assertEquals(VALID, String.join(", ", AgentOptions.optionNames()));
        assertThrows(UnsupportedOperationException.class, () -> AgentOptions.optionNames().add("x"));
    }

    @Test
    void isSetRejectsUnknownNames() {
        assertThrows(IllegalArgumentException.class, () -> parse(null).isSet("nope"));
        assertTrue(parse("onCycle=report").isSet("onCycle"));
    }

    // ------------------------------------------------------------------------------------------ syntax

    @Test
    void keysAndValuesAreTrimmed() {
        AgentOptions o = parse("  onCycle = throw ,\texitCode=\t7 , ");
        assertSame(OnCycle.THROW, o.onCycle());
        assertEquals(7, o.exitCode());
    }

    @Test
    void valueMaySplitOnlyAtFirstEquals() {
        assertEquals(dir.resolve("a=b.jfr"), parse("jfr=a=b.jfr").jfrFile());
    }

    @Test
    void keyWithoutValue() {
        assertError("option 'jfr' needs a value, e.g. jfr=out.jfr", () -> parse("jfr"));
        assertError("option 'jfr' needs a value, e.g. jfr=out.jfr", () -> parse("onCycle=throw,jfr="));
        assertError("option 'jfr' needs a value, e.g. jfr=out.jfr", () -> parse("jfr =  "));
    }

    @ParameterizedTest
    @CsvSource({
        "onCycle, throw", "exitCode, 3", "jfr, out.jfr", "log, jlockdep.log", "include, com.acme.*",
        "exclude, com.acme.generated.*", "sameClass, strict", "contract, locks.contract",
        "suppress, jlockdep.suppress", "gated, report", "edges, on", "dump, graph.dot", "config, jlockdep.properties",
        "waits, com.acme.Latch#await", "sections, com.acme.Worker#complete", "events, off", "timedWaits, ignore", "maxDepth, 128",
        "maxClasses, 32768", "maxEdges, 524288", "maxChains, 2097152", "maxStackFrames, 4194304",
        "framesPerTrace, 64", "maxInstanceEdges, 131072", "stacks, off", "cache, off"})
    void everyOptionNeedsAValueAndItsExampleIsValid(String key, String example) {
        assertError("option '" + key + "' needs a value, e.g. " + key + "=" + example, () -> parse(key));
        assertError("option '" + key + "' needs a value, e.g. " + key + "=" + example, () -> parse(key + "="));
        AgentOptions o = parse(key + "=" + example);
        assertTrue(o.isSet(key));
    }

    @Test
    void everyOptionIsCoveredByTheExampleTable() {
        assertEquals(26, AgentOptions.optionNames().size());
    }

    @Test
    void missingKey() {
        assertError("missing option name in '=throw' (valid options: " + VALID + ")", () -> parse("=throw"));
    }

    @Test
    void unknownOption() {
        assertError("unknown option 'colour' (valid options: " + VALID + ")", () -> parse("colour=red"));
        assertError("unknown option 'colour' (valid options: " + VALID + ")", () -> parse("colour"));
    }

    @Test
    void unknownOptionNearMissGetsASuggestion() {
        assertError("unknown option 'onCylce', did you mean 'onCycle'? (valid options: " + VALID + ")",
                () -> parse("onCylce=throw"));
        assertError("unknown option 'maxdepth', did you mean 'maxDepth'? (valid options: " + VALID + ")",
                () -> parse("maxdepth=3"));
        assertError("unknown option 'ONCYCLE', did you mean 'onCycle'? (valid options: " + VALID + ")",
                () -> parse("ONCYCLE=throw"));
        assertError("unknown option 'jf', did you mean 'jfr'? (valid options: " + VALID + ")",
                () -> parse("jf=x.jfr"));
        assertError("unknown option 'supress', did you mean 'suppress'? (valid options: " + VALID + ")",
                () -> parse("supress=x"));
        assertError("unknown option 'suppression' (valid options: " + VALID + ")", () -> parse("suppression=x"));
    }

    @Test
    void keysAreCaseSensitive() {
        assertError("unknown option 'OnCycle', did you mean 'onCycle'? (valid options: " + VALID + ")",
                () -> parse("OnCycle=throw"));
    }

    @Test
    void duplicateKey() {
        assertError("option 'onCycle' given twice", () -> parse("onCycle=report,onCycle=throw"));
        assertError("option 'onCycle' given twice", () -> parse("onCycle=throw, onCycle=throw"));
    }

    @Test
    void unknownOptionReportedBeforeLaterOptions() {
        assertError("unknown option 'foo' (valid options: " + VALID + ")", () -> parse("foo=1,onCycle=bad"));
        assertError("bad value 'bad' for option 'onCycle' (valid: report, throw, exit)",
                () -> parse("onCycle=bad,foo=1"));
    }

    // ------------------------------------------------------------------------------------------ onCycle, exitCode

    @ParameterizedTest
    @CsvSource({"report, REPORT", "throw, THROW", "exit, EXIT"})
    void onCycleValues(String value, OnCycle expected) {
        AgentOptions o = parse("onCycle=" + value);
        assertSame(expected, o.onCycle());
        assertEquals(value, o.onCycle().id());
    }

    @Test
    void onCycleBadValues() {
        assertError("bad value 'always' for option 'onCycle' (valid: report, throw, exit)",
                () -> parse("onCycle=always"));
        assertError("bad value 'THROW' for option 'onCycle', did you mean 'throw'? (valid: report, throw, exit)",
                () -> parse("onCycle=THROW"));
        assertError("bad value 'thorw' for option 'onCycle', did you mean 'throw'? (valid: report, throw, exit)",
                () -> parse("onCycle=thorw"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 42, 254, 255})
    void exitCodeValues(int code) {
        assertEquals(code, parse("exitCode=" + code).exitCode());
    }

    @Test
    void exitCodeWithLeadingZerosIsDecimal() {
        assertEquals(10, parse("exitCode=010").exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "256", "-1", "+5", "abc", "1.5", "1e2", "0x10", "99999999999", "4294967297",
        "00000000001"})
    void exitCodeBadValues(String value) {
        assertError("bad value '" + value + "' for option 'exitCode' (valid: an integer from 1 to 255)",
                () -> parse("exitCode=" + value));
    }

    // ------------------------------------------------------------------------------------------ output files

    @Test
    void jfrFileRelativeToWorkingDirectory() {
        assertEquals(dir.resolve("out.jfr"), parse("jfr=out.jfr").jfrFile());
        assertEquals(dir.resolve("out.jfr"), parse("jfr=./sub/../out.jfr").jfrFile());
    }

    @Test
    void jfrFileAbsolute() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertEquals(sub.resolve("x.jfr"), AgentOptions.parse("jfr=" + sub.resolve("x.jfr")).jfrFile());
    }

    @Test
    void logValues() {
        assertSame(LogTarget.STDERR, parse("log=stderr").logTarget());
        assertNull(parse("log=stderr").logFile());
        assertSame(LogTarget.OFF, parse("log=off").logTarget());
        assertNull(parse("log=off").logFile());
        AgentOptions f = parse("log=reports.log");
        assertSame(LogTarget.Kind.FILE, f.logTarget().kind());
        assertEquals(dir.resolve("reports.log"), f.logFile());
        assertEquals(dir.resolve("stdout"), parse("log=./stdout").logFile());
        assertEquals(dir.resolve("off"), parse("log=./off").logFile());
    }

    @Test
    void logKeywordLookalikesAreErrors() {
        assertError("bad value 'stdout' for option 'log' (valid: stderr, off, or a file path)",
                () -> parse("log=stdout"));
        assertError("bad value 'STDERR' for option 'log', did you mean 'stderr'? (valid: stderr, off, or a file path)",
                () -> parse("log=STDERR"));
        assertError("bad value 'Off' for option 'log', did you mean 'off'? (valid: stderr, off, or a file path)",
                () -> parse("log=Off"));
    }

    @ParameterizedTest
    @CsvSource({"graph.dot, true", "graph.DOT, true", "graph.Dot, true", "graph.txt, false", "graph, false",
        "dot, false", "graph.dot.txt, false"})
    void dumpFormat(String file, boolean dot) {
        AgentOptions o = parse("dump=" + file);
        assertEquals(dir.resolve(file), o.dumpFile());
        assertEquals(dot, o.dumpDot());
    }

    // ------------------------------------------------------------------------------------------ input files

    @Test
    void contractAndSuppressFiles() throws IOException {
        Files.writeString(dir.resolve("s.txt"), "monitor com.acme.*\n");
        AgentOptions o = parse("contract=locks.contract,suppress=s.txt");
        assertEquals(dir.resolve("locks.contract"), o.contractFile());
        assertEquals(dir.resolve("s.txt"), o.suppressFile());
        assertTrue(o.loadSuppressions().suppresses("0000000000000000", List.of("monitor com.acme.Account")));
    }

    @Test
    void loadSuppressionsReportsBadLines() throws IOException {
        Files.writeString(dir.resolve("s.txt"), "# ok\ndeadbeef\n");
        AgentOptions o = parse("suppress=s.txt");
        assertError(dir.resolve("s.txt") + ":2: cycle ids have 16 hex digits, 'deadbeef' has 8", o::loadSuppressions);
    }

    // ------------------------------------------------------------------------------------------ globs

    @Test
    void includeAndExclude() {
        AgentOptions o = parse("include= com.acme.* : org.example.Foo ,exclude=com.acme.generated.*");
        assertEquals("com.acme.*:org.example.Foo", o.include().toString());
        assertTrue(o.include().matches("com.acme.deep.Bank"));
        assertTrue(o.include().matches("org.example.Foo"));
        assertFalse(o.include().matches("org.example.Foo2"));
        assertTrue(o.exclude().matches("com.acme.generated.X"));
        assertFalse(o.exclude().matches("com.acme.X"));
    }

    @Test
    void includeDuplicatesDropped() {
        assertEquals("a.*:b.C", parse("include=a.*:b.C:a.*").include().toString());
    }

    @Test
    void includeInnerClassesAndQuestionMark() {
        AgentOptions o = parse("include=com.acme.Outer$*:com.acme.Cache?");
        assertTrue(o.include().matches("com.acme.Outer$Inner"));
        assertTrue(o.include().matches("com.acme.Cache2"));
        assertFalse(o.include().matches("com.acme.Cache"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "include|a.*::b.*|empty pattern",
        "include|a.*:|empty pattern",
        "exclude|:a.*|empty pattern",
        "exclude|a.* : |empty pattern",
        "include|com/acme/*|pattern 'com/acme/*' uses '/' (class names use '.', e.g. com.acme.*)",
        "exclude|com.acme.A:com.ac me.*|pattern 'com.ac me.*' contains whitespace"})
    void badGlobs(String key, String value, String reason) {
        assertError("bad value '" + value.trim() + "' for option '" + key + "': " + reason
                + " (valid: class-name globs separated by ':', e.g. com.acme.*:org.example.Foo)",
                () -> parse(key + "=" + value));
    }

    // ------------------------------------------------------------------------------------------ sameClass, on/off

    @ParameterizedTest
    @CsvSource({"instance, INSTANCE", "strict, STRICT", "off, OFF"})
    void sameClassValues(String value, SameClassPolicy expected) {
        assertSame(expected, parse("sameClass=" + value).sameClass());
    }

    @ParameterizedTest
    @CsvSource({"ignore, false", "report, true"})
    void gatedValues(String value, boolean report) {
        assertEquals(report, parse("gated=" + value).reportGated());
        assertFalse(parse("onCycle=report").reportGated());
    }

    @Test
    void gatedBadValue() {
        assertError("bad value 'reported' for option 'gated', did you mean 'report'? (valid: ignore, report)",
                () -> parse("gated=reported"));
    }

    @Test
    void sameClassBadValues() {
        assertError("bad value 'none' for option 'sameClass' (valid: instance, strict, off)",
                () -> parse("sameClass=none"));
        assertError("bad value 'Strict' for option 'sameClass', did you mean 'strict'? (valid: instance, strict, off)",
                () -> parse("sameClass=Strict"));
        assertError("bad value 'instances' for option 'sameClass', did you mean 'instance'? "
                + "(valid: instance, strict, off)", () -> parse("sameClass=instances"));
    }

    @Test
    void edgesAndStacks() {
        assertTrue(parse("edges=on").edges());
        assertFalse(parse("edges=off").edges());
        assertTrue(parse("stacks=on").stacks());
        assertFalse(parse("stacks=off").stacks());
    }

    @Test
    void startupCache() {
        assertNull(parse("cache=off").startupCacheDir());
        assertEquals(dir.resolve("build/jlockdep-cache"), parse("cache=build/jlockdep-cache").startupCacheDir());
        assertEquals(dir.resolve("OFF"), parse("cache=./OFF").startupCacheDir());
        assertError("bad value 'Off' for option 'cache', did you mean 'off'? (valid: off, or a directory path)",
                () -> parse("cache=Off"));
        assertTrue(parse("cache=off").toString().endsWith("stacks=on, cache=off"), parse("cache=off")::toString);
        if (System.getenv("XDG_CACHE_HOME") == null) {
            assertEquals(Paths.get(System.getProperty("user.home"), ".cache", "jlockdep"), parse("").startupCacheDir());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"edges", "stacks"})
    void onOffBadValues(String key) {
        assertError("bad value 'true' for option '" + key + "' (valid: on, off)", () -> parse(key + "=true"));
        assertError("bad value 'yes' for option '" + key + "' (valid: on, off)", () -> parse(key + "=yes"));
        assertError("bad value 'ON' for option '" + key + "', did you mean 'on'? (valid: on, off)",
                () -> parse(key + "=ON"));
    }

    // ------------------------------------------------------------------------------------------ events, timedWaits

    @Test
    void eventsAndTimedWaitsAreOnByDefaultAndCanBeSwitched() {
        AgentOptions d = parse("");
        assertTrue(d.events());
        assertTrue(d.timedWaits());
        assertFalse(parse("events=off").events());
        assertFalse(parse("timedWaits=ignore").timedWaits());
        assertTrue(parse("timedWaits=check").timedWaits());
        assertError("bad value 'skip' for option 'timedWaits' (valid: check, ignore)", () -> parse("timedWaits=skip"));
    }

    // ------------------------------------------------------------------------------------------ waits, sections

    @Test
    void waitsAndSections() {
        AgentOptions o = parse("waits=com.acme.Latch#await : com.acme.*#join,sections=com.acme.Worker#*");
        assertEquals(2, o.waits().size());
        assertEquals("com.acme.Latch#await", o.waits().get(0).pattern());
        assertEquals("com.acme.*#join", o.waits().get(1).pattern());
        assertTrue(MethodPattern.anyMatches(o.waits(), "com.acme.Latch", "await"));
        assertTrue(MethodPattern.anyMatches(o.waits(), "com.acme.io.Pool", "join"));
        assertFalse(MethodPattern.anyMatches(o.waits(), "com.acme.Latch", "countDown"));
        assertTrue(MethodPattern.anyMatches(o.sections(), "com.acme.Worker", "anything"));
        assertThrows(UnsupportedOperationException.class, () -> o.waits().clear());
    }

    @Test
    void methodPatternDuplicatesDropped() {
        assertEquals(1, parse("waits=a.B#c:a.B#c").waits().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "waits|com.acme.Latch|pattern 'com.acme.Latch' has no '#' between class and method",
        "waits|a.B#c:d.E|pattern 'd.E' has no '#' between class and method",
        "waits|a.B#c#d|pattern 'a.B#c#d' has more than one '#'",
        "sections|#run|pattern '#run' has no class before '#'",
        "sections|a.B#|pattern 'a.B#' has no method name after '#'",
        "sections|a.B#c::d.E#f|empty pattern",
        "waits|a.B#aw*t|pattern 'a.B#aw*t' names method 'aw*t', which is neither a method name nor '*'",
        "waits|a.B#<init>|pattern 'a.B#<init>' names method '<init>', which is neither a method name nor '*'",
        "waits|a.B #c|pattern 'a.B #c' contains whitespace",
        "waits|a/B#c|pattern 'a/B#c' uses '/' (class names use '.', e.g. com.acme.*)"})
    void badMethodPatterns(String key, String value, String reason) {
        String valid = key.equals("waits")
                ? "Class#method patterns separated by ':', e.g. com.acme.Latch#await:com.acme.*#join"
                : "Class#method patterns separated by ':', e.g. com.acme.Worker#complete:com.acme.io.*#onData";
        assertError("bad value '" + value + "' for option '" + key + "': " + reason + " (valid: " + valid + ")",
                () -> parse(key + "=" + value));
    }

    // ------------------------------------------------------------------------------------------ limits

    @ParameterizedTest
    @ValueSource(strings = {"maxDepth", "maxClasses", "maxEdges", "maxChains", "maxStackFrames", "framesPerTrace",
        "maxInstanceEdges"})
    void limits(String key) {
        assertEquals(1, limit(parse(key + "=1"), key));
        assertEquals(12345, limit(parse(key + "=12345"), key));
        assertEquals(Integer.MAX_VALUE, limit(parse(key + "=2147483647"), key));
        for (String bad : new String[] {"0", "-1", "2147483648", "9999999999", "x", "1k", "1_000", " 1 2"}) {
            assertError("bad value '" + bad.trim() + "' for option '" + key
                    + "' (valid: an integer from 1 to 2147483647)", () -> parse(key + "=" + bad));
        }
    }

    private static int limit(AgentOptions o, String key) {
        switch (key) {
            case "maxDepth": return o.maxDepth();
            case "maxClasses": return o.maxClasses();
            case "maxEdges": return o.maxEdges();
            case "maxChains": return o.maxChains();
            case "maxStackFrames": return o.maxStackFrames();
            case "framesPerTrace": return o.framesPerTrace();
            case "maxInstanceEdges": return o.maxInstanceEdges();
            default: throw new AssertionError(key);
        }
    }

    @Test
    void configureAppliesEngineSettings() {
        LockdepConfig c = parse("sameClass=strict,stacks=off,edges=on,gated=report,maxDepth=10,maxClasses=11,maxEdges=12,"
                + "maxChains=13,maxStackFrames=14,framesPerTrace=15,maxInstanceEdges=16")
                .configure(LockdepConfig.builder()).build();
        assertSame(SameClassPolicy.STRICT, c.sameClass());
        assertFalse(c.captureStacks());
        assertTrue(c.reportEdges());
        assertTrue(c.reportGated());
        assertEquals(Arrays.asList(10, 11, 12, 13, 14, 15, 16), Arrays.asList(c.maxDepth(), c.maxClasses(),
                c.maxEdges(), c.maxChains(), c.maxStackFrames(), c.framesPerTrace(), c.maxInstanceEdges()));
    }

    @Test
    void configureKeepsUnsetLimitsOfTheBuilder() {
        LockdepConfig c = parse("maxDepth=10").configure(LockdepConfig.builder().maxEdges(99)).build();
        assertEquals(10, c.maxDepth());
        assertEquals(99, c.maxEdges());
        assertEquals(LockdepConfig.defaults().maxClasses(), c.maxClasses());
        assertSame(SameClassPolicy.INSTANCE, c.sameClass());
        assertTrue(c.captureStacks());
        assertFalse(c.reportEdges());
        assertFalse(c.reportGated(), "gated=ignore is the default");
    }

    // ------------------------------------------------------------------------------------------ toString

    @Test
    void toStringListsEffectiveOptions() {
        AgentOptions o = parse("stacks=off,onCycle=exit,exitCode=3,jfr=o.jfr,log=off,include=a.*:b.C,"
                + "exclude=x.*,sameClass=off,contract=locks.contract,suppress=jlockdep.suppress,gated=report,"
                + "edges=on,dump=g.dot,waits=a.B#c:d.*#e,sections=f.G#*,maxDepth=5,framesPerTrace=8");
        assertEquals("onCycle=exit, exitCode=3, jfr=" + dir.resolve("o.jfr") + ", log=off, include=a.*:b.C, "
                + "exclude=x.*, sameClass=off, contract=" + dir.resolve("locks.contract") + ", suppress="
                + dir.resolve("jlockdep.suppress") + ", gated=report, edges=on, dump=" + dir.resolve("g.dot")
                + ", waits=a.B#c:d.*#e, sections=f.G#*, events=on, timedWaits=check, maxDepth=5, framesPerTrace=8, stacks=off",
                o.toString());
    }

    @Test
    void toStringShowsLogFile() {
        assertEquals("onCycle=report, exitCode=1, log=" + dir.resolve("r.log")
                + ", sameClass=instance, gated=ignore, edges=off, events=on, timedWaits=check, stacks=on",
                parse("log=r.log").toString());
    }

    @Test
    void toStringIsOneLineEvenForOddPaths() {
        Errors.assertOneLine(parse("jfr=a\nb.jfr").toString());
    }
}
