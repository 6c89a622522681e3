package io.jlockdep.agent.config;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Known findings not to report (option {@code suppress=FILE}).
 *
 * <h2>File format</h2>
 * UTF-8 text (a leading byte-order mark is ignored), one entry per line, surrounding whitespace trimmed:
 * <ul>
 *   <li>blank lines are ignored; a line whose first non-blank character is {@code #} is a comment; a
 *       {@code #} with whitespace before it and whitespace or the end of the line after it starts a trailing
 *       comment ({@code 5f1c0a2b3c4d5e6f  # transfer}); any other {@code #} belongs to the entry
 *       ({@code pseudo com.acme.Fence#signal}, {@code monitor com.acme.Account (instance #2)});</li>
 *   <li>a line of exactly 16 hex digits (any case) is a cycle id: the finding with that id is suppressed;</li>
 *   <li>a line of 8 to 20 hex digits but not 16 is an error (a mistyped cycle id);</li>
 *   <li>any other line is a {@link ClassGlob} over lock class names, taken verbatim (spaces and
 *       parentheses included): a finding is suppressed when any of its lock classes matches, e.g.
 *       {@code monitor com.acme.Account}, {@code ReentrantLock@com.acme.Bank.*}, {@code class com.acme.*}.</li>
 * </ul>
 * The lock classes of a finding are the {@code from} and {@code to} of its edges and the class being
 * acquired. For instance-level inversions, whose edge names carry an unstable instance label
 * ({@code monitor com.acme.Account (instance #2)}), the class name without the label is matched as well.
 *
 * <p>Immutable and thread-safe. Matching never throws and takes no lock.
 */
public final class Suppressions {
    private static final Suppressions NONE = new Suppressions("(none)", new HashMap<String, String>(),
            ClassGlobSet.empty(), new String[0]);

    private final String source;
    /** Cycle id (lower case) → origin {@code FILE:LINE}. */
    private final Map<String, String> cycleIds;
    private final ClassGlobSet globs;
    /** Origin of each glob of {@link #globs}, same index. */
    private final String[] globOrigins;

    private Suppressions(String source, Map<String, String> cycleIds, ClassGlobSet globs, String[] globOrigins) {
        this.source = source;
        this.cycleIds = cycleIds;
        this.globs = globs;
        this.globOrigins = globOrigins;
    }

    /** Suppresses nothing. */
    public static Suppressions none() {
        return NONE;
    }

    /**
     * Reads a suppression file.
     *
     * @param file the file; its name as given is used in messages
     * @return the suppressions (possibly empty)
     * @throws OptionException with a one-line message: {@code cannot read suppress file 'FILE': REASON} when
     *                         it cannot be read, {@code FILE:LINE: PROBLEM} for a bad line or bytes that are
     *                         not UTF-8
     */
    public static Suppressions parse(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Text.readUtf8(file);
        } catch (IOException e) {
            throw new OptionException("cannot read suppress file '" + name + "': " + Text.reason(e), e);
        } catch (Text.MalformedUtf8Exception e) {
            throw new OptionException(name + ":" + e.line + ": not valid UTF-8");
        }
        return parse(text, name);
    }

    /**
     * Parses suppression-file text.
     *
     * @param text       the file's content
     * @param sourceName the name used in origins and messages ({@code FILE} of {@code FILE:LINE})
     * @return the suppressions (possibly empty)
     * @throws OptionException with a one-line message {@code FILE:LINE: PROBLEM} for a bad line
     */
    public static Suppressions parse(String text, String sourceName) {
        Map<String, String> ids = new HashMap<>();
        List<ClassGlob> globs = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(start, end);
            start = end + 1;
            lineNo++;
            String entry = stripComment(line).trim();
            if (entry.isEmpty()) {
                continue;
            }
            String origin = sourceName + ":" + lineNo;
            int hex = hexLength(entry);
            if (hex == 16) {
                String id = entry.toLowerCase(Locale.ROOT);
                if (!ids.containsKey(id)) {
                    ids.put(id, origin);
                }
            } else if (hex >= 8 && hex <= 20) {
                throw new OptionException(origin + ": cycle ids have 16 hex digits, '" + entry + "' has " + hex);
            } else {
                ClassGlob g = ClassGlob.of(entry);
                if (!globs.contains(g)) {
                    globs.add(g);
                    origins.add(origin);
                }
            }
        }
        return new Suppressions(sourceName, ids, ClassGlobSet.of(globs), origins.toArray(new String[0]));
    }

    /**
     * The line without its comment: a line whose first non-blank character is {@code #} is all comment;
     * otherwise a {@code #} between whitespace (or before the end of the line) starts one.
     */
    private static String stripComment(String line) {
        String t = line.trim();
        if (t.startsWith("#")) {
            return "";
        }
        int n = line.length();
        for (int i = 1; i < n; i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))
                    && (i + 1 == n || Character.isWhitespace(line.charAt(i + 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The length of {@code s} if it is all hex digits, else -1. */
    private static int hexLength(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return -1;
            }
        }
        return s.length();
    }

    /** Whether {@code finding} is suppressed; false for null. Never throws. */
    public boolean suppresses(Finding finding) {
        return suppressedBy(finding) != null;
    }

    /**
     * Whether a finding with this cycle id and these lock class names is suppressed; null arguments and
     * null elements are ignored. Never throws.
     */
    public boolean suppresses(String cycleId, Collection<String> lockClassNames) {
        return suppressedBy(cycleId, lockClassNames) != null;
    }

    /**
     * The entry suppressing {@code finding}, as {@code FILE:LINE}, or null when it is not suppressed (or
     * null). Never throws.
     */
    public String suppressedBy(Finding finding) {
        if (finding == null || isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<CycleEdge> edges = finding.edges();
        if (edges != null) {
            for (int i = 0; i < edges.size(); i++) {
                CycleEdge e = edges.get(i);
                if (e != null) {
                    names.add(e.from());
                    names.add(e.to());
                }
            }
        }
        names.add(finding.acquiringClass());
        return suppressedBy(finding.cycleId(), names);
    }

    /**
     * The entry suppressing a finding with this cycle id and these lock class names, as {@code FILE:LINE},
     * or null when none does: the cycle id's line if it is listed, else the first glob line (in file
     * order) matching any of the names. Null arguments and elements are ignored. Never
     * throws.
     */
    public String suppressedBy(String cycleId, Collection<String> lockClassNames) {
        if (cycleId != null && !cycleIds.isEmpty()) {
            String origin = cycleIds.get(cycleId.trim().toLowerCase(Locale.ROOT));
            if (origin != null) {
                return origin;
            }
        }
        if (lockClassNames == null || globs.isEmpty()) {
            return null;
        }
        List<ClassGlob> list = globs.globs();
        for (int i = 0; i < list.size(); i++) {
            ClassGlob g = list.get(i);
            for (String name : lockClassNames) {
                if (name == null) {
                    continue;
                }
                if (g.matches(name)) {
                    return globOrigins[i];
                }
                String bare = withoutInstanceLabel(name);
                if (bare != null && g.matches(bare)) {
                    return globOrigins[i];
                }
            }
        }
        return null;
    }

    /**
     * {@code "C"} for an instance-inversion label {@code "C (instance #N)"}, {@code "C (instance #N "name")"}
     * or {@code "C (instance (collected))"}, else null.
     */
    static String withoutInstanceLabel(String name) {
        if (!name.endsWith(")")) {
            return null;
        }
        int at = name.lastIndexOf(" (instance ");
        if (at <= 0) {
            return null;
        }
        String label = name.substring(at + 11, name.length() - 1);
        if (label.equals("(collected)")) {
            return name.substring(0, at);
        }
        if (label.length() < 2 || label.charAt(0) != '#') {
            return null;
        }
        int i = 1;
        while (i < label.length() && label.charAt(i) >= '0' && label.charAt(i) <= '9') {
            i++;
        }
        if (i == 1) {
            return null;
        }
        if (i < label.length()) {
            // A named instance: ` "name"` follows the number.
            String rest = label.substring(i);
            if (rest.length() < 4 || !rest.startsWith(" \"") || !rest.endsWith("\"")) {
                return null;
            }
        }
        return name.substring(0, at);
    }

    /** Whether there is no entry at all. */
    public boolean isEmpty() {
        return cycleIds.isEmpty() && globs.isEmpty();
    }

    /** The suppressed cycle ids, lower case, in no particular order (unmodifiable). */
    public Set<String> cycleIds() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(cycleIds.keySet()));
    }

    /** The lock-class globs, in file order. */
    public ClassGlobSet globs() {
        return globs;
    }

    /** The file name given to {@link #parse}, or {@code (none)}. */
    public String source() {
        return source;
    }

    /** E.g. {@code suppressions from jlockdep.suppress: 2 cycle ids, 1 class pattern}. */
    @Override
    public String toString() {
        int ids = cycleIds.size();
        int g = globOrigins.length;
        return Text.oneLine("suppressions from " + source + ": " + ids + (ids == 1 ? " cycle id, " : " cycle ids, ")
                + g + (g == 1 ? " class pattern" : " class patterns"));
    }
}
