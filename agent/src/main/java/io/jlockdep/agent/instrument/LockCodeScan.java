package io.jlockdep.agent.instrument;

import io.jlockdep.core.Lockdep;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Tells, from a JDK class's class file, whether it has anything the agent rewrites ({@code synchronized}
 * code, lock allocations, {@code Object.wait} calls). Most of the hundreds of JDK classes loaded before
 * the agent starts have none, and skipping their retransformation is most of the agent's start-up time.
 */
final class LockCodeScan {
    private static final ConcurrentHashMap<String, Boolean> CACHE = new ConcurrentHashMap<>();

    private LockCodeScan() {
    }

    /** Whether the JDK class {@code className} needs rewriting; true when its class file cannot be read. */
    static boolean needsRewrite(String className) {
        Boolean known = CACHE.get(className);
        if (known != null) {
            return known;
        }
        // Reading the class file and filling the cache take locks of instrumented java.io / java.util classes,
        // also when this runs outside the transformer (choosing the loaded classes to retransform).
        Lockdep e = OwnWork.enter();
        try {
            boolean needs = scan(className);
            CACHE.put(className, needs);
            return needs;
        } finally {
            OwnWork.leave(e);
        }
    }

    private static boolean scan(String className) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                return true;
            }
            Finder finder = new Finder();
            new ClassReader(in).accept(finder, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return finder.found;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static final class Finder extends ClassVisitor {
        boolean found;

        Finder() {
            super(OpenedClassReader.ASM_API);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                found = true;
            }
            if (found) {
                return null;
            }
            return new MethodVisitor(OpenedClassReader.ASM_API) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        found = true;
                    }
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW && BytecodeRewriter.kindOf(type) != null) {
                        found = true;
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String methodName, String desc, boolean itf) {
                    if ("wait".equals(methodName) && desc.endsWith(")V") && desc.length() <= 5) {
                        found = true;
                    }
                }
            };
        }
    }
}
