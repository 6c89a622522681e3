package io.jlockdep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepted findings: a text file with one cycle id (16 hex digits) per line. {@code #} starts a comment;
 * blank lines are ignored; anything after the id on its line is ignored too, so a line can carry the
 * lock classes ({@code 7f4baf92884d54f5  # circular A -> B -> A}).
 */
public final class Baseline {
    final String name;
    private final Set<String> ids;
    /** The line each id is first listed on, for messages that point into the file. */
    private final Map<String, Integer> lines;

    private Baseline(String name, Set<String> ids, Map<String, Integer> lines) {
        this.name = name;
        this.ids = Collections.unmodifiableSet(ids);
        this.lines = lines;
    }

    /** The name the file was given in messages (as passed to {@link #read} or {@link #parse}). */
    public String name() {
        return name;
    }

    /** The line (from 1) on which {@code cycleId} (any case) is first listed, or 0 when it is not. */
    public int line(String cycleId) {
        Integer line = lines.get(cycleId.toLowerCase(java.util.Locale.ROOT));
        return line == null ? 0 : line;
    }

    /** The accepted ids, lower case, in file order. */
    public Set<String> ids() {
        return ids;
    }

    /** Whether {@code cycleId} (any case) is accepted. */
    public boolean accepts(String cycleId) {
        return ids.contains(cycleId.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Reads the baseline file the user named {@code name}.
     *
     * @throws CliException for a missing or unreadable file, or a malformed line (with its number)
     */
    public static Baseline read(String name, Path file) throws CliException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw CliException.file(name, "is a directory, not a baseline file");
            }
            byte[] bytes = Files.readAllBytes(file);
            int bad = Strings.badUtf8Line(bytes);
            if (bad > 0) {
                throw new CliException(name + ":" + bad + ": not valid UTF-8 text (a baseline lists cycle ids)");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.file(name, "no such file");
        } catch (AccessDeniedException e) {
            throw CliException.file(name, "cannot read (permission denied)");
        } catch (IOException e) {
            throw CliException.file(name, "cannot read (" + Strings.noFinalDot(String.valueOf(e.getMessage())) + ")");
        }
        return parse(name, text);
    }

    /** Parses baseline text; {@code name} names it in messages. */
    public static Baseline parse(String name, String text) throws CliException {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Integer> lines = new HashMap<>();
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String l = line;
                if (lineNo == 1 && l.startsWith("\uFEFF")) {
                    l = l.substring(1);
                }
                int hash = l.indexOf('#');
                if (hash >= 0) {
                    l = l.substring(0, hash);
                }
                l = l.trim();
                if (l.isEmpty()) {
                    continue;
                }
                int end = 0;
                while (end < l.length() && !Character.isWhitespace(l.charAt(end))) {
                    end++;
                }
                String id = l.substring(0, end);
                if (!isCycleId(id)) {
                    throw new CliException(name + ":" + lineNo + ": malformed cycle id '" + id
                            + "' (expected 16 hex digits, as in 'cycle id: 7f4baf92884d54f5')");
                }
                String lower = id.toLowerCase(java.util.Locale.ROOT);
                ids.add(lower);
                lines.putIfAbsent(lower, lineNo);
            }
        } catch (IOException e) {
            throw CliException.file(name, "cannot read (" + e.getMessage() + ")");
        }
        return new Baseline(name, ids, lines);
    }

    /** Whether {@code s} is 16 hex digits. */
    static boolean isCycleId(String s) {
        if (s.length() != 16) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The ids of this baseline that are not among {@code current}, in file order. */
    List<String> stale(Set<String> current) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (!current.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The text of a baseline accepting {@code findings}: a header, then {@code id  # kind lock classes} lines. */
    static String render(List<FindingRecord> findings, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("# jlockdep baseline: accepted potential deadlocks, one cycle id per line.\n");
        sb.append("# Written by 'java -jar jlockdep-agent.jar ").append(command)
                .append(" --write-baseline'; use it with --baseline.\n");
        sb.append("# Anything after '#' is a comment. Remove a line once its deadlock is fixed.\n");
        for (FindingRecord f : findings) {
            sb.append(f.cycleId.toLowerCase(java.util.Locale.ROOT)).append("  # ").append(f.kind).append(' ')
                    .append(Strings.oneLine(f.lockClasses)).append('\n');
        }
        return sb.toString();
    }
}
