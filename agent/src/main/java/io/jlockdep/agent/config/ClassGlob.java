package io.jlockdep.agent.config;

/**
 * A class-name glob with JaCoCo semantics: {@code *} matches any run of characters, dots included (so
 * {@code com.acme.*} matches {@code com.acme.Bank} and {@code com.acme.io.File}), {@code ?} matches exactly
 * one character, and every other character matches itself (case-sensitively). A glob without wildcards
 * matches only the identical name.
 *
 * <p>Any string is a valid glob (validation of what a class name may contain is the caller's business,
 * see {@link AgentOptions}). Immutable and thread-safe; matching allocates nothing, never throws, and runs
 * in time proportional to the name's length times the number of {@code *} in the glob at worst.
 */
public final class ClassGlob {
    private static final int EXACT = 0;
    private static final int PREFIX = 1;
    private static final int ANY = 2;
    private static final int GENERAL = 3;

    private final String pattern;
    private final int kind;
    private final String literal;

    private ClassGlob(String pattern) {
        this.pattern = pattern;
        int star = pattern.indexOf('*');
        boolean question = pattern.indexOf('?') >= 0;
        if (star < 0 && !question) {
            kind = EXACT;
            literal = pattern;
        } else if (!question && star == pattern.length() - 1) {
            kind = star == 0 ? ANY : PREFIX;
            literal = pattern.substring(0, star);
        } else if (!question && onlyStars(pattern)) {
            kind = ANY;
            literal = "";
        } else {
            kind = GENERAL;
            literal = null;
        }
    }

    private static boolean onlyStars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }

    /**
     * The glob for {@code pattern}, taken verbatim (no trimming, no splitting).
     *
     * @throws NullPointerException if {@code pattern} is null
     */
    public static ClassGlob of(String pattern) {
        if (pattern == null) {
            throw new NullPointerException("pattern");
        }
        return new ClassGlob(pattern);
    }

    /** The glob as given. */
    public String pattern() {
        return pattern;
    }

    /** Whether the glob contains {@code *} or {@code ?}. */
    public boolean hasWildcards() {
        return kind != EXACT;
    }

    /** Whether {@code name} matches the whole glob; false for null. Never throws. */
    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        switch (kind) {
            case EXACT:
                return literal.equals(name);
            case PREFIX:
                return name.startsWith(literal);
            case ANY:
                return true;
            default:
                return matchGeneral(pattern, name);
        }
    }

    /** Iterative wildcard match with single-star backtracking (linear space, no recursion). */
    private static boolean matchGeneral(String p, String s) {
        int m = p.length();
        int n = s.length();
        int pi = 0;
        int si = 0;
        int starP = -1;
        int starS = 0;
        while (si < n) {
            if (pi < m) {
                char pc = p.charAt(pi);
                if (pc == '*') {
                    starP = pi++;
                    starS = si;
                    continue;
                }
                if (pc == '?' || pc == s.charAt(si)) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP + 1;
            si = ++starS;
        }
        while (pi < m && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == m;
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

    /** The pattern's hash. */
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
