package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.HumanText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from a recording (threads, lock classes, files, frames) that try to forge report lines, drive the
 * terminal or leave the source root: the human outputs escape them, the machine outputs keep them exact.
 */
class HostileNamesTest {
    static final String FORGED = "\n\n=====\nWARNING: possible circular locking dependency detected\n"
            + "cycle id: deadbeefdeadbeef\n\u001b[31mred\u001b[0m \u202Edesrever\u202C\u0085";

    @TempDir
    Path dir;

    /** No raw control, bidi or separator character but line feeds; no forged line start. */
    static void assertSafeText(String text, int warnings) {
        int seen = 0;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("WARNING:")) {
                seen++;
            }
            assertFalse(line.startsWith("cycle id: deadbeef"), "forged line in:\n" + text);
        }
        assertEquals(warnings, seen, text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertTrue(c == '\n' || !HumanText.isUnsafe(c), "raw U+" + Integer.toHexString(c) + " in:\n" + text);
        }
    }

    @Test
    void reportTextFromARecordingCannotDriveTheTerminal() throws Exception {
        String a = "Object A" + FORGED;
        String b = "Object B" + FORGED;
        // as an agent that did not escape names would have written it
        String report = "=====\nWARNING: possible circular locking dependency detected\nthread \"t\u001b[2J\u202E\"\n"
                + "cycle id: 0123456789abcdef\n";
        Recordings.builder().finding("0123456789abcdef", "circular", b + " -> " + a + " -> " + b, 2, report,
                        "t" + FORGED, "\tat com.acme.X.run(X.java:3)")
                .edge("0123456789abcdef", 0, b, a, "EN", "t" + FORGED, "\tat com.acme.X.run(X.java:3)", "observed", "")
                .edge("0123456789abcdef", 1, a, b, "EN", "u" + FORGED, "\tat com.acme.X.run(X.java:4)", "observed",
                        FORGED)
                .write(dir.resolve("r.jfr"));
        Run text = Run.cli(dir, "report", "r.jfr").assertExit(0).assertQuiet();
        assertSafeText(text.out, 1);
        assertTrue(text.out.contains("thread \"t\\u001b[2J\\u202e\""), text.out);
        // JSON keeps the exact names
        Run json = Run.cli(dir, "report", "r.jfr", "--format", "json").assertExit(0).assertQuiet();
        Map<String, Object> f = Json.obj(Json.arr(Json.obj(Json.parse(json.out)).get("findings")).get(0));
        assertEquals(b + " -> " + a + " -> " + b, f.get("lockClasses"));
        // DOT is read by humans too (labels, tooltips); SARIF and JUnit carry exact names, as JSON
        Run dot = Run.cli(dir, "report", "r.jfr", "--format", "dot").assertExit(0).assertQuiet();
        for (int i = 0; i < dot.out.length(); i++) {
            char c = dot.out.charAt(i);
            assertTrue(c == '\n' || !HumanText.isUnsafe(c), "dot: raw U+" + Integer.toHexString(c));
        }
        assertTrue(dot.out.contains("Object A\\\\n\\\\n=====\\\\nWARNING"), dot.out);
    }

    @Test
    void aMergedReportEscapesTheNamesOfEveryRecording() throws Exception {
        String a = "Object A" + FORGED;
        String b = "Object B" + FORGED;
        Recordings.builder().plainEdge(a, b, "EN", "t" + FORGED, "\tat com.acme.X.run(X" + FORGED + ".java:3)", FORGED)
                .statistics(true).write(dir.resolve("one.jfr"));
        Recordings.builder().plainEdge(b, a, "EN", "u" + FORGED, "\tat com.acme.Y.run(Y.java:3)", "")
                .statistics(true).write(dir.resolve("two.jfr"));
        Run r = Run.cli(dir, "merge", "one.jfr", "two.jfr").assertExit(1).assertQuiet();
        assertSafeText(r.out, 1);
        assertTrue(r.out.contains("first seen in one.jfr, thread \"t\\n\\n=====\\nWARNING:"), r.out);
    }

    @Test
    void messagesAndRecordingNamesAreEscaped() throws Exception {
        String name = "x\u202E\u001b[31m.jfr";
        Run r = Run.cli(dir, "report", name);
        r.assertError("x\\u202e\\u001b[31m.jfr: no such file");
    }

    /** The longest quoted string of a DOT text, in UTF-8 bytes (Graphviz rejects one over 16,384). */
    static int longestQuotedBytes(String dot) {
        int longest = 0;
        int start = -1;
        for (int i = 0; i < dot.length(); i++) {
            char c = dot.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                if (start < 0) {
                    start = i;
                } else {
                    longest = Math.max(longest, dot.substring(start + 1, i).getBytes(StandardCharsets.UTF_8).length);
                    start = -1;
                }
            }
        }
        return longest;
    }

    @Test
    void dotShortensLongLabelsAndKeepsTheWholeNameInTheTooltip() throws Exception {
        String longName = "Object com.acme." + "\u00e9\"\\".repeat(9_000) + "Bank.lock";
        Recordings.builder().circular("0123456789abcdef", longName, "B", "\tat com.acme.X.run(X.java:3)",
                "\tat com.acme.X.run(X.java:4)").write(dir.resolve("r.jfr"));
        Run r = Run.cli(dir, "report", "r.jfr", "--format", "dot").assertExit(0).assertQuiet();
        assertTrue(longestQuotedBytes(r.out) <= 16_384, "a quoted string of " + longestQuotedBytes(r.out) + " bytes");
        assertTrue(longestQuotedBytes(r.out) <= 12_000);
        String node = null;
        for (String line : r.out.split("\n")) {
            if (line.startsWith("  n") && line.contains("tooltip") && !line.contains("->")) {
                node = line;
            }
        }
        assertTrue(node != null, r.out);
        String label = node.substring(node.indexOf("[label=\"") + 8, node.indexOf("\", tooltip="));
        assertTrue(label.startsWith("Object com.acme.") && label.endsWith("Bank.lock") && label.contains("\u2026"),
                label);
        assertTrue(label.length() < 2 * DotOutput.MAX_LABEL, label);
        String quoted = DotOutput.quote(longName);
        assertTrue(node.replace("\" + \"", "").contains("tooltip=" + quoted.replace("\" + \"", "")),
                "the whole name in the tooltip");
        renderWithGraphvizIfInstalled(r.out);
    }

    /** Renders {@code dot} with Graphviz when it is installed (it need not be): it must accept the text. */
    private void renderWithGraphvizIfInstalled(String dotText) throws Exception {
        Path dot = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "dot");
            if (Files.isExecutable(p)) {
                dot = p;
                break;
            }
        }
        if (dot == null) {
            return;
        }
        Path in = Files.writeString(dir.resolve("g.dot"), dotText);
        Process p = new ProcessBuilder(dot.toString(), "-Tsvg", "-o", dir.resolve("g.svg").toString(), in.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "dot did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void aSourceFileOutsideTheSourceRootGivesNoLocation() throws Exception {
        Files.createDirectories(dir.resolve("src/main/java/com/acme"));
        Files.writeString(dir.resolve("src/main/java/com/acme/X.java"), "//\n");
        Files.writeString(dir.resolve("secret.txt"), "secret\n");
        SourceLocator s = SourceLocator.create(List.of(), dir);
        assertEquals("src/main/java/com/acme/X.java", s.locate(Frame.parse("com.acme.X.run(X.java:3)")).uri);
        for (String file : new String[] {"../../../../secret.txt", "../../../../../../../../etc/passwd",
            "/etc/passwd", "./X.java", "a//X.java", "..\\..\\secret.txt", "C:\\secret.txt", ".."}) {
            assertNull(s.locate(Frame.parse("com.acme.X.run(" + file + ":3)")), file);
        }
        assertNull(s.locate(Frame.parse("X.run(/etc/passwd:1)")), "default package, absolute file");
        assertTrue(SourceLocator.confined("com/acme/X.java"));
        assertFalse(SourceLocator.confined("com/acme/../X.java"));

        List<String> stack = new ArrayList<>();
        stack.add("\tat com.acme.X.run(../../../../secret.txt:3)");
        stack.add("\tat com.acme.X.main(X.java:9)");
        Recordings.builder().circular("0123456789abcdef", "A", "B", String.join("\n", stack), String.join("\n", stack))
                .write(dir.resolve("r.jfr"));
        Run r = Run.cli(dir, "report", "r.jfr", "--format", "sarif").assertExit(0).assertQuiet();
        assertFalse(r.out.contains("secret.txt\""), r.out);
        assertFalse(r.out.contains("passwd"), r.out);
        assertFalse(r.out.contains("\"../"), r.out);
        assertTrue(r.out.contains("src/main/java/com/acme/X.java"), r.out);
    }

    @Test
    void aBaselineThatIsNotUtf8SaysSo() throws IOException {
        Recordings.builder().circular("0123456789abcdef", "A", "B", "\tat a.A.run(A.java:1)", "\tat a.A.run(A.java:2)")
                .write(dir.resolve("r.jfr"));
        Files.write(dir.resolve("b.txt"), "# accepted\n0123456789abcdef  # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Run.cli(dir, "check", "r.jfr", "--baseline", "b.txt")
                .assertError("b.txt:2: not valid UTF-8 text (a baseline lists cycle ids)");
    }
}
