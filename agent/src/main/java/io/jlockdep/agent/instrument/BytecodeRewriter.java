package io.jlockdep.agent.instrument;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites three things in the method bodies of instrumented classes, all stack-neutral at instruction
 * boundaries so no stack map frame changes:
 * <ul>
 *   <li>{@code MONITORENTER}/{@code MONITOREXIT}: {@code DUP; INVOKESTATIC MonitorHooks.monitorEnter/Exit} in
 *       front, so the order is checked <em>before</em> the thread can block on the monitor. One exception:
 *       the {@code MONITOREXIT} of javac's catch-all handler, whose protected range covers the handler
 *       itself, gets its hook just after that range ({@code ALOAD n; INVOKESTATIC MonitorHooks.monitorExit},
 *       reloading the monitor from javac's local). A call inside the self-covering range makes C1 give up
 *       on the whole method ("error while joining with exception handler") once it inlines the hook;</li>
 *   <li>{@code new ReentrantLock()}, {@code new ReentrantReadWriteLock()}, {@code new StampedLock()},
 *       {@code new Object()} and the layered {@code java.io} streams ({@code BufferedOutputStream},
 *       {@code BufferedInputStream}, {@code PrintStream}): {@code DUP; LDC site;
 *       INVOKESTATIC AllocationHooks.allocated} after the constructor, naming the lock by its allocation
 *       site (a constant: no stack walk at run time);</li>
 *   <li>{@code Object.wait(..)} calls: replaced by {@code MonitorHooks.waitOn(..)}, which tells the engine the
 *       monitor is released while waiting.</li>
 * </ul>
 */
final class BytecodeRewriter implements AsmVisitorWrapper {
    static final String MONITOR_HOOKS = "io/jlockdep/bootstrap/MonitorHooks";
    static final String ALLOCATION_HOOKS = "io/jlockdep/bootstrap/AllocationHooks";

    @Override
    public int mergeWriter(int flags) {
        return flags;
    }

    @Override
    public int mergeReader(int flags) {
        return flags;
    }

    @Override
    public ClassVisitor wrap(TypeDescription type, ClassVisitor visitor, Implementation.Context context,
                             TypePool pool, FieldList<FieldDescription.InDefinedShape> fields,
                             MethodList<?> methods, int writerFlags, int readerFlags) {
        return new ClassRewriter(visitor, type.getName());
    }

    private static final class ClassRewriter extends ClassVisitor {
        private final String className;
        private String source;

        ClassRewriter(ClassVisitor next, String className) {
            super(OpenedClassReader.ASM_API, next);
            this.className = className;
        }

        @Override
        public void visitSource(String file, String debug) {
            source = file;
            super.visitSource(file, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            return mv == null ? null : new MethodRewriter(mv, className, name, source);
        }
    }

    /** A {@code NEW} whose constructor call has not been seen yet. */
    private static final class PendingNew {
        final String type;
        boolean duplicated;

        PendingNew(String type) {
            this.type = type;
        }
    }

    private static final class MethodRewriter extends MethodVisitor {
        private final String className;
        private final String methodName;
        private final String source;
        private final List<PendingNew> pending = new ArrayList<>();
        private PendingNew justNew;
        private int line = -1;
        private boolean changed;
        /** Catch-all try-catch blocks as {start, end, handler}, to find ranges that cover their own handler. */
        private final List<Label[]> catchAlls = new ArrayList<>();
        private final Map<Label, Boolean> visited = new IdentityHashMap<>();
        /** The end of the self-covering handler range the code is in now, or null. */
        private Label rangeEnd;
        /** The local of the {@code ALOAD} just visited (javac loads the monitor right before MONITOREXIT), or -1. */
        private int aloadJustVisited = -1;
        /** The monitor's local whose exit hook is owed once the self-covering range has ended, or -1. */
        private int deferredExit = -1;
        /** Whether the range holding {@link #deferredExit} has ended, so the hook goes before the next code. */
        private boolean pastRangeEnd;

        MethodRewriter(MethodVisitor next, String className, String methodName, String source) {
            super(OpenedClassReader.ASM_API, next);
            this.className = className;
            this.methodName = methodName;
            this.source = source;
        }

        @Override
        public void visitLineNumber(int number, Label start) {
            line = number;
            super.visitLineNumber(number, start);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end,
                                       Label handler, String type) {
            if (type == null) {
                catchAlls.add(new Label[] {start, end, handler});
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitLabel(Label label) {
            if (pastRangeEnd) {
                emitDeferredExit(); // before a label another instruction may jump to: only the handler runs it
            }
            super.visitLabel(label);
            if (label == rangeEnd) {
                rangeEnd = null;
                pastRangeEnd = deferredExit >= 0;
            }
            visited.put(label, Boolean.TRUE);
            for (Label[] b : catchAlls) {
                // javac's catch-all handler lies inside the range it is registered for (from the start, or
                // from the block's start up to just after the handler's MONITOREXIT).
                if (b[2] == label && visited.containsKey(b[0]) && !visited.containsKey(b[1])) {
                    rangeEnd = b[1];
                }
            }
        }

        /**
         * Called before every instruction: pays a deferred exit hook (after the range's end, or — if the
         * code is not javac's shape after all — right here), and forgets the last {@code ALOAD}.
         */
        private void instruction() {
            if (deferredExit >= 0) {
                emitDeferredExit();
            }
            aloadJustVisited = -1;
        }

        private void emitDeferredExit() {
            int local = deferredExit;
            deferredExit = -1;
            pastRangeEnd = false;
            super.visitVarInsn(Opcodes.ALOAD, local);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, MONITOR_HOOKS, "monitorExit", "(Ljava/lang/Object;)V", false);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            instruction();
            justNew = null;
            super.visitTypeInsn(opcode, type);
            if (opcode == Opcodes.NEW) {
                PendingNew p = new PendingNew(type);
                pending.add(p);
                justNew = kindOf(type) != null ? p : null;
            }
        }

        @Override
        public void visitInsn(int opcode) {
            int monitorLocal = aloadJustVisited;
            instruction();
            if (justNew != null && opcode == Opcodes.DUP) {
                // Only javac's NEW; DUP; ...; INVOKESPECIAL shape leaves the new object on the stack
                // after the constructor, so only that shape is named.
                justNew.duplicated = true;
            }
            justNew = null;
            if (opcode == Opcodes.MONITOREXIT && rangeEnd != null && monitorLocal >= 0) {
                deferredExit = monitorLocal; // javac's handler: hook after its self-covering range
                changed = true;
            } else if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, MONITOR_HOOKS,
                        opcode == Opcodes.MONITORENTER ? "monitorEnter" : "monitorExit", "(Ljava/lang/Object;)V", false);
                changed = true;
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            instruction();
            justNew = null;
            if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) && "wait".equals(name)) {
                String hook = waitHook(descriptor);
                if (hook != null) {
                    // Object.wait is final, so any owner with these descriptors is Object.wait.
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, MONITOR_HOOKS, "waitOn", hook, false);
                    changed = true;
                    return;
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (opcode == Opcodes.INVOKESPECIAL && "<init>".equals(name) && !pending.isEmpty()) {
                PendingNew top = pending.get(pending.size() - 1);
                if (top.type.equals(owner)) {
                    pending.remove(pending.size() - 1);
                    String kind = kindOf(owner);
                    if (kind != null && top.duplicated) {
                        super.visitInsn(Opcodes.DUP);
                        super.visitLdcInsn(site(kind));
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, ALLOCATION_HOOKS, "allocated",
                                "(Ljava/lang/Object;Ljava/lang/String;)V", false);
                        changed = true;
                    }
                }
            }
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            instruction();
            justNew = null;
            super.visitVarInsn(opcode, var);
            if (opcode == Opcodes.ALOAD) {
                aloadJustVisited = var;
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            instruction();
            justNew = null;
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitLdcInsn(Object value) {
            instruction();
            justNew = null;
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            instruction();
            justNew = null;
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            instruction();
            justNew = null;
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            instruction();
            justNew = null;
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm,
                                           Object... bsmArgs) {
            instruction();
            justNew = null;
            super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt,
                                         Label... labels) {
            instruction();
            justNew = null;
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys,
                                          Label[] labels) {
            instruction();
            justNew = null;
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            instruction();
            justNew = null;
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(changed ? maxStack + 2 : maxStack, maxLocals);
        }

        private String site(String kind) {
            StringBuilder b = new StringBuilder(96);
            b.append(kind).append('@').append(className).append('.').append(methodName).append('(');
            if (source == null) {
                b.append("Unknown Source");
            } else {
                b.append(source);
                if (line >= 0) {
                    b.append(':').append(line);
                }
            }
            return b.append(')').toString();
        }
    }

    static String kindOf(String internalName) {
        switch (internalName) {
            case "java/util/concurrent/locks/ReentrantLock":
                return "ReentrantLock";
            case "java/util/concurrent/locks/ReentrantReadWriteLock":
                return "ReentrantReadWriteLock";
            case "java/util/concurrent/locks/StampedLock":
                return "StampedLock";
            case "java/lang/Object":
                return "Object";
            // Stream decorators synchronize on themselves and call the stream they wrap, so one type
            // appears at several layers (a BufferedOutputStream over System.out's PrintStream over
            // another BufferedOutputStream): by type alone that is a cycle; by allocation site it is not.
            case "java/io/BufferedOutputStream":
                return "BufferedOutputStream";
            case "java/io/BufferedInputStream":
                return "BufferedInputStream";
            case "java/io/PrintStream":
                return "PrintStream";
            default:
                return null;
        }
    }

    private static String waitHook(String descriptor) {
        switch (descriptor) {
            case "()V":
                return "(Ljava/lang/Object;)V";
            case "(J)V":
                return "(Ljava/lang/Object;J)V";
            case "(JI)V":
                return "(Ljava/lang/Object;JI)V";
            default:
                return null;
        }
    }
}
