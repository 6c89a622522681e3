package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.Policies;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The command-line tool, {@code java -jar jlockdep-agent.jar report|check|merge}, on recordings the agent
 * made in forked JVMs on JDK 17 and JDK 25 (the shared {@link SharedRuns#policies} and {@link SharedRuns#clean}
 * runs, no extra program JVM). The tool runs on JDK 17 and on JDK 25 for the tests about reading
 * recordings (each reads both JDKs' recordings), on one of them for the others, to keep the JVM count low.
 */
class CliIT {
    /** The integration-tests module: the tool's working directory, so SARIF finds the programs' sources. */
    static final Path MODULE = Paths.get(System.getProperty("jlockdep.it.sources", "src/test/java"))
            .toAbsolutePath().normalize().getParent().getParent().getParent();

    // ------------------------------------------------------------------------------------------ the tool

    /** One run of the tool. */
    record CliRun(Jvm jvm, List<String> command, int exit, String stdout, String stderr, long millis) {
        CliRun assertExit(int expected) {
            assertEquals(expected, exit, () -> "exit status of " + describe());
            return this;
        }

        /** Status 2, nothing on stdout, exactly the line {@code "jlockdep: " + expected} on stderr. */
        CliRun assertError(String expected) {
            assertEquals(2, exit, this::describe);
            assertEquals("", stdout, this::describe);
            assertEquals("jlockdep: " + expected + "\n", stderr, this::describe);
            return this;
        }

        /** Status 2 and one stderr line starting with {@code "jlockdep: " + prefix}, no stack trace. */
        CliRun assertErrorStartsWith(String prefix) {
            assertEquals(2, exit, this::describe);
            assertTrue(stderr.startsWith("jlockdep: " + prefix), this::describe);
            assertEquals(stderr.length() - 1, stderr.indexOf('\n'), () -> "not one line: " + describe());
            return this;
        }

        CliRun assertQuiet() {
            assertEquals("", stderr, this::describe);
            return this;
        }

        /** The last line of stdout. */
        String lastLine() {
            List<String> l = RunResult.lines(stdout);
            return l.isEmpty() ? "" : l.get(l.size() - 1);
        }

        String describe() {
            return "\n--- " + jvm + " (" + millis + " ms): " + String.join(" ", command) + "\n--- exit status: " + exit
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr + "\n--- end ---";
        }
    }

    /** Runs {@code java -jar <agent jar> args} on {@code jvm} in {@link #MODULE}; its outputs are kept in a run directory. */
    static CliRun cli(Jvm jvm, String... args) {
        // C1 only, as Fork runs the programs: a third less CPU for these short runs.
        List<String> cmd = new ArrayList<>(List.of(jvm.java().toString(), "-XX:TieredStopAtLevel=1", "-jar",
                Fork.sessionAgentJar().toString()));
        cmd.addAll(Arrays.asList(args));
        Path dir = Fork.newDir("cli-" + (args.length > 0 ? args[0] : "none") + "-jdk" + jvm.feature());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(MODULE.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        long t0 = System.nanoTime();
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the tool did not finish in 120 s: " + cmd);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\nexit " + p.exitValue() + " in "
                    + millis + " ms\n");
            return new CliRun(jvm, cmd, p.exitValue(), Fork.read(out), Fork.read(err), millis);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code file} as the tool's argument: relative to {@link #MODULE}. */
    static String arg(Path file) {
        return MODULE.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /** The JDKs available for recordings: JDK 17, and JDK 25 when installed. */
    static List<Jvm> recordingJvms() {
        List<Jvm> out = new ArrayList<>(List.of(Jvm.JDK17));
        if (available(Jvm.JDK25)) {
            out.add(Jvm.JDK25);
        }
        return out;
    }

    /** JDK 25 where installed, else the test JVM: for the tests that run the tool on one JDK only. */
    static Jvm second() {
        return available(Jvm.JDK25) ? Jvm.JDK25 : Jvm.JDK17;
    }

    static boolean available(Jvm jvm) {
        try {
            jvm.assumeAvailable();
            return true;
        } catch (org.opentest4j.TestAbortedException e) {
            return false;
        }
    }

    private static List<RunResult> policies() {
        return recordingJvms().stream().map(j -> SharedRuns.policies(j).assertExit(0)).collect(Collectors.toList());
    }

    private static List<RunResult> clean() {
        return recordingJvms().stream().map(j -> SharedRuns.clean(j).assertExit(0)).collect(Collectors.toList());
    }

    private static String[] args(List<RunResult> runs, String... more) {
        List<String> a = new ArrayList<>();
        for (RunResult r : runs) {
            r.jfr();
            a.add(arg(r.dir().resolve("jlockdep.jfr")));
        }
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    private static String[] cat(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static String plural(int n) {
        return n == 1 ? n + " recording" : n + " recordings";
    }

    // ------------------------------------------------------------------------------------------ tests

    @ParameterizedTest(name = "tool on {0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void cleanRecordingsOfBothJdksCheckClean(Jvm tool) {
        tool.assumeAvailable();
        List<RunResult> clean = clean();
        CliRun r = cli(tool, cat("check", args(clean))).assertExit(0).assertQuiet();
        assertEquals("no potential deadlocks in " + plural(clean.size()) + "\n", r.stdout());
        CliRun m = cli(tool, cat("merge", args(clean))).assertExit(0).assertQuiet();
        assertTrue(m.stdout().matches("no potential deadlocks across " + plural(clean.size())
                + " \\(\\d+ dependency edges merged\\)\n"), m::describe);
    }

    @ParameterizedTest(name = "tool on {0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void inversionsAreReportedOnceAcrossRecordingsAndCheckFails(Jvm tool) {
        tool.assumeAvailable();
        List<RunResult> runs = policies();
        List<Finding> findings = runs.get(0).jfr().findings();
        assertEquals(2, findings.size(), runs.get(0)::describe);
        for (RunResult r : runs) {
            assertEquals(findings.stream().map(Finding::cycleId).sorted().toList(),
                    r.jfr().findings().stream().map(Finding::cycleId).sorted().toList(), "stable ids on every JDK");
        }
        CliRun check = cli(tool, cat("check", args(runs))).assertExit(1).assertQuiet();
        for (Finding f : findings) {
            assertTrue(check.stdout().contains(f.report()), () -> "the report of " + f + check.describe());
            assertEquals(1, count(check.stdout(), "cycle id: " + f.cycleId() + "\n"), check::describe);
            if (runs.size() == 2) {
                assertTrue(check.stdout().contains("cycle id: " + f.cycleId() + "\nfound in 2 recordings: "
                        + arg(runs.get(0).dir().resolve("jlockdep.jfr")) + ", "
                        + arg(runs.get(1).dir().resolve("jlockdep.jfr")) + "\n"), check::describe);
            }
        }
        assertEquals("2 potential deadlocks (2 circular) in " + plural(runs.size()), check.lastLine());
        CliRun report = cli(tool, cat("report", args(runs))).assertExit(0).assertQuiet();
        assertEquals(check.stdout(), report.stdout());
    }

    @Test
    void baselineWrittenThenAccepted() throws IOException {
        Jvm tool = second();
        List<RunResult> runs = policies();
        List<Finding> findings = runs.get(0).jfr().findings();
        Path dir = Fork.newDir("cli-baseline-jdk" + tool.feature());
        Path base = dir.resolve("jlockdep-baseline.txt");
        CliRun w = cli(tool, cat("check", args(runs, "--write-baseline", arg(base)))).assertExit(0).assertQuiet();
        assertEquals("wrote 2 cycle ids to baseline " + arg(base), w.lastLine());
        String text = Files.readString(base);
        for (Finding f : findings) {
            assertTrue(text.contains(f.cycleId() + "  # circular " + f.lockClasses() + "\n"), text);
        }
        CliRun ok = cli(tool, cat("check", args(runs, "--baseline", arg(base)))).assertExit(0).assertQuiet();
        assertEquals("no new potential deadlocks in " + plural(runs.size()) + "; accepted by baseline: 2\n", ok.stdout());

        Path partial = dir.resolve("partial.txt");
        Files.writeString(partial, "# one accepted, one fixed long ago\n" + findings.get(0).cycleId() + "\n"
                + "00000000deadbeef  # fixed\n");
        CliRun one = cli(tool, cat("check", args(runs, "--baseline", arg(partial)))).assertExit(1).assertQuiet();
        assertFalse(one.stdout().contains("cycle id: " + findings.get(0).cycleId()), one::describe);
        assertTrue(one.stdout().contains("cycle id: " + findings.get(1).cycleId()), one::describe);
        assertTrue(one.stdout().contains("\nbaseline " + arg(partial) + ": 1 stale id no longer found"
                + " (the deadlock was fixed? remove the line): 00000000deadbeef\n"), one::describe);
        assertEquals("1 new potential deadlock (1 circular) in " + plural(runs.size()) + "; accepted by baseline: 1",
                one.lastLine());
    }

    @Test
    void everyFormatParses() throws Exception {
        Jvm tool = Jvm.JDK17;
        List<RunResult> runs = policies();
        List<String> ids = runs.get(0).jfr().findings().stream().map(Finding::cycleId).toList();

        Object json = Json.parse(cli(tool, cat("check", args(runs, "--format", "json"))).assertExit(1).stdout());
        assertEquals("check", Json.at(json, "command"));
        assertEquals(runs.size(), Json.list(Json.at(json, "recordings")).size());
        List<Object> findings = Json.list(Json.at(json, "findings"));
        assertEquals(2, findings.size());
        for (Object f : findings) {
            assertTrue(ids.contains(Json.at(f, "cycleId")));
            assertEquals(2, Json.list(Json.at(f, "edges")).size());
            assertEquals(runs.size(), Json.list(Json.at(f, "recordings")).size());
        }

        String policiesJava = "src/test/java/io/jlockdep/it/programs/Policies.java";
        String progJava = "src/test/java/io/jlockdep/it/programs/Prog.java";
        Object sarif = Json.parse(cli(tool, cat("check", args(runs, "--format", "sarif"))).assertExit(1).stdout());
        assertEquals("2.1.0", Json.at(sarif, "version"));
        assertEquals("jlockdep", Json.at(sarif, "runs", 0, "tool", "driver", "name"));
        List<Object> results = Json.list(Json.at(sarif, "runs", 0, "results"));
        assertEquals(2, results.size());
        boolean sawClosing = false;
        for (Object res : results) {
            assertEquals("jlockdep/circular", Json.at(res, "ruleId"));
            assertEquals("error", Json.at(res, "level"));
            Object loc = Json.at(res, "locations", 0, "physicalLocation");
            String uri = (String) Json.at(loc, "artifactLocation", "uri");
            assertTrue(uri.equals(policiesJava) || uri.equals(progJava), () -> "found in the module: " + res);
            assertEquals("%SRCROOT%", Json.at(loc, "artifactLocation", "uriBaseId"));
            int line = ((BigDecimal) Json.at(loc, "region", "startLine")).intValue();
            sawClosing |= line == Sources.line(Policies.class, "policy-closing");
            assertEquals(2, Json.list(Json.at(res, "relatedLocations")).size());
            assertTrue(ids.contains(Json.at(res, "partialFingerprints", "jlockdepCycleId/v1")));
        }
        assertTrue(sawClosing, "the ORDERS/STOCK inversion points at the closing ORDERS.lock()");

        String xml = cli(tool, cat("check", args(runs, "--format", "junit"))).assertExit(1).stdout();
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        Document d = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element suites = d.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("2", suites.getAttribute("failures"));
        assertEquals(2, suites.getElementsByTagName("failure").getLength());
        assertEquals("jlockdep", ((Element) suites.getElementsByTagName("testsuite").item(0)).getAttribute("name"));

        String dot = cli(tool, cat("report", args(runs, "--format", "dot"))).assertExit(0).stdout();
        assertTrue(dot.startsWith("digraph \"jlockdep\" {\n") && dot.endsWith("}\n"), dot);
        assertEquals(4, count(dot, " -> n"), dot);
        Path dotTool = onPath("dot");
        if (dotTool != null) {
            Path f = Fork.newDir("cli-dot-jdk" + tool.feature()).resolve("graph.dot");
            Files.writeString(f, dot);
            Process p = new ProcessBuilder(dotTool.toString(), "-Tsvg", "-o", f.resolveSibling("graph.svg").toString(),
                    f.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        }

        // --output writes the file and nothing to stdout
        Path file = Fork.newDir("cli-output-jdk" + tool.feature()).resolve("out/jlockdep.sarif");
        CliRun o = cli(tool, cat("check", args(runs, "--format", "sarif", "--output", arg(file)))).assertExit(1);
        assertEquals("", o.stdout());
        Json.parse(Files.readString(file));
    }

    /** A recording in a JFR format newer than the tool's JDK reads: one line naming the JDK to use. */
    @ParameterizedTest(name = "tool on {0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void aFutureJfrFormatNamesTheJdkToUse(Jvm tool) throws IOException {
        tool.assumeAvailable();
        RunResult run = SharedRuns.policies(Jvm.JDK17);
        run.jfr();
        byte[] future = Files.readAllBytes(run.dir().resolve("jlockdep.jfr"));
        future[5] = 9;
        Path newer = Files.write(Fork.newDir("cli-future-jdk" + tool.feature()).resolve("future.jfr"), future);
        cli(tool, "report", arg(newer)).assertError(arg(newer) + ": JFR file format 9.1 is newer than JDK "
                + tool.feature() + " can read (it reads 1.x and 2.x); run this tool on the JDK that made the recording,"
                + " or a newer one");
    }

    @Name("test.cli.NotJlockdep")
    static final class NotJlockdep extends Event {
        String text;
    }

    @Test
    void badInputIsOneLineAndStatus2() throws IOException {
        Jvm tool = Jvm.JDK17;
        RunResult run = SharedRuns.policies(recordingJvms().get(recordingJvms().size() - 1));
        Path real = run.dir().resolve("jlockdep.jfr");
        run.jfr();
        byte[] bytes = Files.readAllBytes(real);
        Path dir = Fork.newDir("cli-bad-jdk" + tool.feature());

        cli(tool, "check", arg(dir.resolve("no-such.jfr"))).assertError(arg(dir.resolve("no-such.jfr"))
                + ": no such file");
        Path empty = Files.write(dir.resolve("empty.jfr"), new byte[0]);
        cli(tool, "check", arg(empty)).assertError(arg(empty) + ": empty file");
        Path text = Files.writeString(dir.resolve("notes.jfr"), "just some text\n");
        cli(tool, "check", arg(text)).assertError(arg(text) + ": not a JFR recording");
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(bytes, bytes.length / 2));
        // what is wrong with the file, not the JDK parser's exception
        CliRun truncated = cli(tool, "check", arg(cut)).assertErrorStartsWith(arg(cut) + ": truncated JFR recording"
                + " (the file ends at byte " + (bytes.length / 2) + ", ");
        assertFalse(truncated.stderr().contains("Exception"), truncated::describe);

        // a real recording without any jlockdep event: made here, in the test JVM, without the agent
        Path foreign = dir.resolve("foreign.jfr");
        try (Recording r = new Recording()) {
            r.enable(NotJlockdep.class);
            r.start();
            NotJlockdep e = new NotJlockdep();
            e.text = "hello";
            e.commit();
            r.stop();
            r.dump(foreign);
        }
        cli(tool, "check", arg(real), arg(foreign)).assertError(arg(foreign) + ": no jlockdep events - was the agent"
                + " attached (-javaagent:jlockdep-agent.jar=jfr=FILE)?");
        // the Policies runs were recorded without edges=on
        cli(tool, "merge", arg(real)).assertError(arg(real) + ": no dependency edges; record with edges=on");
        Path base = Files.writeString(dir.resolve("base.txt"), "0123456789abcdef\nnot-an-id\n");
        cli(tool, "check", arg(real), "--baseline", arg(base)).assertError(arg(base) + ":2: malformed cycle id"
                + " 'not-an-id' (expected 16 hex digits, as in 'cycle id: 7f4baf92884d54f5')");
        cli(tool, "check", "--format", "xml", arg(real))
                .assertError("check: unknown format 'xml' (valid: text, json, sarif, junit, dot, html)");
        cli(tool, "frob").assertError("unknown command 'frob' (commands: report, check, merge; see --help)");
    }

    @Test
    void helpVersionAndUsage() {
        Jvm tool = second();
        CliRun help = cli(tool, "--help").assertExit(0).assertQuiet();
        assertTrue(help.stdout().startsWith("Usage: java -jar jlockdep-agent.jar COMMAND FILE.jfr... [OPTIONS]\n"),
                help::describe);
        for (String c : new String[] {"report", "check", "merge"}) {
            assertTrue(help.stdout().contains("\n  " + c + " FILE.jfr...   "), help::describe);
        }
        CliRun check = cli(tool, "check", "--help").assertExit(0).assertQuiet();
        assertTrue(check.stdout().startsWith("Usage: java -jar jlockdep-agent.jar check FILE.jfr..."), check::describe);
        assertTrue(check.stdout().contains("--write-baseline FILE"), check::describe);
        CliRun none = cli(tool).assertExit(2);
        assertEquals("", none.stdout());
        assertEquals(help.stdout(), none.stderr(), "the usage, on stderr");
        CliRun version = cli(tool, "--version").assertExit(0).assertQuiet();
        assertTrue(version.stdout().matches("jlockdep \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), version::describe);
    }

    // ------------------------------------------------------------------------------------------ helpers

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    static Path onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Paths.get(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** A strict little JSON parser (objects, arrays, strings with every escape, numbers, literals). */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.ws();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing content at " + p.i);
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) {
            return (List<Object>) o;
        }

        @SuppressWarnings("unchecked")
        static Object at(Object root, Object... path) {
            Object o = root;
            for (Object k : path) {
                if (k instanceof Integer) {
                    o = ((List<Object>) o).get((Integer) k);
                } else {
                    Map<String, Object> m = (Map<String, Object>) o;
                    assertTrue(m.containsKey(k), () -> "no key " + k + " in " + m.keySet());
                    o = m.get(k);
                }
            }
            return o;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    if (m.put(k, value()) != null) {
                        throw new IllegalArgumentException("duplicate key " + k);
                    }
                    ws();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != '}') {
                    throw new IllegalArgumentException("expected } at " + i);
                }
                return m;
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    ws();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != ']') {
                    throw new IllegalArgumentException("expected ] at " + i);
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String lit : new String[] {"true", "false", "null"}) {
                if (s.startsWith(lit, i)) {
                    i += lit.length();
                    return lit.equals("null") ? null : Boolean.valueOf(lit);
                }
            }
            int start = i;
            while (i < s.length() && "-+.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return new BigDecimal(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("raw control character at " + i);
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    case '"', '\\', '/' -> sb.append(e);
                    default -> throw new IllegalArgumentException("bad escape at " + i);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
