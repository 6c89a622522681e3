package io.jlockdep.core;

/**
 * The one place where names (threads, lock classes, stack frames, files) are made safe for output a human
 * reads: the lockdep-style report, the agent's log, the command-line tool's text, messages and DOT labels.
 * A name comes from the program (a thread name, a generated class) and may hold a line break that forges a
 * report line, an ANSI escape that drives the terminal, or a bidi control that reorders what is shown.
 *
 * <p>Escaped, so that the name stays on its line and is shown as it is: C0 controls ({@code \n}, {@code \r},
 * {@code \t} as such, the others as {@code \}{@code u001b}), DEL, C1 controls (U+0080–U+009F), the line and
 * paragraph separators U+2028/U+2029 and the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069 (as {@code \}{@code u202e}). A backslash is left as it is: the escaped form is for reading, not
 * for parsing back (JSON, SARIF and JUnit outputs carry the exact names). Strings without such characters are
 * returned as they are, without copying.
 */
public final class HumanText {
    private HumanText() {
    }

    /** {@code s} on one line with every character above escaped; {@code "null"} for null. */
    public static String escape(String s) {
        return escape(s, false);
    }

    /**
     * {@code text} (several lines, ending in {@code \n} or not) with every character above escaped except
     * {@code \n}: for a text whose names were escaped when it was built (a report), so that no terminal
     * control reaches the reader even from a text made elsewhere.
     */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    /** Whether {@code c} is escaped by {@link #escape}. */
    public static boolean isUnsafe(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c < 0x061c) {
            return false;
        }
        return c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * {@code s} cut to at most {@code max} characters (at least 16), the middle replaced by
     * {@code …} so that both the package and the simple name stay visible; {@code s} itself when short
     * enough. A surrogate pair is never split.
     */
    public static String shorten(String s, int max) {
        int m = Math.max(16, max);
        if (s.length() <= m) {
            return s;
        }
        int head = (m - 1) / 3;
        int tail = m - 1 - head;
        int tailStart = s.length() - tail;
        if (Character.isHighSurrogate(s.charAt(head - 1))) {
            head--;
        }
        if (Character.isLowSurrogate(s.charAt(tailStart))) {
            tailStart++;
        }
        return s.substring(0, head) + "\u2026" + s.substring(tailStart);
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return "null";
        }
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isUnsafe(c) && !(keepNewlines && c == '\n')) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        sb.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnsafe(c) || (keepNewlines && c == '\n')) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append("\\u");
                String h = Integer.toHexString(c);
                for (int k = h.length(); k < 4; k++) {
                    sb.append('0');
                }
                sb.append(h);
            }
        }
        return sb.toString();
    }
}
