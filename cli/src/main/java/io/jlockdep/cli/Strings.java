package io.jlockdep.cli;

/** Small string helpers shared by the CLI's messages and outputs. */
final class Strings {
    private Strings() {
    }

    /**
     * {@code s} with every control or line-separator character escaped ({@code \n}, {@code \r}, {@code \t},
     * else {@code \}{@code uXXXX}), so that a message or a name from a file stays on one line.
     */
    static String oneLine(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u").append(hex4(c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@code s}, or the empty string for null. */
    static String nn(String s) {
        return s == null ? "" : s;
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

    /** {@code "1 recording"}, {@code "2 recordings"}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** {@code s} without a final {@code '.'} (exception messages end with one; ours add parentheses). */
    static String noFinalDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
