package io.jlockdep.cli;

import io.jlockdep.core.HumanText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Small string helpers shared by the CLI's messages and outputs. */
final class Strings {
    private Strings() {
    }

    /**
     * {@code s} on one line, safe for a terminal: control, line-separator and bidi characters escaped
     * ({@code \n}, {@code \}{@code u202e}); see {@link HumanText}, the one place names are made safe for humans.
     */
    static String oneLine(String s) {
        return HumanText.escape(s);
    }

    /** A text of several lines (a report) with everything but its line ends escaped as {@link #oneLine}. */
    static String lines(String s) {
        return HumanText.escapeKeepingLines(s);
    }

    /** The 1-based line of the first byte sequence of {@code bytes} that is not UTF-8, or 0 when all are. */
    static int badUtf8Line(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = d.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        if (!r.isError()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < in.position(); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
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
