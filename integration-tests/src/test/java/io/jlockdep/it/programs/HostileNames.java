package io.jlockdep.it.programs;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;

/**
 * Names that try to forge report lines and drive the terminal: a thread named with line breaks, a whole
 * {@code WARNING … cycle id: deadbeefdeadbeef} block, ANSI escapes and U+202E (right-to-left override),
 * and a lock class named the same way (the monitor of a class defined at run time under such a name: a class
 * name may hold any character but {@code . ; [ /}). One real inversion between them.
 */
public final class HostileNames {
    /** A forged finding, as the report's own lines look. */
    public static final String FORGED = "\n\n=====\nWARNING: possible circular locking dependency detected\n-----\n"
            + "cycle id: deadbeefdeadbeef\n";
    /** The threads' names (with {@code -1} and {@code -2}). */
    public static final String THREAD = "worker" + FORGED + "\u001b[31mred\u001b[0m \u202Edesrever";
    /** The simple name of the class whose monitor is one of the locks. */
    public static final String CLASS = "Forged" + FORGED + "\u001b(0\u202Eend";

    private static final Object OTHER = new Object();

    private HostileNames() {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios("inversion", (Prog.Scenario) HostileNames::inversion));
    }

    static void inversion() throws Exception {
        Class<?> forged = MethodHandles.lookup().defineClass(classBytes(
                HostileNames.class.getPackageName().replace('.', '/') + "/" + CLASS));
        Prog.halves(THREAD + "-1", () -> {
            synchronized (forged) {
                synchronized (OTHER) {
                    Prog.check(Thread.holdsLock(OTHER), "holds OTHER");
                }
            }
        }, THREAD + "-2", () -> {
            synchronized (OTHER) {
                synchronized (forged) {
                    Prog.check(Thread.holdsLock(forged), "holds the forged class");
                }
            }
        });
    }

    /** The smallest class file: {@code public class NAME extends Object}, no members (it is only a monitor). */
    static byte[] classBytes(String internalName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(52); // Java 8 class file
        out.writeShort(5); // constant pool: 4 entries
        out.writeByte(1);
        out.writeUTF(internalName);
        out.writeByte(7);
        out.writeShort(1);
        out.writeByte(1);
        out.writeUTF("java/lang/Object");
        out.writeByte(7);
        out.writeShort(3);
        out.writeShort(0x21); // public super
        out.writeShort(2);
        out.writeShort(4);
        out.writeShort(0); // interfaces
        out.writeShort(0); // fields
        out.writeShort(0); // methods
        out.writeShort(0); // attributes
        out.flush();
        return bytes.toByteArray();
    }
}
