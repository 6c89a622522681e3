package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * {@link LockCodeScan}'s byte walk against an ASM parse of the same class files: every class of the running
 * JDK's {@code java.base} gets the same answer, so the start-up choice of classes to retransform misses none.
 */
class LockCodeScanTest {

    @Test
    void agreesWithAnAsmParseOnEveryClassOfJavaBase() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<String> disagreements = new ArrayList<>();
        int[] counts = new int[2];
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
            files.filter(f -> f.toString().endsWith(".class") && !f.toString().endsWith("module-info.class"))
                    .forEach(f -> {
                        byte[] b;
                        try {
                            b = Files.readAllBytes(f);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                        boolean expected = asmSays(b);
                        counts[expected ? 1 : 0]++;
                        if (LockCodeScan.needsRewrite(b) != expected) {
                            disagreements.add(f + " (ASM: " + expected + ")");
                        }
                    });
        }
        assertEquals(List.of(), disagreements);
        assertTrue(counts[0] > 1000 && counts[1] > 100, "both answers occur: " + counts[0] + " / " + counts[1]);
    }

    @Test
    void findsEachKindOfLockCode() {
        assertTrue(LockCodeScan.needsRewrite("java.util.Vector")); // synchronized methods
        assertTrue(LockCodeScan.needsRewrite("java.util.Collections$SynchronizedCollection")); // blocks
        assertTrue(LockCodeScan.needsRewrite("java.util.Timer")); // allocates its lock object
        assertFalse(LockCodeScan.needsRewrite("java.util.ArrayList"));
        assertTrue(LockCodeScan.needsRewrite("no.such.Type"), "unreadable: rewrite to be safe");
    }

    /** The rewriter's criteria, by ASM. */
    private static boolean asmSays(byte[] b) {
        boolean[] found = new boolean[1];
        new ClassReader(b).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    found[0] = true;
                }
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitInsn(int opcode) {
                        found[0] |= opcode == Opcodes.MONITORENTER;
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        found[0] |= opcode == Opcodes.NEW && BytecodeRewriter.kindOf(type) != null;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        found[0] |= (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE)
                                && "wait".equals(n) && (d.equals("()V") || d.equals("(J)V") || d.equals("(JI)V"));
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
