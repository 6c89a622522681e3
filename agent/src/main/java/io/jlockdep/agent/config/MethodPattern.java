package io.jlockdep.agent.config;

import java.util.List;

/**
 * A {@code Class#method} pattern (options {@code waits} and {@code sections}): the class part is a
 * {@link ClassGlob} over binary class names ({@code com.acme.*}, {@code com.acme.Outer$Inner}), the method
 * part an exact method name or {@code *} for every method of the matching classes. Overloads are not told
 * apart: {@code com.acme.Latch#await} matches every {@code await} of {@code com.acme.Latch}. Constructors
 * and static initialisers cannot be named. Immutable and thread-safe; matching never throws.
 */
public final class MethodPattern {
    private final String pattern;
    private final ClassGlob classGlob;
    /** A Java identifier or {@code *}: a glob too, the same matcher serves both parts. */
    private final String method;

    private MethodPattern(String pattern, ClassGlob classGlob, String method) {
        this.pattern = pattern;
        this.classGlob = classGlob;
        this.method = method;
    }

    /**
     * Parses one pattern (surrounding whitespace ignored).
     *
     * @throws OptionException (one line, naming the pattern) when it has no or several {@code #}, an empty
     *                         or malformed class part, or a method part that is neither a Java identifier
     *                         nor {@code *}
     * @throws NullPointerException if {@code pattern} is null
     */
    public static MethodPattern parse(String pattern) {
        String p = pattern.trim();
        String problem = problem(p);
        if (problem != null) {
            throw new OptionException("method pattern '" + p + "' " + problem
                    + " (expected Class#method, e.g. com.acme.Latch#await)");
        }
        return create(p);
    }

    /** Parses a pattern that {@link #problem} accepted. */
    static MethodPattern create(String p) {
        int hash = p.indexOf('#');
        return new MethodPattern(p, ClassGlob.of(p.substring(0, hash)), p.substring(hash + 1));
    }

    /**
     * Why the trimmed pattern {@code p} is invalid, as a phrase to follow the quoted pattern, or null when
     * it is valid.
     */
    static String problem(String p) {
        if (p.isEmpty()) {
            return "is empty";
        }
        int hash = p.indexOf('#');
        if (hash < 0) {
            return "has no '#' between class and method";
        }
        if (p.indexOf('#', hash + 1) >= 0) {
            return "has more than one '#'";
        }
        String cls = p.substring(0, hash).trim();
        String m = p.substring(hash + 1).trim();
        if (cls.isEmpty()) {
            return "has no class before '#'";
        }
        if (m.isEmpty()) {
            return "has no method name after '#'";
        }
        if (cls.length() != hash || m.length() != p.length() - hash - 1) {
            return "contains whitespace";
        }
        String clsProblem = ClassGlob.classNameProblem(cls);
        if (clsProblem != null) {
            return clsProblem;
        }
        if (!"*".equals(m) && !isIdentifier(m)) {
            return "names method '" + m + "', which is neither a method name nor '*'";
        }
        return null;
    }

    private static boolean isIdentifier(String s) {
        if (!Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The pattern as written (trimmed). */
    public String pattern() {
        return pattern;
    }

    /** The glob over class names (the part before {@code #}). */
    public ClassGlob classGlob() {
        return classGlob;
    }

    /** The method name, or {@code *} for any method. */
    public String methodName() {
        return method;
    }

    /** Whether the method part is {@code *}. */
    public boolean anyMethod() {
        return method.equals("*");
    }

    /**
     * Whether the method {@code methodName} of the class {@code className} (binary name, dots) matches;
     * false if either is null. Never throws.
     */
    public boolean matches(String className, String methodName) {
        return methodName != null && ClassGlob.globMatches(method, methodName) && classGlob.matches(className);
    }

    /** Whether any of {@code patterns} matches, see {@link #matches}; false for null or empty lists. */
    public static boolean anyMatches(List<MethodPattern> patterns, String className, String methodName) {
        for (int i = 0; patterns != null && i < patterns.size(); i++) {
            if (patterns.get(i).matches(className, methodName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of {@code patterns} could match some method of {@code className}. */
    public static boolean anyMatchesClass(List<MethodPattern> patterns, String className) {
        for (int i = 0; patterns != null && i < patterns.size(); i++) {
            if (patterns.get(i).classGlob.matches(className)) {
                return true;
            }
        }
        return false;
    }

    /** Equal when the patterns are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MethodPattern && ((MethodPattern) o).pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** The pattern, {@code Class#method}. */
    @Override
    public String toString() {
        return pattern;
    }
}
