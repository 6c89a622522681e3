package io.jlockdep.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One stack frame as the agent records it: a {@code StackTraceElement.toString()} line such as
 * {@code java.base/java.lang.Thread.run(Thread.java:840)},
 * {@code loader//com.acme.Bank.audit(Bank.java:40)} or {@code com.acme.Bank$1.run(Bank.java)}.
 */
final class Frame {
    /** Packages whose frames are never "program code" (JDK, jlockdep itself, test runners). */
    private static final String[] NOT_PROGRAM = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.",
        "io.jlockdep.agent.", "io.jlockdep.bootstrap.", "io.jlockdep.core.", "io.jlockdep.fence.",
        "io.jlockdep.annotation.", "io.jlockdep.junit5.", "io.jlockdep.cli.",
        "org.junit.", "junit.", "org.apache.maven.surefire.", "org.gradle.",
    };

    final String text;
    final String module;
    final String className;
    final String method;
    final String file;
    /** The line number, or -1 when unknown. */
    final int line;

    private Frame(String text, String module, String className, String method, String file, int line) {
        this.text = text;
        this.module = module;
        this.className = className;
        this.method = method;
        this.file = file;
        this.line = line;
    }

    /**
     * The frames of a recorded stack: lines of {@code \tat FRAME}, innermost first. Lines that are not
     * frames (or a null or empty stack) give nothing.
     */
    static List<Frame> parseStack(String stack) {
        if (stack == null || stack.isEmpty()) {
            return Collections.emptyList();
        }
        List<Frame> out = new ArrayList<>();
        for (String raw : stack.split("\n")) {
            String l = raw.trim();
            if (l.startsWith("at ")) {
                l = l.substring(3).trim();
            }
            if (!l.isEmpty()) {
                out.add(parse(l));
            }
        }
        return out;
    }

    /** Parses one frame; a text that does not look like one becomes a frame with only {@link #text}. */
    static Frame parse(String text) {
        int open = text.lastIndexOf('(');
        if (open <= 0 || !text.endsWith(")")) {
            return new Frame(text, null, null, null, null, -1);
        }
        String head = text.substring(0, open);
        String source = text.substring(open + 1, text.length() - 1);
        String module = null;
        int slash = head.lastIndexOf('/');
        if (slash >= 0) {
            String prefix = head.substring(0, slash);
            head = head.substring(slash + 1);
            // prefix is "module", "loader/module" or "loader/" (unnamed module of a named loader)
            int s = prefix.indexOf('/');
            String m = s >= 0 ? prefix.substring(s + 1) : prefix;
            int at = m.indexOf('@');
            if (at >= 0) {
                m = m.substring(0, at);
            }
            module = m.isEmpty() ? null : m;
        }
        int dot = head.lastIndexOf('.');
        String cls = dot > 0 ? head.substring(0, dot) : null;
        String method = dot > 0 ? head.substring(dot + 1) : head;
        String file = null;
        int line = -1;
        if (!source.equals("Unknown Source") && !source.equals("Native Method") && !source.isEmpty()) {
            int colon = source.lastIndexOf(':');
            if (colon > 0) {
                try {
                    line = Integer.parseInt(source.substring(colon + 1));
                    file = source.substring(0, colon);
                } catch (NumberFormatException e) {
                    file = source;
                }
            } else {
                file = source;
            }
        }
        return new Frame(text, module, cls, method, file, line);
    }

    /**
     * Whether this frame is in the program's own code: not the JDK's (by module or package), not
     * jlockdep's, not a test runner's, and with a source file.
     */
    boolean isProgramCode() {
        if (className == null || file == null) {
            return false;
        }
        if (module != null && (module.startsWith("java.") || module.startsWith("jdk."))) {
            return false;
        }
        for (String p : NOT_PROGRAM) {
            if (className.startsWith(p)) {
                return false;
            }
        }
        return true;
    }

    /** The package of the class, e.g. {@code com.acme}; empty for the default package. */
    String packageName() {
        if (className == null) {
            return "";
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 ? className.substring(0, dot) : "";
    }

    /** The source path by package, e.g. {@code com/acme/Bank.java}; null without a file name. */
    String packagePath() {
        if (file == null) {
            return null;
        }
        String pkg = packageName();
        return pkg.isEmpty() ? file : pkg.replace('.', '/') + "/" + file;
    }

    /** The first frame in program code that has a line number (else one without), or null. */
    static Frame firstProgramFrame(List<Frame> frames) {
        Frame withoutLine = null;
        for (Frame f : frames) {
            if (f.isProgramCode()) {
                if (f.line > 0) {
                    return f;
                }
                if (withoutLine == null) {
                    withoutLine = f;
                }
            }
        }
        return withoutLine;
    }

    @Override
    public String toString() {
        return text;
    }
}
