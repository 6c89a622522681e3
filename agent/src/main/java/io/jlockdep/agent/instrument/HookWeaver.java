package io.jlockdep.agent.instrument;

import java.util.Map;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves a method's {@link MethodHooks} into its code: entry hooks before the first instruction, return
 * hooks before each return, and exception hooks in a catch-all handler appended after the code, whose
 * protected ranges cover the original code but not the woven return hooks (so a return hook never runs the
 * exception hooks too). Everything woven is straight-line, so the only new stack map frame is the
 * handler's. A value saved at entry lives in a new local past the method's own ({@code firstFreeLocal}); the
 * class is then read with expanded frames and every frame of the method gets that local appended, so it stays readable
 * after any branch. A returned value passed to a hook goes through a scratch local, stored and read with no
 * branch in between.
 */
final class HookWeaver extends MethodVisitor {
    private final String owner;
    private final String origin;
    private final boolean isStatic;
    private final Type[] args;
    private final MethodHooks hooks;
    private final Map<String, String> fields;
    private final int classVersion;
    /** The saved value's local, or -1; its frame type and size. */
    private final int savedLocal;
    private final Object savedFrameType;
    private final int savedSize;
    /** The scratch local for returned values, or -1. */
    private final int scratchLocal;
    private final boolean catches;
    /** Whether the class is read with expanded frames (all of a method's frames are then {@code F_NEW}). */
    private final boolean expandedFrames;
    private boolean begun;
    private boolean ended;
    private Label rangeStart;
    /** Whether original code was visited since {@link #rangeStart} (an empty range is not allowed). */
    private boolean codeInRange;
    private Label handler;

    /**
     * @param firstFreeLocal the method's own {@code max_locals}; needed (not -1) when the hooks save a value or
     *                       pass a returned one
     * @param expandedFrames whether the class is read with {@code EXPAND_FRAMES}; required when a value is saved
     */
    HookWeaver(MethodVisitor next, String owner, int access, String name, String descriptor, MethodHooks hooks,
               Map<String, String> fields, int classVersion, int firstFreeLocal, boolean expandedFrames) {
        super(OpenedClassReader.ASM_API, next);
        this.owner = owner;
        this.origin = owner.replace('/', '.') + '.' + name + descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.args = Type.getArgumentTypes(descriptor);
        this.hooks = hooks;
        this.fields = fields;
        this.classVersion = classVersion;
        String saved = hooks.savedType();
        if (saved != null) {
            Type t = Type.getType(saved);
            savedLocal = firstFreeLocal;
            savedSize = t.getSize();
            savedFrameType = frameType(t);
        } else {
            savedLocal = -1;
            savedSize = 0;
            savedFrameType = null;
        }
        scratchLocal = hooks.passesReturned() ? firstFreeLocal + savedSize : -1;
        if ((saved != null || scratchLocal >= 0) && firstFreeLocal < 0) {
            throw new IllegalArgumentException("a saved or returned value needs the method's max_locals");
        }
        this.catches = !hooks.thrown.isEmpty();
        this.expandedFrames = expandedFrames;
        if (saved != null && !expandedFrames && (classVersion & 0xFFFF) >= Opcodes.V1_6) {
            throw new IllegalArgumentException("a saved value needs expanded frames");
        }
        if (catches && "<init>".equals(name)) {
            throw new IllegalArgumentException("no exception hooks in constructors");
        }
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.LONG:
                return Opcodes.LONG;
            default:
                return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY ? t.getInternalName() : Opcodes.TOP;
        }
    }

    // javac visits a method's exception table first; the entry hooks go before its first instruction.
    private void begin() {
        if (begun) {
            return;
        }
        begun = true;
        for (HookCall c : hooks.entry) {
            emit(c, 0);
        }
        if (catches) {
            handler = new Label();
            rangeStart = new Label();
            super.visitLabel(rangeStart);
        }
    }

    private void code() {
        begin();
        codeInRange = true;
    }

    private void closeRange() {
        if (codeInRange) {
            Label end = new Label();
            super.visitLabel(end);
            super.visitTryCatchBlock(rangeStart, end, handler, "java/lang/Throwable");
        }
        codeInRange = false;
    }

    /** The exception handler, after the last instruction (and before the local variable table). */
    private void end() {
        begin();
        if (ended) {
            return;
        }
        ended = true;
        if (!catches) {
            return;
        }
        closeRange();
        super.visitLabel(handler);
        if ((classVersion & 0xFFFF) >= Opcodes.V1_6) {
            // Only 'this' and the saved local are read past this point; everything else is TOP.
            int nLocals = savedLocal >= 0 ? savedLocal + 1 : (isStatic ? 0 : 1);
            Object[] locals = new Object[Math.max(nLocals, 1)];
            int n = 0;
            if (!isStatic) {
                locals[n++] = owner;
            }
            if (savedLocal >= 0) {
                for (int slot = isStatic ? 0 : 1; slot < savedLocal; slot++) {
                    locals[n++] = Opcodes.TOP;
                }
                locals[n++] = savedFrameType;
            }
            super.visitFrame(expandedFrames ? Opcodes.F_NEW : Opcodes.F_FULL, n, locals, 1,
                    new Object[] {"java/lang/Throwable"});
        }
        for (HookCall c : hooks.thrown) {
            emit(c, 0);
        }
        super.visitInsn(Opcodes.ATHROW);
    }

    private void emit(HookCall c, int returnOpcode) {
        for (HookCall.Operand o : c.operands) {
            push(o, returnOpcode);
        }
        if (c.owner != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, c.owner, c.name, c.descriptor, false);
        }
        switch (c.result) {
            case SAVE:
                super.visitVarInsn(Type.getType(c.savedType()).getOpcode(Opcodes.ISTORE), savedLocal);
                break;
            case ARG0:
                super.visitVarInsn(args[0].getOpcode(Opcodes.ISTORE), isStatic ? 0 : 1);
                break;
            default:
                break;
        }
    }

    private void push(HookCall.Operand o, int returnOpcode) {
        switch (o.kind) {
            case THIS:
                super.visitVarInsn(Opcodes.ALOAD, 0);
                break;
            case FIELD:
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitFieldInsn(Opcodes.GETFIELD, owner, o.name, fieldDescriptor(o.name));
                break;
            case ARG:
                super.visitVarInsn(args[o.index].getOpcode(Opcodes.ILOAD), argSlot(o.index));
                break;
            case CONSTANT:
                if (o.value instanceof Boolean) {
                    super.visitInsn((Boolean) o.value ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                } else {
                    super.visitLdcInsn(o.value);
                }
                break;
            case TYPE:
                if ((classVersion & 0xFFFF) >= Opcodes.V1_5) {
                    super.visitLdcInsn(Type.getObjectType(owner));
                } else {
                    // Before Java 5 a class constant cannot be loaded: resolve it through the class's own loader.
                    super.visitLdcInsn(owner.replace('/', '.'));
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
                            "(Ljava/lang/String;)Ljava/lang/Class;", false);
                }
                break;
            case ORIGIN:
                super.visitLdcInsn(origin);
                break;
            case RETURNED:
                super.visitVarInsn(returnOpcode - (Opcodes.IRETURN - Opcodes.ILOAD), scratchLocal);
                break;
            case SAVED:
                super.visitVarInsn(Type.getType(hooks.savedType()).getOpcode(Opcodes.ILOAD), savedLocal);
                break;
            case REFERENCE_ARGS:
                pushInt(args.length);
                super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
                for (int i = 0; i < args.length; i++) {
                    int sort = args[i].getSort();
                    if (sort == Type.OBJECT || sort == Type.ARRAY) {
                        super.visitInsn(Opcodes.DUP);
                        pushInt(i);
                        super.visitVarInsn(Opcodes.ALOAD, argSlot(i));
                        super.visitInsn(Opcodes.AASTORE);
                    }
                }
                break;
            default:
                throw new IllegalStateException(o.kind.toString());
        }
    }

    private String fieldDescriptor(String name) {
        String d = fields.get(name);
        if (d == null) {
            throw new IllegalStateException(owner + " has no field " + name);
        }
        return d;
    }

    private int argSlot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += args[i].getSize();
        }
        return slot;
    }

    private void pushInt(int v) {
        if (v <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + v);
        } else {
            super.visitIntInsn(Opcodes.BIPUSH, v);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN && !hooks.returned.isEmpty()) {
            begin();
            // The protected range ends before the return hooks; the return itself throws nothing to catch.
            if (catches) {
                closeRange();
            }
            if (scratchLocal >= 0 && opcode != Opcodes.RETURN) {
                boolean wide = opcode == Opcodes.LRETURN || opcode == Opcodes.DRETURN;
                super.visitInsn(wide ? Opcodes.DUP2 : Opcodes.DUP);
                super.visitVarInsn(opcode - (Opcodes.IRETURN - Opcodes.ISTORE), scratchLocal);
            }
            for (HookCall c : hooks.returned) {
                if (c.result == HookCall.Result.RETURN) {
                    super.visitInsn(opcode == Opcodes.LRETURN || opcode == Opcodes.DRETURN ? Opcodes.POP2 : Opcodes.POP);
                }
                emit(c, opcode);
            }
            super.visitInsn(opcode);
            if (catches) {
                rangeStart = new Label();
                super.visitLabel(rangeStart);
            }
            return;
        }
        code();
        super.visitInsn(opcode);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        begin();
        if (savedLocal < 0 || type != Opcodes.F_NEW) {
            super.visitFrame(type, numLocal, local, numStack, stack);
            return;
        }
        // The saved local is live everywhere: append it (after TOP padding) to every frame.
        Object[] locals = new Object[savedLocal + 1];
        int n = 0;
        int slot = 0;
        for (int i = 0; i < numLocal; i++) {
            Object t = local[i];
            locals[n++] = t;
            slot += t == Opcodes.LONG || t == Opcodes.DOUBLE ? 2 : 1;
        }
        while (slot < savedLocal) {
            locals[n++] = Opcodes.TOP;
            slot++;
        }
        locals[n++] = savedFrameType;
        super.visitFrame(type, n, locals, numStack, stack);
    }

    @Override
    public void visitLabel(Label label) {
        begin();
        super.visitLabel(label);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        begin();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        code();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        code();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        code();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        code();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        code();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
        code();
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        code();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        code();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        code();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        code();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        code();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        code();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
                                   int index) {
        end();
        super.visitLocalVariable(name, descriptor, signature, start, end, index);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        end();
        // Widest woven code: a returned long kept, an array of arguments being filled, a few operands.
        int locals = maxLocals;
        if (savedLocal >= 0) {
            locals = Math.max(locals, savedLocal + savedSize);
        }
        if (scratchLocal >= 0) {
            locals = Math.max(locals, scratchLocal + 2);
        }
        super.visitMaxs(maxStack + 8, locals);
    }
}
