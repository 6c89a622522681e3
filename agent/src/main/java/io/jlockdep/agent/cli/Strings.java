package io.jlockdep.agent.cli;

/** Small string helpers shared by the CLI's outputs; escaping to one line and joining are {@code config.Text}'s. */
final class Strings {
    private Strings() {
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
