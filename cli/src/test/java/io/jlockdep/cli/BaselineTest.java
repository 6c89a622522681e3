package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The baseline file format. */
class BaselineTest {
    @Test
    void idsCommentsBlankLinesAndTrailingText() throws CliException {
        Baseline b = Baseline.parse("b.txt", "\uFEFF# accepted findings\n"
                + "\n"
                + "7f4baf92884d54f5\n"
                + "   0123456789ABCDEF   # circular A -> B -> A\n"
                + "fedcba9876543210 circular Foo -> Bar -> Foo (anything after the id)\n"
                + "\t\n"
                + "# 1111111111111111 commented out\n"
                + "7f4baf92884d54f5\r\n");
        assertEquals(List.of("7f4baf92884d54f5", "0123456789abcdef", "fedcba9876543210"), List.copyOf(b.ids()));
        assertTrue(b.accepts("0123456789abcdef"));
        assertTrue(b.accepts("0123456789ABCDEF"));
        assertFalse(b.accepts("1111111111111111"));
        assertEquals("b.txt", b.name());
        // The line an id is first listed on (the JUnit extension names it for each baselined finding).
        assertEquals(3, b.line("7f4baf92884d54f5"));
        assertEquals(4, b.line("0123456789abcdef"));
        assertEquals(4, b.line("0123456789ABCDEF"));
        assertEquals(0, b.line("1111111111111111"));
    }

    @Test
    void emptyBaselineAcceptsNothing() throws CliException {
        assertEquals(Collections.emptySet(), Baseline.parse("b.txt", "").ids());
        assertEquals(Collections.emptySet(), Baseline.parse("b.txt", "# only comments\n\n").ids());
    }

    @Test
    void malformedIdsNameTheLine() {
        assertMalformed("b.txt:1: malformed cycle id '7f4baf92884d54f' (expected 16 hex digits, as in"
                + " 'cycle id: 7f4baf92884d54f5')", "7f4baf92884d54f\n");
        assertMalformed("b.txt:2: malformed cycle id '7f4baf92884d54f5a' (expected 16 hex digits, as in"
                + " 'cycle id: 7f4baf92884d54f5')", "# x\n7f4baf92884d54f5a\n");
        assertMalformed("b.txt:3: malformed cycle id 'cycle' (expected 16 hex digits, as in"
                + " 'cycle id: 7f4baf92884d54f5')", "\n\ncycle id: 7f4baf92884d54f5\n");
        assertMalformed("b.txt:1: malformed cycle id '7f4baf92884d54g5' (expected 16 hex digits, as in"
                + " 'cycle id: 7f4baf92884d54f5')", "7f4baf92884d54g5");
        assertMalformed("b.txt:1: malformed cycle id '7f4baf92884d54f5,0123456789abcdef' (expected 16 hex digits,"
                + " as in 'cycle id: 7f4baf92884d54f5')", "7f4baf92884d54f5,0123456789abcdef");
    }

    private static void assertMalformed(String expected, String text) {
        CliException e = assertThrows(CliException.class, () -> Baseline.parse("b.txt", text));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void staleIdsInFileOrder() throws CliException {
        Baseline b = Baseline.parse("b.txt", "aaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbb\ncccccccccccccccc\n");
        assertEquals(List.of("aaaaaaaaaaaaaaaa", "cccccccccccccccc"), b.stale(Set.of("bbbbbbbbbbbbbbbb")));
        assertEquals(List.of(), b.stale(Set.of("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc")));
    }

    @Test
    void renderedBaselineReadsBackWithItsComments() throws CliException {
        FindingRecord f1 = new FindingRecord("7F4BAF92884D54F5", "circular", "A -> B -> A", 2, "r", "t", "",
                List.of(), false, null, null, java.util.Map.of());
        FindingRecord f2 = new FindingRecord("0123456789abcdef", "rw-upgrade", "L\nX", 1, "r", "t", "", List.of(),
                false, null, null, java.util.Map.of());
        String text = Baseline.render(List.of(f1, f2), "check");
        assertTrue(text.startsWith("# jlockdep baseline"), text);
        assertTrue(text.contains("\n7f4baf92884d54f5  # circular A -> B -> A\n"), text);
        assertTrue(text.contains("\n0123456789abcdef  # rw-upgrade L\\nX\n"), text);
        Baseline b = Baseline.parse("new.txt", text);
        assertEquals(List.of("7f4baf92884d54f5", "0123456789abcdef"), List.copyOf(b.ids()));
    }

    @Test
    void cycleIdShape() {
        assertTrue(Baseline.isCycleId("0123456789abcdef"));
        assertTrue(Baseline.isCycleId("0123456789ABCDEF"));
        assertFalse(Baseline.isCycleId(""));
        assertFalse(Baseline.isCycleId("0123456789abcde"));
        assertFalse(Baseline.isCycleId("0123456789abcdex"));
    }
}
