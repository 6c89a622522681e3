package io.jlockdep.agent.cli;

import java.util.List;

/** Small string helpers shared by the CLI's outputs. */
final class Strings {
    private Strings() {
    }

    /** {@code s}, or the empty string for null. */
    static String nn(String s) {
        return s == null ? "" : s;
    }

    /** The text with every line break or other control character escaped, so it prints as one line. */
    static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (escape && sb == null) {
                sb = new StringBuilder(s.length() + 16);
                sb.append(s, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!escape) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append("\\u").append(hex4(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Four lower-case hex digits. */
    static String hex4(int c) {
        String h = Integer.toHexString(c & 0xffff);
        StringBuilder sb = new StringBuilder(4);
        for (int i = h.length(); i < 4; i++) {
            sb.append('0');
        }
        return sb.append(h).toString();
    }

    /** The items joined by {@code sep}. */
    static String join(String sep, List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }

    /** {@code "1 recording"}, {@code "2 recordings"}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** {@code s} without a final {@code '.'} (exception messages end with one; ours add parentheses). */
    static String noFinalDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
