package io.jlockdep.agent.instrument;

/**
 * Which classes get their {@code synchronized} code, lock allocations and {@code Object.wait} calls
 * rewritten: every class, application and JDK alike, minus what can never be instrumented safely (the
 * agent itself and the JDK internals it runs on), then the user's {@code include}/{@code exclude} globs.
 */
public final class Scope {
    /**
     * Never rewritten: the agent itself, and the JDK internals the hooks, the engine, class loading, the
     * transformer and JFR run on. A hook reached from these would run inside class loading or inside the
     * agent's own work, where it can only recurse or record the JVM's own locking.
     */
    private static final String[] NEVER = {
        // The agent, its engine and hooks, Byte Buddy.
        "io.jlockdep.core.", "io.jlockdep.bootstrap.", "io.jlockdep.api.", "io.jlockdep.agent.", "net.bytebuddy.",
        // Class loading, threads, Shutdown, invoke/ref/reflect/module (StringBuffer is the exception).
        "java.lang.", "jdk.internal.", "sun.invoke.", "sun.reflect.", "sun.misc.", "sun.launcher.",
        // java.lang.instrument's side: it calls the agent's transformer on every class load.
        "sun.instrument.",
        // Dynamic proxies: generated, never synchronized, and with no class file to scan they would all be
        // retransformed at start (the JDK's annotation proxies are many).
        "jdk.proxy", "com.sun.proxy.",
        // JFR: the reporter's sink.
        "jdk.jfr.", "jdk.management.jfr.",
        // What the hooks and the engine use.
        "java.util.concurrent.locks.", "java.util.concurrent.atomic.", "java.util.concurrent.ForkJoin",
        "java.util.concurrent.ThreadLocalRandom",
        // Class files and resources: jars, the runtime image, protection domains, services, bundles.
        "java.util.zip.", "java.util.jar.", "sun.net.www.", "java.security.", "sun.security.",
        "java.util.ServiceLoader", "java.util.ResourceBundle", "sun.util.resources.",
        "java.io.ObjectStreamClass", "java.io.FilePermission",
        // The JIT compiler's Java side (JVMCI/Graal) runs on compiler threads.
        "jdk.vm.ci.", "jdk.graal.", "org.graalvm.",
        // False cycles, found by running (a finding here is never the program's):
        // charset coders lock the Writer/Reader they serve, so System.err's PrintStream -> its own writer
        // and a logging handler's writer over System.err -> that PrintStream close a cycle of two objects;
        "sun.nio.cs.",
        // objects locked while their constructor or class initializer builds them, before any other thread
        // can reach them: the font manager (under FontManagerFactory's class lock) and RMI's export targets.
        "sun.font.", "sun.rmi.transport.",
        // JaCoCo's agent runtime, often attached next to this one: another tool's own work (its coverage data
        // and the probes it weaves), never the program's locking.
        "org.jacoco.agent.rt.",
    };
    /**
     * Never rewritten either, by exact name: class loading makes a URL for every resource it finds and
     * locks it in its constructor ({@code URL.set}), and {@code URL.hashCode} resolves host names under the
     * URL's lock, so (all URLs being one class) a class loaded during a name lookup looks like a cycle.
     */
    private static final String[] NEVER_CLASSES = {
        "java.net.URL", "java.net.URLClassLoader",
    };
    /** Exceptions to {@link #NEVER}: plain classes inside an excluded package. */
    private static final String[] ALWAYS_JDK = {
        "java.lang.StringBuffer",
    };
    /** Name prefixes of the JDK's own classes (whose class files {@link LockCodeScan} may read first). */
    static final String[] JDK_PREFIXES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    /** Tests a class name against glob lists; implemented by the options' glob type. */
    public interface NameFilter {
        /** Whether {@code className} matches. */
        boolean matches(String className);
    }

    private final NameFilter include;
    private final NameFilter exclude;

    /**
     * @param include null for the default (every class but the unsafe internals), else only the classes it
     *                matches (minus the unsafe internals)
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
        if (startsWithAny(className, NEVER) || isAny(className, NEVER_CLASSES) || className.contains("$$Lambda")) {
            return false;
        }
        return include == null || include.matches(className);
    }

    /** Whether {@code className} is named like a JDK class. */
    static boolean isJdk(String className) {
        return startsWithAny(className, JDK_PREFIXES);
    }

    private static boolean isAlwaysJdk(String className) {
        return isAny(className, ALWAYS_JDK);
    }

    private static boolean isAny(String className, String[] names) {
        for (String s : names) {
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
