package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Line numbers of the test programs' source, found by marker comments ({@code // @name} at the end of a
 * line), so tests can name the exact allocation sites and stack frames the agent must report without
 * hard-coding line numbers.
 */
public final class Sources {
    private static final Path ROOT = Paths.get(System.getProperty("jlockdep.it.sources", "src/test/java"))
            .toAbsolutePath().normalize();
    private static final Map<Class<?>, List<String>> CACHE = new ConcurrentHashMap<>();

    private Sources() {
    }

    /** The source file name of {@code c} ({@code LockTypes.java} for {@code LockTypes$Account}). */
    public static String fileName(Class<?> c) {
        return top(c).getSimpleName() + ".java";
    }

    /** The line that carries the marker {@code // @marker} in the source of {@code c}; exactly one must. */
    public static int line(Class<?> c, String marker) {
        List<String> lines = CACHE.computeIfAbsent(top(c), Sources::load);
        String tag = "// @" + marker;
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).stripTrailing();
            if (l.endsWith(tag) || l.contains(tag + " ")) {
                if (found >= 0) {
                    fail("marker " + tag + " is on two lines of " + fileName(c));
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            fail("no marker " + tag + " in " + fileName(c));
        }
        return found;
    }

    /** {@code Program.java:LINE} of a marker, as it appears in stack frames and allocation sites. */
    public static String fileLine(Class<?> c, String marker) {
        return fileName(c) + ":" + line(c, marker);
    }

    /**
     * The lock class name the agent gives a lock allocated at a marked line: {@code Kind Class.FIELD} when
     * the line declares a field, else {@code Kind@Class.method#n}, n counting the method's allocations of
     * that kind in source order (javac's order), e.g. {@code ReentrantLock@io.jlockdep.it.programs.LockTypes.rlInversion#1}.
     *
     * @param kind   {@code ReentrantLock}, {@code ReentrantReadWriteLock}, {@code StampedLock} or {@code Object}
     * @param c      the class whose method allocates (binary name is used, e.g. {@code Outer$Inner})
     * @param method the allocating method ({@code <init>}/{@code <clinit>} for field initialisers)
     */
    public static String site(String kind, Class<?> c, String method, String marker) {
        List<String> lines = CACHE.computeIfAbsent(top(c), Sources::load);
        int at = line(c, marker) - 1;
        String text = lines.get(at);
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("^\\s*(?:(?:private|protected|public|static|final|volatile)\\s+)+[\\w.<>?, ]+?\\s+(\\w+)\\s*=\\s*new\\s+"
                        + kind + "\\b").matcher(text);
        if (field.find() && method.startsWith("<")) {
            return kind + " " + c.getName() + "." + field.group(1);
        }
        java.util.regex.Pattern declaration = java.util.regex.Pattern.compile("\\s" + java.util.regex.Pattern.quote(method)
                + "\\s*\\(.*\\{\\s*(//.*)?$");
        int start = at;
        while (start > 0 && !declaration.matcher(lines.get(start)).find()) {
            start--;
        }
        java.util.regex.Pattern alloc = java.util.regex.Pattern.compile("new\\s+" + kind + "\\s*[(<]");
        int n = 0;
        for (int i = start; i <= at; i++) {
            java.util.regex.Matcher m = alloc.matcher(lines.get(i).replaceAll("//.*$", ""));
            while (m.find()) {
                n++;
            }
        }
        return kind + "@" + c.getName() + "." + method + "#" + n;
    }

    private static Class<?> top(Class<?> c) {
        Class<?> t = c;
        while (t.getEnclosingClass() != null) {
            t = t.getEnclosingClass();
        }
        return t;
    }

    private static List<String> load(Class<?> top) {
        Path p = ROOT.resolve(top.getName().replace('.', '/') + ".java");
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the source " + p, e);
        }
    }
}
