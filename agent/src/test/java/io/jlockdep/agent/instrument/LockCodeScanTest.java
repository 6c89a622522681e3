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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.Test;

/**
 * {@link LockCodeScan}'s byte walk against an ASM parse of the same class files: every class of the running
 * JDK's {@code java.base} gets the same answer, and the same methods, so neither the start-up choice of classes
 * to retransform nor the choice of methods to parse misses any.
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
                        Set<String> expected = asmSays(b);
                        counts[expected.isEmpty() ? 0 : 1]++;
                        if (LockCodeScan.needsRewrite(b) == expected.isEmpty()) {
                            disagreements.add(f + " (ASM: " + expected + ")");
                        }
                        Set<String> methods = LockCodeScan.methodsToRewrite(b, false);
                        if (methods != null && !methods.equals(expected)) {
                            disagreements.add(f + ": " + methods + " (ASM: " + expected + ")");
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

    /** The methods that meet the rewriter's criteria (name + descriptor), by ASM. */
    private static Set<String> asmSays(byte[] b) {
        Set<String> found = new HashSet<>();
        new ClassReader(b).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String key = name + descriptor;
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    found.add(key);
                }
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                            found.add(key);
                        }
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (opcode == Opcodes.NEW && BytecodeRewriter.kindOf(type) != null) {
                            found.add(key);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE)
                                && "wait".equals(n) && (d.equals("()V") || d.equals("(J)V") || d.equals("(JI)V"))) {
                            found.add(key);
                        }
                        if (opcode == Opcodes.INVOKESTATIC && "java/util/Collections".equals(owner)
                                && n.startsWith("synchronized")) {
                            found.add(key);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }
}
