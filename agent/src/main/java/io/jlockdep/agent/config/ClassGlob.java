package io.jlockdep.agent.config;

import java.util.Objects;

/**
 * A class-name glob with JaCoCo semantics: {@code *} matches any run of characters, dots included (so
 * {@code com.acme.*} matches {@code com.acme.Bank} and {@code com.acme.io.File}), {@code ?} matches exactly
 * one character, and every other character matches itself (case-sensitively). A glob without wildcards
 * matches only the identical name.
 *
 * <p>Any string is a valid glob (validation of what a class name may contain is the caller's business,
 * see {@link #classNameProblem}). Immutable and thread-safe; matching allocates nothing, never throws, and
 * runs in time proportional to the name's length times the number of {@code *} in the glob at worst.
 */
public final class ClassGlob {
    private final String pattern;

    private ClassGlob(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The glob for {@code pattern}, taken verbatim (no trimming, no splitting).
     *
     * @throws NullPointerException if {@code pattern} is null
     */
    public static ClassGlob of(String pattern) {
        return new ClassGlob(Objects.requireNonNull(pattern, "pattern"));
    }

    /** The glob as given. */
    public String pattern() {
        return pattern;
    }

    /** Whether the glob contains {@code *} or {@code ?}. */
    public boolean hasWildcards() {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** Whether {@code name} matches the whole glob; false for null. Never throws. */
    public boolean matches(String name) {
        return name != null && globMatches(pattern, name);
    }

    /**
     * Whether all of {@code s} matches the glob {@code p} ({@code *} any run, {@code ?} one character):
     * iterative, backtracking only to the last {@code *} (linear space, no recursion).
     */
    static boolean globMatches(String p, String s) {
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = 0;
        while (si < s.length()) {
            char pc = pi < p.length() ? p.charAt(pi) : 0;
            if (pi < p.length() && pc == '*') {
                starP = pi++;
                starS = si;
            } else if (pi < p.length() && (pc == '?' || pc == s.charAt(si))) {
                pi++;
                si++;
            } else if (starP < 0) {
                return false;
            } else {
                pi = starP + 1;
                si = ++starS;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /**
     * Why {@code glob} (non-empty, trimmed) cannot be a glob over Java class names, as a phrase to follow
     * the quoted glob ("uses '/' (class names use '.')"), or null when it can.
     */
    static String classNameProblem(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '/') {
                return "uses '/' (class names use '.', e.g. com.acme.*)";
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "contains whitespace";
            }
        }
        return null;
    }

    /** Equal when the patterns are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassGlob && ((ClassGlob) o).pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** The pattern. */
    @Override
    public String toString() {
        return pattern;
    }
}
