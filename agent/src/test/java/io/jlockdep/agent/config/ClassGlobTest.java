package io.jlockdep.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassGlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        // exact
        "com.acme.Bank|com.acme.Bank|true",
        "com.acme.Bank|com.acme.Bank2|false",
        "com.acme.Bank|com.acme.bank|false",
        "com.acme.Bank|xcom.acme.Bank|false",
        // '*' spans dots
        "com.acme.*|com.acme.Bank|true",
        "com.acme.*|com.acme.io.File|true",
        "com.acme.*|com.acme.|true",
        "com.acme.*|com.acme|false",
        "com.acme.*|com.acmeX.Bank|false",
        "*|anything.at.All|true",
        "*||true",
        "**|x|true",
        "*Lock|java.util.concurrent.locks.ReentrantLock|true",
        "*Lock|java.util.concurrent.locks.ReentrantLockX|false",
        "com.*.Bank|com.acme.Bank|true",
        "com.*.Bank|com.a.b.c.Bank|true",
        "com.*.Bank|com.Bank|false",
        "*.Bank*|com.acme.Bank$1|true",
        "a*b*c|aXbYbZc|true",
        "a*b*c|aXbYbZ|false",
        "a*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|false",
        // '?' is exactly one character, dots included
        "com.acme.Cache?|com.acme.Cache1|true",
        "com.acme.Cache?|com.acme.Cache|false",
        "com.acme.Cache?|com.acme.Cache12|false",
        "com?acme.X|com.acme.X|true",
        "?|a|true",
        "?||false",
        "??*|ab|true",
        "??*|a|false",
        "*?|a|true",
        // regex meta characters are literals
        "com.acme.Outer$Inner|com.acme.Outer$Inner|true",
        "com.acme.Bank|comXacme.Bank|false",
        "monitor com.acme.(A)|monitor com.acme.(A)|true",
        "[ab]|a|false",
        "a+|aa|false",
        "ReentrantLock@com.acme.Bank.<init>(Bank.java:*)|ReentrantLock@com.acme.Bank.<init>(Bank.java:12)|true"})
    void matching(String glob, String name, boolean expected) {
        String g = glob == null ? "" : glob;
        String n = name == null ? "" : name;
        assertEquals(expected, ClassGlob.of(g).matches(n));
    }

    @Test
    void emptyGlobMatchesOnlyEmptyName() {
        assertTrue(ClassGlob.of("").matches(""));
        assertFalse(ClassGlob.of("").matches("a"));
    }

    @Test
    void nullNameNeverMatches() {
        for (String g : new String[] {"*", "a", "a*", "a?b", ""}) {
            assertFalse(ClassGlob.of(g).matches(null), g);
        }
    }

    @Test
    void nullPatternIsRejected() {
        assertThrows(NullPointerException.class, () -> ClassGlob.of(null));
    }

    @Test
    void accessorsAndEquality() {
        ClassGlob g = ClassGlob.of("com.acme.*");
        assertEquals("com.acme.*", g.pattern());
        assertEquals("com.acme.*", g.toString());
        assertTrue(g.hasWildcards());
        assertTrue(ClassGlob.of("a?").hasWildcards());
        assertFalse(ClassGlob.of("a.B").hasWildcards());
        assertEquals(ClassGlob.of("com.acme.*"), g);
        assertEquals(ClassGlob.of("com.acme.*").hashCode(), g.hashCode());
        assertNotEquals(ClassGlob.of("com.acme.?"), g);
    }

    @Test
    void patternIsTakenVerbatim() {
        assertFalse(ClassGlob.of(" a").matches("a"));
        assertTrue(ClassGlob.of(" a").matches(" a"));
    }

    @Test
    void longNamesAreLinear() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            sb.append('a');
        }
        assertFalse(ClassGlob.of("*a*a*a*b").matches(sb.toString()));
        assertTrue(ClassGlob.of("*a*a*a*").matches(sb.toString()));
    }

    // ------------------------------------------------------------------------------------------ sets

    @Test
    void setMatchesIfAnyGlobMatches() {
        ClassGlobSet s = ClassGlobSet.of("com.acme.*", "org.example.Foo", "*Test");
        assertTrue(s.matches("com.acme.X"));
        assertTrue(s.matches("org.example.Foo"));
        assertTrue(s.matches("a.BankTest"));
        assertFalse(s.matches("org.example.Foo2"));
        assertFalse(s.matches(null));
        assertEquals("com.acme.*:org.example.Foo:*Test", s.toString());
        assertEquals(ClassGlob.of("*Test"), s.firstMatch("a.BankTest"));
        assertNull(s.firstMatch("b.B"));
        assertNull(s.firstMatch(null));
        assertFalse(s.isEmpty());
    }

    @Test
    void emptySetMatchesNothing() {
        assertTrue(ClassGlobSet.empty().isEmpty());
        assertFalse(ClassGlobSet.empty().matches("a"));
        assertFalse(ClassGlobSet.empty().matches(""));
        assertEquals("", ClassGlobSet.empty().toString());
        assertSame(ClassGlobSet.empty(), ClassGlobSet.of());
        assertSame(ClassGlobSet.empty(), ClassGlobSet.of(List.<ClassGlob>of()));
    }

    @Test
    void setDropsDuplicatesAndIsUnmodifiable() {
        ClassGlobSet s = ClassGlobSet.of(Arrays.asList(ClassGlob.of("a"), ClassGlob.of("b"), ClassGlob.of("a")));
        assertEquals(Arrays.asList(ClassGlob.of("a"), ClassGlob.of("b")), s.globs());
        assertThrows(UnsupportedOperationException.class, () -> s.globs().clear());
        assertEquals(ClassGlobSet.of("a", "b"), s);
        assertEquals(ClassGlobSet.of("a", "b").hashCode(), s.hashCode());
        assertNotEquals(ClassGlobSet.of("b", "a"), s);
    }

    @Test
    void setRejectsNulls() {
        assertThrows(NullPointerException.class, () -> ClassGlobSet.of((String) null));
        assertThrows(NullPointerException.class, () -> ClassGlobSet.of(Arrays.asList(ClassGlob.of("a"), null)));
    }
}
