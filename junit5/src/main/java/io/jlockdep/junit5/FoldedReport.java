package io.jlockdep.junit5;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a failing test shows it: each stack keeps the application's frames and folds the test
 * framework's (JUnit, Surefire, Gradle, the IDE's runner, reflection, the JDK) into one line, {@code … 23
 * framework frames}. The unfolded report stays in the agent's JFR recording ({@code PotentialDeadlock.report}),
 * which {@code check} and {@code report} read.
 *
 * <p>The frames above the first application frame are kept as they are: they say where the lock was taken
 * (a {@code synchronized} method of a JDK class called by the application). After it, a run of two or more
 * framework frames becomes one line; the report's own {@code ... N more} line (frames it left out) joins the
 * run before it.
 */
final class FoldedReport {
    /** Frames of these packages are the test machinery's, not the application's. */
    private static final String[] FRAMEWORK = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.",
        "org.junit.", "junit.", "org.opentest4j.", "org.apiguardian.",
        "org.apache.maven.surefire.", "org.gradle.", "worker.org.gradle.", "com.intellij.", "org.eclipse.jdt.internal.junit",
    };
    private static final String AT = "at ";
    private static final String MORE = "... ";

    private FoldedReport() {
    }

    /** {@code report} (lines ending in {@code \n} or not) with every stack folded. */
    static String fold(String report) {
        String[] lines = report.split("\n", -1);
        StringBuilder out = new StringBuilder(report.length());
        List<String> run = new ArrayList<>();
        boolean seenApplication = false;
        for (String line : lines) {
            String frame = frameClass(line);
            if (frame == null) {
                String more = line.strip();
                if (more.startsWith(MORE) && more.endsWith(" more") && run.size() > 1) {
                    out.append(indent(run.get(0))).append("… ").append(run.size()).append(" framework frames and ")
                            .append(more.substring(MORE.length())).append('\n');
                    run.clear();
                    continue;
                }
                flush(run, out);
                seenApplication = false;
                out.append(line).append('\n');
                continue;
            }
            if (isFramework(frame)) {
                if (seenApplication) {
                    run.add(line);
                } else {
                    out.append(line).append('\n');
                }
            } else {
                flush(run, out);
                seenApplication = true;
                out.append(line).append('\n');
            }
        }
        flush(run, out);
        out.setLength(out.length() - 1); // the split gave one more line than the text has line ends
        return out.toString();
    }

    /** Writes a run of framework frames: as they are when there is only one, else as one line. */
    private static void flush(List<String> run, StringBuilder out) {
        if (run.size() == 1) {
            out.append(run.get(0)).append('\n');
        } else if (run.size() > 1) {
            out.append(indent(run.get(0))).append("… ").append(run.size()).append(" framework frames\n");
        }
        run.clear();
    }

    private static String indent(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.substring(0, i);
    }

    /**
     * The class of a stack line ({@code \tat [loader/][module@version/]com.acme.Foo.bar(Foo.java:12)}), or null
     * for any other line.
     */
    static String frameClass(String line) {
        String s = line.strip();
        if (s.length() == line.length() || !s.startsWith(AT)) {
            return null; // a frame line is indented
        }
        int paren = s.indexOf('(');
        if (paren < 0) {
            return null;
        }
        String qualified = s.substring(AT.length(), paren);
        qualified = qualified.substring(qualified.lastIndexOf('/') + 1);
        int method = qualified.lastIndexOf('.');
        return method < 0 ? null : qualified.substring(0, method);
    }

    /**
     * {@code stack} without the framework frames below its last application frame (all of it when it has
     * none): what a failure's own stack trace needs, the application's frames for the IDE to link.
     */
    static StackTraceElement[] applicationPart(StackTraceElement[] stack) {
        int end = stack.length;
        while (end > 0 && isFramework(stack[end - 1].getClassName())) {
            end--;
        }
        return end == 0 ? stack : java.util.Arrays.copyOf(stack, end);
    }

    static boolean isFramework(String className) {
        for (String prefix : FRAMEWORK) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
