package io.jlockdep.agent.instrument;

import io.jlockdep.core.Lockdep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells, from a JDK class's class file, which methods have anything the agent rewrites ({@code synchronized}
 * code, lock allocations, {@code Object.wait} calls, {@code Collections.synchronized*} results), so that only
 * those of the hundreds of JDK classes loaded before the agent starts are retransformed, and only those methods
 * of a JDK class are parsed. A direct walk over the class file's bytes (constant pool,
 * method flags, instructions) with no parser objects: at start-up it runs interpreted, hundreds of times.
 */
final class LockCodeScan {
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_SYNCHRONIZED = 0x0020;
    private static final int NEW = 0xBB;
    private static final int MONITORENTER = 0xC2;
    private static final int MONITOREXIT = 0xC3;
    private static final int INVOKESTATIC = 0xB8;
    private static final int INVOKEDYNAMIC = 0xBA;
    /** The package of jlockdep's annotations, as descriptors start. */
    private static final String ANNOTATIONS = "Lio/jlockdep/annotation/";
    private static final int INVOKEVIRTUAL = 0xB6;
    private static final int INVOKEINTERFACE = 0xB9;
    /** Lengths of the fixed-size instructions (0: variable, see {@link #length}). */
    private static final byte[] LENGTH = new byte[256];

    static {
        java.util.Arrays.fill(LENGTH, (byte) 1);
        set(2, 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC);
        set(3, 0x11, 0x13, 0x14, 0x84, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xBB, 0xBD, 0xC0, 0xC1, 0xC6, 0xC7);
        for (int op = 0x99; op <= 0xA8; op++) {
            LENGTH[op] = 3; // if<cond>, if_icmp<cond>, if_acmp<cond>, goto, jsr
        }
        set(4, 0xC5);
        set(5, 0xB9, 0xBA, 0xC8, 0xC9);
        set(0, 0xAA, 0xAB, 0xC4);
    }

    private static void set(int length, int... opcodes) {
        for (int op : opcodes) {
            LENGTH[op] = (byte) length;
        }
    }

    private LockCodeScan() {
    }

    /** Whether the JDK class {@code className} needs rewriting; true when its class file cannot be read. */
    static boolean needsRewrite(String className) {
        // Reading the class file takes locks of instrumented java.io / java.util classes.
        Lockdep e = OwnWork.enter();
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in == null || needsRewrite(in.readAllBytes());
        } catch (IOException | RuntimeException ex) {
            return true;
        } finally {
            OwnWork.leave(e);
        }
    }

    /**
     * The methods of class file {@code b} that may have something to rewrite or hook, as name + descriptor: a
     * superset of those {@link BytecodeRewriter} changes (for an application class, {@code application}, whose
     * criteria are wider: every allocation of an application type, notifies, task lambdas, factories of events),
     * the synchronized ones and, in an application class that extends {@code Thread}, {@code run()}. Null when
     * every method must be visited: a name is not plain ASCII, or the class mentions jlockdep's annotations (a
     * method's annotations are only seen while visiting it). The others are copied as they are, unparsed.
     */
    static Set<String> methodsToRewrite(byte[] b, boolean application) {
        Set<String> out = new HashSet<>();
        try {
            if (scan(b, out, application)) {
                return out;
            }
        } catch (VisitAll e) {
            return null;
        }
        return out;
    }

    /** Whether JDK class file {@code b} has anything to rewrite. */
    static boolean needsRewrite(byte[] b) {
        return scan(b, null, false);
    }

    /**
     * Scans {@code b}; with {@code out} null stops at the first method found, else adds every one to it (throwing
     * {@link VisitAll} when that set cannot be made: see {@link #methodsToRewrite}).
     */
    private static boolean scan(byte[] b, Set<String> out, boolean application) {
        int count = u2(b, 8);
        int[] offsets = new int[count];
        int p = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = p;
            int tag = b[p] & 0xFF;
            switch (tag) {
                case 1:
                    if (application && out != null && utf8StartsWith(b, p, ANNOTATIONS)) {
                        throw new VisitAll(); // a method may carry a wait point or a signalling section
                    }
                    p += 3 + u2(b, p + 1);
                    break;
                case 5:
                case 6:
                    p += 9;
                    i++; // a long or double takes two entries
                    break;
                case 7:
                case 8:
                case 16:
                case 19:
                case 20:
                    p += 3;
                    break;
                case 15:
                    p += 4;
                    break;
                default: // 3, 4, 9, 10, 11, 12, 17, 18
                    p += 5;
                    break;
            }
        }
        int superClass = u2(b, p + 4);
        // A direct Thread subclass's run() is a thread body: it gets hooks even with no lock code.
        boolean threadBody = application && out != null && superClass != 0
                && utf8Is(b, offsets[u2(b, offsets[superClass] + 1)], "java/lang/Thread");
        p += 6; // access, this, super
        p += 2 + 2 * u2(b, p); // interfaces
        p = skipMembers(b, p); // fields
        int methods = u2(b, p);
        p += 2;
        boolean found = false;
        for (int m = 0; m < methods; m++) {
            int method = p;
            int access = u2(b, p);
            boolean needs = (access & ACC_SYNCHRONIZED) != 0
                    || threadBody && (access & ACC_STATIC) == 0 && utf8Is(b, offsets[u2(b, p + 2)], "run")
                    && utf8Is(b, offsets[u2(b, p + 4)], "()V");
            int attributes = u2(b, p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                int length = u4(b, p + 2);
                if (!needs && utf8Is(b, offsets[u2(b, p)], "Code")) {
                    needs = codeNeedsRewrite(b, offsets, p + 6, application);
                }
                p += 6 + length;
            }
            if (needs) {
                if (out == null) {
                    return true;
                }
                found = true;
                out.add(ascii(b, offsets[u2(b, method + 2)]) + ascii(b, offsets[u2(b, method + 4)]));
            }
        }
        return found;
    }

    private static boolean codeNeedsRewrite(byte[] b, int[] cp, int code, boolean application) {
        int start = code + 8;
        int end = start + u4(b, code + 4);
        int p = start;
        while (p < end) {
            int op = b[p] & 0xFF;
            if (op == MONITORENTER || op == MONITOREXIT) {
                return true;
            }
            if (op == NEW && named(className(b, cp, u2(b, p + 1)), application)) {
                return true;
            }
            if ((op == INVOKEVIRTUAL || op == INVOKEINTERFACE) && isWait(b, cp, u2(b, p + 1), application)) {
                return true;
            }
            if (op == INVOKESTATIC && isFactory(b, cp, u2(b, p + 1), application)) {
                return true;
            }
            if (op == INVOKEDYNAMIC && application && makesTask(b, cp, u2(b, p + 1))) {
                return true;
            }
            p += length(b, op, p, start);
        }
        return false;
    }

    /** Whether an allocation of {@code internalName} is named (the rewriter's {@code kindFor}). */
    private static boolean named(String internalName, boolean application) {
        if (!application) {
            return BytecodeRewriter.kindOf(internalName) != null;
        }
        return BytecodeRewriter.nameKind(internalName) != null || BytecodeRewriter.eventKind(internalName) != null;
    }

    /** Whether InvokeDynamic {@code index} makes a {@code Runnable}, {@code Callable} or {@code Supplier}. */
    private static boolean makesTask(byte[] b, int[] cp, int index) {
        int d = cp[u2(b, cp[u2(b, cp[index] + 3)] + 3)];
        return utf8EndsWith(b, d, ")Ljava/lang/Runnable;") || utf8EndsWith(b, d, ")Ljava/util/concurrent/Callable;")
                || utf8EndsWith(b, d, ")Ljava/util/function/Supplier;");
    }

    private static int length(byte[] b, int op, int p, int start) {
        int n = LENGTH[op];
        if (n != 0) {
            return n;
        }
        if (op == 0xC4) { // wide: iinc takes 6 bytes, the loads and stores 4
            return (b[p + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        int q = p + 1 + ((4 - ((p + 1 - start) & 3)) & 3); // operands are 4-byte aligned from the code's start
        if (op == 0xAA) { // tableswitch: default, low, high, offsets
            return q - p + 12 + 4 * (u4(b, q + 8) - u4(b, q + 4) + 1);
        }
        return q - p + 8 + 8 * u4(b, q + 4); // lookupswitch: default, npairs, pairs
    }

    /**
     * Whether Methodref {@code index} is {@code wait()}, {@code wait(long)} or {@code wait(long, int)}; in an
     * application class also {@code notify()}, {@code notifyAll()} or {@code newCondition()}.
     */
    private static boolean isWait(byte[] b, int[] cp, int index, boolean application) {
        int nameAndType = cp[u2(b, cp[index] + 3)];
        int name = cp[u2(b, nameAndType + 1)];
        int d = cp[u2(b, nameAndType + 3)];
        if (utf8Is(b, name, "wait")) {
            return utf8Is(b, d, "()V") || utf8Is(b, d, "(J)V") || utf8Is(b, d, "(JI)V");
        }
        return application && (((utf8Is(b, name, "notify") || utf8Is(b, name, "notifyAll")) && utf8Is(b, d, "()V"))
                || utf8Is(b, name, "newCondition"));
    }

    /**
     * Whether Methodref {@code index} is {@code Collections.synchronized*(..)}, whose result gets named; in an
     * application class also {@code Executors.new*(..)}.
     */
    private static boolean isFactory(byte[] b, int[] cp, int index, boolean application) {
        int ref = cp[index];
        int owner = cp[u2(b, cp[u2(b, ref + 1)] + 1)];
        int name = cp[u2(b, cp[u2(b, ref + 3)] + 1)];
        if (utf8Is(b, owner, "java/util/Collections")) {
            return u2(b, name + 1) > 12 && utf8Is(b, name, 0, "synchronized");
        }
        return application && utf8Is(b, owner, "java/util/concurrent/Executors") && utf8StartsWith(b, name, "new");
    }

    private static String ascii(byte[] b, int utf8) {
        int n = u2(b, utf8 + 1);
        for (int i = 0; i < n; i++) {
            if (b[utf8 + 3 + i] < 0) {
                throw new VisitAll();
            }
        }
        return new String(b, utf8 + 3, n, StandardCharsets.ISO_8859_1);
    }

    /** A method name that is not plain ASCII, or a class that mentions the annotations: every method is visited. */
    private static final class VisitAll extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VisitAll() {
            super(null, null, false, false);
        }
    }

    private static String className(byte[] b, int[] cp, int classIndex) {
        int utf8 = cp[u2(b, cp[classIndex] + 1)];
        return new String(b, utf8 + 3, u2(b, utf8 + 1), StandardCharsets.ISO_8859_1);
    }

    private static boolean utf8Is(byte[] b, int utf8, String s) {
        return u2(b, utf8 + 1) == s.length() && utf8Is(b, utf8, 0, s);
    }

    private static boolean utf8StartsWith(byte[] b, int utf8, String s) {
        return u2(b, utf8 + 1) >= s.length() && utf8Is(b, utf8, 0, s);
    }

    private static boolean utf8EndsWith(byte[] b, int utf8, String s) {
        int n = u2(b, utf8 + 1);
        return n >= s.length() && utf8Is(b, utf8, n - s.length(), s);
    }

    /** Whether the UTF-8 entry at {@code utf8} has {@code s} at {@code from} (its length is not checked). */
    private static boolean utf8Is(byte[] b, int utf8, int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[utf8 + 3 + from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipMembers(byte[] b, int p) {
        int n = u2(b, p);
        p += 2;
        for (int i = 0; i < n; i++) {
            int attributes = u2(b, p + 6);
            p += 8;
            for (int a = 0; a < attributes; a++) {
                p += 6 + u4(b, p + 2);
            }
        }
        return p;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int u4(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
