package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Names made safe for humans: escaping, and the reports that use it against forged lines. */
class HumanTextTest {
    /** A name that forges a whole finding, drives the terminal (ANSI red) and reverses the text after it. */
    static final String FORGED = "worker\n\n=====\nWARNING: possible circular locking dependency detected\n"
            + "cycle id: deadbeefdeadbeef\n\u001b[31mred\u001b[0m \u202Edesrever\u202C\r\ttab";

    @Test
    void escapesControlsBidiAndSeparators() {
        assertEquals("a\\nb\\rc\\td\\u000be\\u2028f\\u2029", HumanText.escape("a\nb\rc\td\u000be\u2028f\u2029"));
        assertEquals("\\u001b[31m\\u007f\\u0080\\u0085\\u009f", HumanText.escape("\u001b[31m\u007f\u0080\u0085\u009f"));
        assertEquals("\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c",
                HumanText.escape("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"));
        assertEquals("\\u0000x", HumanText.escape("\u0000x"));
        assertEquals("null", HumanText.escape(null));
        // left alone: printable text of any script, a backslash, characters next to the escaped ranges
        String fine = "Bank.lock \\ é ü 日本 \ud83d\ude00 \u00a0 \u061b \u061d \u200d \u2027 \u202f \u2065 \u206a";
        assertSame(fine, HumanText.escape(fine), "no copy when nothing is escaped");
        for (char c = 0; c < 0xffff; c++) {
            String e = HumanText.escape(String.valueOf(c));
            for (int i = 0; i < e.length(); i++) {
                assertFalse(HumanText.isUnsafe(e.charAt(i)), "escape of " + (int) c + " is unsafe");
            }
        }
    }

    @Test
    void escapeKeepingLinesKeepsOnlyLineFeeds() {
        assertEquals("a\nb\\u001bc\\r\n\\u202e", HumanText.escapeKeepingLines("a\nb\u001bc\r\n\u202e"));
        String plain = "line 1\nline 2\n";
        assertSame(plain, HumanText.escapeKeepingLines(plain));
    }

    @Test
    void shortenKeepsBothEndsAndNeverSplitsAPair() {
        assertEquals("short", HumanText.shorten("short", 100));
        String s = "com.acme." + "x".repeat(20_000) + ".Bank.lock";
        String t = HumanText.shorten(s, 120);
        assertEquals(120, t.length());
        assertTrue(t.startsWith("com.acme.xxx") && t.endsWith("xxx.Bank.lock") && t.contains("\u2026"), t);
        String pairs = "\ud83d\ude00".repeat(200);
        String p = HumanText.shorten(pairs, 31);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(i + 1 < p.length() && Character.isLowSurrogate(p.charAt(i + 1)), p);
            } else if (Character.isLowSurrogate(c)) {
                assertTrue(i > 0 && Character.isHighSurrogate(p.charAt(i - 1)), p);
            }
        }
    }

    /** Every line of {@code report} must be one the renderer wrote: one WARNING line, no forged cycle id. */
    static void assertNotForged(String report) {
        int warnings = 0;
        for (String line : report.split("\n", -1)) {
            if (line.startsWith("WARNING:")) {
                warnings++;
            }
            assertFalse(line.startsWith("cycle id: deadbeef"), "forged line in:\n" + report);
        }
        assertEquals(1, warnings, report);
        for (int i = 0; i < report.length(); i++) {
            char c = report.charAt(i);
            assertTrue(c == '\n' || !HumanText.isUnsafe(c), "raw U+" + Integer.toHexString(c) + " in:\n" + report);
        }
    }

    @Test
    void aForgingThreadAndLockClassNameStayOnTheirLines() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("Object A" + FORGED);
        LockClass b = ld.lockClass("Object B" + FORGED);
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread(FORGED + "-1", () -> nest(ld, b, a));
        onThread(FORGED + "-2", () -> f.set(nest(ld, a, b)));
        assertNotNull(f.get());
        String r = f.get().render();
        assertNotForged(r);
        assertTrue(r.contains("thread \"worker\\n\\n=====\\nWARNING: possible circular locking dependency detected\\n"
                + "cycle id: deadbeefdeadbeef\\n\\u001b[31mred\\u001b[0m \\u202edesrever\\u202c\\r\\ttab-2\""), r);
        // the engine keeps the true names; only what humans read is escaped
        assertEquals(FORGED + "-2", f.get().threadName());
        assertTrue(f.get().lockClasses().contains(FORGED));
        assertFalse(new PotentialDeadlockError(f.get()).getMessage().contains("\n"));
    }

    @Test
    void aForgingNameInASelfDeadlockReportAndTheGraphDump() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("Object A" + FORGED);
        LockClass b = ld.lockClass("Object B" + FORGED);
        AtomicReference<Finding> f = new AtomicReference<>();
        onThread(FORGED, () -> {
            PseudoLock map = ld.pseudoLock("map" + FORGED);
            map.acquire(Mode.EXCLUSIVE);
            f.set(map.acquire(Mode.EXCLUSIVE));
        });
        assertNotNull(f.get());
        assertNotForged(f.get().render());
        onThread("t", () -> nest(ld, a, b));
        GraphSnapshot g = ld.snapshot();
        for (String text : new String[] {g.toText(), g.toDot()}) {
            assertFalse(text.contains("\ncycle id"), text);
            for (int i = 0; i < text.length(); i++) {
                assertTrue(text.charAt(i) == '\n' || !HumanText.isUnsafe(text.charAt(i)), text);
            }
        }
    }

    /** The longest run between two unescaped quotes in a DOT text (a quoted string's length). */
    static int longestQuoted(String dot) {
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
                    longest = Math.max(longest, i - start - 1);
                    start = -1;
                }
            }
        }
        return longest;
    }

    @Test
    void theGraphDumpWritesALongNameInPiecesGraphvizAccepts() throws Exception {
        Lockdep ld = new Lockdep();
        String longName = "Object com.acme." + "\"x\\".repeat(10_000) + ".lock";
        LockClass a = ld.lockClass(longName);
        LockClass b = ld.lockClass("B");
        onThread("t", () -> nest(ld, a, b));
        String dot = ld.snapshot().toDot();
        assertTrue(longestQuoted(dot) <= 8_000, "a quoted string of " + longestQuoted(dot));
        assertTrue(dot.contains("\" + \""), "pieces joined with +");
        String joined = dot.replace("\" + \"", "");
        assertTrue(joined.contains("\"" + longName.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                "the node id keeps the whole name");
        assertTrue(dot.contains("[label=\"Object com.acme.\\\"x"), dot.substring(0, 300));
    }
}
