package io.jlockdep.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void oneLineEscapesLineBreaksAndControls() {
        String plain = "nothing to do";
        assertSame(plain, Text.oneLine(plain));
        assertEquals("a\\nb\\r\\tc\\u0000d\\u007fe\\u2028f\\u2029g\\u0085h",
                Text.oneLine("a\nb\r\tc\u0000d\u007fe\u2028f\u2029g\u0085h"));
        assertEquals("null", Text.oneLine(null));
    }

    @Test
    void optionExceptionMessageIsOneLine() {
        OptionException e = new OptionException("bad\nthing");
        assertEquals("bad\\nthing", e.getMessage());
        RuntimeException cause = new RuntimeException("x");
        assertSame(cause, new OptionException("m", cause).getCause());
    }

    @Test
    void distanceCountsTranspositionsAsOne() {
        assertEquals(0, Text.distance("onCycle", "onCycle"));
        assertEquals(1, Text.distance("onCylce", "onCycle"));
        assertEquals(1, Text.distance("jf", "jfr"));
        assertEquals(2, Text.distance("maxdepth", "maxDepth") + 1);
        assertEquals(3, Text.distance("abc", ""));
    }

    @Test
    void suggestOnlyNearMisses() {
        String[] keys = {"onCycle", "exitCode", "jfr", "log", "dump"};
        assertEquals("onCycle", Text.suggest("oncycle", keys));
        assertEquals("onCycle", Text.suggest("ONCYCLE", keys));
        assertEquals("exitCode", Text.suggest("exitCod", keys));
        assertEquals("exitCode", Text.suggest("exitcod", keys));
        assertEquals("jfr", Text.suggest("jfx", keys));
        assertNull(Text.suggest("jxx", keys));
        assertNull(Text.suggest("color", keys));
        assertNull(Text.suggest("", keys));
    }
}
