package io.jlockdep.agent.config;

import io.jlockdep.core.HumanText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * String helpers for messages and UTF-8 text files (the CLI uses {@link #oneLine} and {@link #join} too).
 * No lambdas or streams: options are parsed in {@code premain}.
 */
public final class Text {
    private Text() {
    }

    /** The message on one line, control, separator and bidi characters escaped (see {@link HumanText}). */
    public static String oneLine(String s) {
        return HumanText.escape(s);
    }

    /** The items separated by {@code sep}. */
    public static String join(String sep, List<?> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }

    /**
     * The candidate closest to {@code given} when it is a near miss (equal ignoring case, or at most one
     * edit away for short names and two for longer ones, a transposition counting as one edit), else null.
     */
    static String suggest(String given, String[] candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = c.equalsIgnoreCase(given) ? 0 : distance(given, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null) {
            return null;
        }
        int allowed = Math.min(given.length(), best.length()) <= 4 ? 1 : 2;
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }

    /** A short reason for an I/O failure, without the path (the caller names it). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException) {
            String r = ((FileSystemException) e).getReason();
            if (r != null && !r.isEmpty()) {
                return r;
            }
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /** Thrown by {@link #readUtf8} for bytes that are not UTF-8; {@link #line} is 1-based. */
    static final class MalformedUtf8Exception extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        MalformedUtf8Exception(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** Reads a whole file as strict UTF-8, dropping a leading byte-order mark. */
    static String readUtf8(Path file) throws IOException, MalformedUtf8Exception {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position() && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new MalformedUtf8Exception(line);
        }
        out.flip();
        if (out.hasRemaining() && out.get(out.position()) == '\uFEFF') {
            out.get();
        }
        return out.toString();
    }
}
