package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlockdep.bootstrap.NameField;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * Which classes {@link BytecodeRewriter} gives a {@link NameField}, on javac's output: a class being defined
 * that declares synchronized instance methods or lock fields gets one, private, transient and synthetic (so
 * that it stays out of the default serialVersionUID and the serialized form); a record, a plain class and a
 * JDK class get none; a redefinition adds it exactly when the class was defined with it, once.
 */
class NameFieldRuleTest {
    static class Synced {
        private int n;

        synchronized void inc() {
            n++;
        }
    }

    static class WithLockField {
        private final Object lock = new Object();

        Object lock() {
            return lock;
        }
    }

    static class Plain {
        int n;
    }

    record Rec(int n) {
        synchronized int twice() {
            return 2 * n;
        }
    }

    interface Iface {
        default int one() {
            return 1;
        }
    }

    private static final String ADDED = "private transient synthetic " + NameField.NAME + " " + NameField.DESCRIPTOR;

    @Test
    void aMonitorTypeBeingDefinedGetsAPrivateTransientSyntheticField() throws IOException {
        assertEquals(List.of(ADDED), added(Synced.class, NameFieldRule.IF_MONITOR_TYPE));
        assertEquals(List.of(ADDED), added(WithLockField.class, NameFieldRule.IF_MONITOR_TYPE));
    }

    @Test
    void otherClassesBeingDefinedGetNone() throws IOException {
        assertEquals(List.of(), added(Plain.class, NameFieldRule.IF_MONITOR_TYPE));
        assertEquals(List.of(), added(Rec.class, NameFieldRule.IF_MONITOR_TYPE), "a record's fields are its components");
        assertEquals(List.of(), added(java.util.Vector.class, NameFieldRule.IF_MONITOR_TYPE), "a JDK class");
        assertEquals(List.of(), added(Synced.class, NameFieldRule.NEVER));
    }

    @Test
    void aRedefinitionAddsItWheneverTheClassHasItOnce() throws IOException {
        assertEquals(List.of(ADDED), added(Plain.class, NameFieldRule.ALWAYS));
        byte[] once = rewrite(classFile(Synced.class), Synced.class.getName(), NameFieldRule.IF_MONITOR_TYPE);
        byte[] twice = rewrite(once, Synced.class.getName(), NameFieldRule.ALWAYS);
        assertEquals(List.of(ADDED), ours(twice), "a class file that has the field already");
        assertEquals(List.of(), added(Iface.class, NameFieldRule.ALWAYS), "an interface");
    }

    private static List<String> added(Class<?> c, NameFieldRule rule) throws IOException {
        return ours(rewrite(classFile(c), c.getName(), rule));
    }

    private static byte[] rewrite(byte[] classFile, String className, NameFieldRule rule) {
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new BytecodeRewriter(writer, className, null, rule), 0);
        return writer.toByteArray();
    }

    /** Our fields of a class file, as {@code modifiers name descriptor}. */
    private static List<String> ours(byte[] classFile) {
        List<String> out = new ArrayList<>();
        OpenedClassReader.of(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (name.startsWith("$jlockdep")) {
                    out.add(((access & Opcodes.ACC_PRIVATE) != 0 ? "private " : "")
                            + ((access & Opcodes.ACC_TRANSIENT) != 0 ? "transient " : "")
                            + ((access & Opcodes.ACC_SYNTHETIC) != 0 ? "synthetic " : "") + name + " " + descriptor);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return out;
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
