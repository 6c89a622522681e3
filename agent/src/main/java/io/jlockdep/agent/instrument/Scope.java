package io.jlockdep.agent.instrument;

/**
 * Which classes get their {@code synchronized} code, lock allocations and {@code Object.wait} calls
 * rewritten: every application class, the JDK packages where programs meet JDK monitors (collections and
 * their synchronized wrappers, {@code java.util.concurrent}, {@code java.util.logging}, {@code java.io},
 * {@code java.sql}, {@code StringBuffer}), minus what can never be instrumented safely, then the user's
 * {@code include}/{@code exclude} globs.
 */
public final class Scope {
    /** Never rewritten: the agent itself, and JDK internals the hooks, class loading or JFR run on. */
    private static final String[] NEVER = {
        "io.jlockdep.core.", "io.jlockdep.bootstrap.", "io.jlockdep.api.", "io.jlockdep.agent.", "net.bytebuddy.",
        "java.lang.", "jdk.internal.", "jdk.jfr.", "sun.", "com.sun.", "jdk.",
        "java.util.concurrent.locks.", "java.util.concurrent.atomic.", "java.util.concurrent.ForkJoin",
        "java.util.concurrent.ThreadLocalRandom", "java.util.zip.", "java.util.jar.", "java.security.",
        "java.lang.invoke.", "java.lang.ref.", "java.lang.reflect.", "java.util.ServiceLoader",
        "java.io.ObjectStreamClass", "java.io.FilePermission", "java.util.ResourceBundle",
    };
    /** The lock-relevant JDK classes that are instrumented by default. */
    private static final String[] JDK_DEFAULT = {
        "java.util.", "java.io.", "java.sql.",
    };
    /** Exceptions to {@link #NEVER}: plain classes inside an excluded package. */
    private static final String[] ALWAYS_JDK = {
        "java.lang.StringBuffer",
    };
    private static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    /** Tests a class name against glob lists; implemented by the options' glob type. */
    public interface NameFilter {
        /** Whether {@code className} matches. */
        boolean matches(String className);
    }

    private final NameFilter include;
    private final NameFilter exclude;

    /**
     * @param include null for the default (every application class and the JDK default set), else only
     *                the classes it matches (JDK ones too, minus the unsafe internals)
     * @param exclude null for none, else classes never rewritten
     */
    public Scope(NameFilter include, NameFilter exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /** Whether {@code className} is rewritten. */
    public boolean rewrites(String className) {
        if (exclude != null && exclude.matches(className)) {
            return false;
        }
        if (isAlwaysJdk(className)) {
            return include == null || include.matches(className);
        }
        if (startsWithAny(className, NEVER) || className.contains("$$Lambda")) {
            return false;
        }
        if (include != null) {
            return include.matches(className);
        }
        if (startsWithAny(className, JDK_PREFIXES)) {
            return startsWithAny(className, JDK_DEFAULT);
        }
        return true;
    }

    private static boolean isAlwaysJdk(String className) {
        for (String s : ALWAYS_JDK) {
            if (s.equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String s, String[] prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
