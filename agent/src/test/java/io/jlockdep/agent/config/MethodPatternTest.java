package io.jlockdep.agent.config;

import static io.jlockdep.agent.config.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MethodPatternTest {

    @Test
    void exactClassAndMethod() {
        MethodPattern p = MethodPattern.parse("com.acme.Latch#await");
        assertEquals("com.acme.Latch#await", p.pattern());
        assertEquals("com.acme.Latch#await", p.toString());
        assertEquals(ClassGlob.of("com.acme.Latch"), p.classGlob());
        assertEquals("await", p.methodName());
        assertFalse(p.anyMethod());
        assertTrue(p.matches("com.acme.Latch", "await"));
        assertFalse(p.matches("com.acme.Latch", "awaitNanos"));
        assertFalse(p.matches("com.acme.Latch2", "await"));
        assertFalse(p.matches(null, "await"));
        assertFalse(p.matches("com.acme.Latch", null));
    }

    @Test
    void globClassAndAnyMethod() {
        MethodPattern p = MethodPattern.parse("  com.acme.*#*  ");
        assertEquals("com.acme.*#*", p.pattern());
        assertTrue(p.anyMethod());
        assertEquals("*", p.methodName());
        assertTrue(p.matches("com.acme.io.Pool", "join"));
        assertTrue(p.matches("com.acme.X", "run"));
        assertFalse(p.matches("org.X", "run"));
        assertFalse(p.matches("com.acme.X", null));
    }

    @Test
    void innerClassesAndUnicodeNames() {
        assertTrue(MethodPattern.parse("com.acme.Outer$Inner#$run_1").matches("com.acme.Outer$Inner", "$run_1"));
        assertTrue(MethodPattern.parse("a.B#\u00e9t\u00e9").matches("a.B", "\u00e9t\u00e9"));
    }

    @Test
    void lists() {
        List<MethodPattern> ps = Arrays.asList(MethodPattern.parse("a.B#c"), MethodPattern.parse("d.*#e"));
        assertTrue(MethodPattern.anyMatches(ps, "a.B", "c"));
        assertTrue(MethodPattern.anyMatches(ps, "d.x.Y", "e"));
        assertFalse(MethodPattern.anyMatches(ps, "a.B", "e"));
        assertFalse(MethodPattern.anyMatches(null, "a.B", "c"));
        assertFalse(MethodPattern.anyMatches(List.of(), "a.B", "c"));
        assertTrue(MethodPattern.anyMatchesClass(ps, "a.B"));
        assertTrue(MethodPattern.anyMatchesClass(ps, "d.Q"));
        assertFalse(MethodPattern.anyMatchesClass(ps, "e.F"));
        assertFalse(MethodPattern.anyMatchesClass(null, "a.B"));
    }

    @Test
    void equality() {
        assertEquals(MethodPattern.parse("a.B#c"), MethodPattern.parse(" a.B#c"));
        assertEquals(MethodPattern.parse("a.B#c").hashCode(), MethodPattern.parse("a.B#c").hashCode());
        assertNotEquals(MethodPattern.parse("a.B#c"), MethodPattern.parse("a.B#d"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "com.acme.Latch|'com.acme.Latch' has no '#' between class and method",
        "a.B#c#d|'a.B#c#d' has more than one '#'",
        "#await|'#await' has no class before '#'",
        "a.B#|'a.B#' has no method name after '#'",
        "a.B#aw*t|'a.B#aw*t' names method 'aw*t', which is neither a method name nor '*'",
        "a.B#1x|'a.B#1x' names method '1x', which is neither a method name nor '*'",
        "a.B#<clinit>|'a.B#<clinit>' names method '<clinit>', which is neither a method name nor '*'",
        "a.B# c|'a.B# c' contains whitespace",
        "a b.C#d|'a b.C#d' contains whitespace",
        "a/b/C#d|'a/b/C#d' uses '/' (class names use '.', e.g. com.acme.*)"})
    void errors(String pattern, String reason) {
        assertError("method pattern " + reason + " (expected Class#method, e.g. com.acme.Latch#await)",
                () -> MethodPattern.parse(pattern));
    }

    @Test
    void emptyPattern() {
        assertError("method pattern '' is empty (expected Class#method, e.g. com.acme.Latch#await)",
                () -> MethodPattern.parse("  "));
        assertThrows(NullPointerException.class, () -> MethodPattern.parse(null));
    }
}
