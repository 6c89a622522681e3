package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.LockNames;
import io.jlockdep.bootstrap.NameField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Rewrites these things in the method bodies of instrumented classes, all stack-neutral at instruction
 * boundaries so no stack map frame changes:
 * <ul>
 *   <li>{@code MONITORENTER}/{@code MONITOREXIT}: {@code DUP; INVOKESTATIC MonitorHooks.monitorEnter/Exit} in
 *       front, so the order is checked <em>before</em> the thread can block on the monitor. One exception:
 *       the {@code MONITOREXIT} of javac's catch-all handler, whose protected range covers the handler
 *       itself, gets its hook just after that range ({@code ALOAD n; INVOKESTATIC MonitorHooks.monitorExit},
 *       reloading the monitor from javac's local). A call inside the self-covering range makes C1 give up
 *       on the whole method ("error while joining with exception handler") once it inlines the hook;</li>
 *   <li>allocations of what may become a lock ({@code j.u.c} locks, {@code new Object()}, the JDK's monitor
 *       types, application types): after the constructor, a call to {@code AllocationHooks} with the site's
 *       name and source line as constants (no stack walk at run time). The name is the field the new object
 *       is stored into ({@code DUP2} passes the holder too) or else the method and the allocation's ordinal
 *       among that method's allocations of its type, never a line number, so it survives edits;
 *       instance methods pass {@code this} as the owner;</li>
 *   <li>the result of {@code Collections.synchronizedMap(..)} and its siblings is named at the call, like an
 *       allocation ({@code SynchronizedMap com.acme.Cache.index});</li>
 *   <li>in {@code ConcurrentHashMap}'s instance methods, {@code MONITORENTER} passes {@code this} too: the
 *       monitors there are the map's bins, classed by the map;</li>
 *   <li>{@code Object.wait(..)} calls: replaced by {@code MonitorHooks.waitOn(..)}, which tells the engine the
 *       monitor is released while waiting (in application code {@code waitForNotify(..)}, also a wait for the
 *       monitor's notify event), and in application code {@code notify()}/{@code notifyAll()} by
 *       {@code MonitorHooks.notifyOn}/{@code notifyAllOn}, the event;</li>
 *   <li>in application code, allocations of the {@code j.u.c} synchronizers ({@link #eventKind}) and the results
 *       of {@code newCondition()} and {@code Executors.new*(..)} are named like locks: their events' roles.</li>
 * </ul>
 */
final class BytecodeRewriter extends ClassVisitor {
    static final String MONITOR_HOOKS = "io/jlockdep/bootstrap/MonitorHooks";
    static final String ALLOCATION_HOOKS = "io/jlockdep/bootstrap/AllocationHooks";
    static final String EVENT_HOOKS = "io/jlockdep/bootstrap/EventHooks";
    private static final String PLAIN = "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;)V";
    private static final String OWNED = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;)V";
    private static final String STORED = OWNED;
    private static final String[] OUR_PACKAGES = {
        "io/jlockdep/core/", "io/jlockdep/fence/", "io/jlockdep/bootstrap/", "io/jlockdep/api/",
        "io/jlockdep/agent/", "io/jlockdep/junit5/", "io/jlockdep/cli/",
    };
    private static final String CHM = "java.util.concurrent.ConcurrentHashMap";

    private final String className;
    private String source;
    /** Allocations named so far per method name and type: the {@code #n} of the next one. */
    private final Map<String, Integer> ordinals = new HashMap<>();
    /** Whether this class declares synchronized instance methods or fields that hold locks. */
    private boolean monitorType;
    /**
     * A JDK class, or the fence core (which models its own waits and signals): its synchronizers,
     * waits, notifies and lambdas are not events (their roles are the JDK's or the fence core's).
     */
    private final boolean jdk;

    /** Whether anything was rewritten (else the class is left as it was). */
    private boolean changed;

    /** The methods (name + descriptor) that may need rewriting, or null for all. */
    private final Set<String> methods;

    /** Whether the class gets a {@link NameField}. */
    private final NameFieldRule field;
    /** An interface, a record, or a class that has the field already: no field is added. */
    private boolean fieldless;

    /**
     * @param next      the visitor that receives the rewritten class
     * @param className the class's binary name
     * @param methods   the methods that may need rewriting (name + descriptor; {@link LockCodeScan}), null for all:
     *                  the others go straight to {@code next}
     */
    BytecodeRewriter(ClassVisitor next, String className, Set<String> methods) {
        this(next, className, methods, NameFieldRule.NEVER);
    }

    /** @param field whether the class gets a {@link NameField} (JDK classes never do) */
    BytecodeRewriter(ClassVisitor next, String className, Set<String> methods, NameFieldRule field) {
        super(OpenedClassReader.ASM_API, next);
        this.className = className;
        this.methods = methods;
        this.jdk = Scope.isJdk(className) || className.startsWith("io.jlockdep.fence.");
        this.field = jdk ? NameFieldRule.NEVER : field;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
                      String[] interfaces) {
        // A record's fields are its components (equals, serialization): it gets none of ours.
        fieldless = (access & Opcodes.ACC_INTERFACE) != 0 || "java/lang/Record".equals(superName);
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String file, String debug) {
        source = file;
        super.visitSource(file, debug);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if ((access & Opcodes.ACC_STATIC) == 0 && signature == null && holdsLocks(descriptor)) {
            monitorType = true;
        }
        if (NameField.NAME.equals(name)) {
            fieldless = true;
        }
        return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        if ((access & (Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_STATIC)) == Opcodes.ACC_SYNCHRONIZED) {
            monitorType = true;
        }
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (mv == null || (methods != null && !methods.contains(name + descriptor))) {
            return mv; // when it is the writer's own, the method is copied without being parsed
        }
        return new MethodRewriter(mv, this, name, (access & Opcodes.ACC_STATIC) != 0);
    }

    @Override
    public void visitEnd() {
        if (monitorType) {
            LockNames.declareMonitorType(className);
        }
        if (!fieldless && (field == NameFieldRule.ALWAYS || field == NameFieldRule.IF_MONITOR_TYPE && monitorType)) {
            // Private and transient: left out of the default serialVersionUID and of serialization.
            FieldVisitor fv = super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                    NameField.NAME, NameField.DESCRIPTOR, null, null);
            if (fv != null) {
                fv.visitEnd();
            }
            NameField.added(className);
            changed = true;
        }
        super.visitEnd();
    }

    boolean changed() {
        return changed;
    }

    int nextOrdinal(String method, String kind) {
        return ordinals.merge(method + ' ' + kind, 1, Integer::sum);
    }

    /** Fields whose objects are locks or monitors: such a type's allocation site refines its locks' classes. */
    private static boolean holdsLocks(String descriptor) {
        switch (descriptor) {
            case "Ljava/lang/Object;":
            case "Ljava/util/concurrent/locks/Lock;":
            case "Ljava/util/concurrent/locks/ReadWriteLock;":
            case "Ljava/util/concurrent/locks/ReentrantLock;":
            case "Ljava/util/concurrent/locks/ReentrantReadWriteLock;":
            case "Ljava/util/concurrent/locks/StampedLock;":
            case "Ljava/util/concurrent/ConcurrentHashMap;":
            case "Ljava/util/Hashtable;":
                return true;
            default:
                return false;
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
        private final BytecodeRewriter owner;
        private final String className;
        private final String methodName;
        private final boolean isStatic;
        /** In a constructor, {@code this} may be passed only once {@code super(..)}/{@code this(..)} returned. */
        private boolean thisReady;
        /** The kind of the allocation whose naming hook is owed after its constructor, or null. */
        private String owedKind;
        private String owedWhere;
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

        MethodRewriter(MethodVisitor next, BytecodeRewriter owner, String methodName, boolean isStatic) {
            super(OpenedClassReader.ASM_API, next);
            this.owner = owner;
            this.className = owner.className;
            this.methodName = methodName;
            this.isStatic = isStatic;
            this.thisReady = !isStatic && !"<init>".equals(methodName);
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
            payOwed();
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
            payOwed();
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
                justNew = kindFor(type) != null ? p : null;
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
            } else if (opcode == Opcodes.MONITORENTER && thisReady && CHM.equals(className)) {
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, MONITOR_HOOKS, "binEnter",
                        "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
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
                    // Object.wait is final, so any owner with these descriptors is Object.wait. In application
                    // code the wait is also a wait for the monitor's notify (an event); in the JDK's, only a
                    // release.
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, MONITOR_HOOKS,
                            this.owner.jdk ? "waitOn" : "waitForNotify", hook, false);
                    changed = true;
                    return;
                }
            }
            if (!this.owner.jdk && (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE)
                    && "()V".equals(descriptor) && ("notify".equals(name) || "notifyAll".equals(name))) {
                // final in Object too: the event a monitor's waiters wait for
                super.visitMethodInsn(Opcodes.INVOKESTATIC, MONITOR_HOOKS, name + "On", "(Ljava/lang/Object;)V", false);
                changed = true;
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            String factoryKind = this.owner.jdk ? null : factoryKind(opcode, owner, name, descriptor);
            if (factoryKind != null) {
                // Made inside the lock or the JDK's Executors, where every one would share one site: the call
                // in the program decides its role (a Condition stored in Buf.notEmpty), so it is named there.
                owedKind = factoryKind;
                owedWhere = where();
                return;
            }
            if (opcode == Opcodes.INVOKESTATIC && "java/util/Collections".equals(owner) && name.startsWith("synchronized")
                    && !"java.util.Collections".equals(className)) {
                // The wrapper is allocated inside Collections, where every one would share one site: the
                // factory call in the program is where its role is decided, so it is named there.
                owedKind = "S" + name.substring(1);
                owedWhere = where();
                return;
            }
            if (opcode == Opcodes.INVOKESPECIAL && "<init>".equals(name)) {
                if (pending.isEmpty()) {
                    thisReady = !isStatic; // super(..) or this(..) of a constructor
                    return;
                }
                PendingNew top = pending.get(pending.size() - 1);
                if (top.type.equals(owner)) {
                    pending.remove(pending.size() - 1);
                    String kind = kindFor(owner);
                    if (kind != null && top.duplicated) {
                        owedKind = kind; // named before the next instruction, which may store it
                        owedWhere = where();
                    }
                }
            }
        }

        /** The kind an allocation of {@code type} here is named with, or null. */
        private String kindFor(String type) {
            String kind = nameKind(type);
            return kind != null || this.owner.jdk ? kind : eventKind(type);
        }

        /** Pays the naming hook owed for the allocation on the stack; not a field store. */
        private void payOwed() {
            if (owedKind == null) {
                return;
            }
            String kind = owedKind;
            owedKind = null;
            String name = kind + '@' + className + '.' + methodName + '#' + this.owner.nextOrdinal(methodName, kind);
            super.visitInsn(Opcodes.DUP);
            if (thisReady) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitLdcInsn(name);
                super.visitLdcInsn(owedWhere);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, ALLOCATION_HOOKS, "allocatedBy", OWNED, false);
            } else {
                super.visitLdcInsn(name);
                super.visitLdcInsn(owedWhere);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, ALLOCATION_HOOKS, "allocated", PLAIN, false);
            }
            changed = true;
        }

        /** Pays the owed hook as a field store: the object's name is the field's. */
        private void payOwedAsField(int opcode, String fieldOwner, String field) {
            String kind = owedKind;
            owedKind = null;
            if (opcode == Opcodes.PUTFIELD && thisReady) {
                super.visitInsn(Opcodes.DUP2); // holder, object
                super.visitLdcInsn(kind + " ." + field);
                super.visitLdcInsn(owedWhere);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, ALLOCATION_HOOKS, "stored", STORED, false);
            } else {
                // a static field, or a field of an object not yet constructed: the declaring type names it
                super.visitInsn(Opcodes.DUP);
                super.visitLdcInsn(kind + ' ' + fieldOwner.replace('/', '.') + '.' + field);
                super.visitLdcInsn(owedWhere);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, ALLOCATION_HOOKS, "allocated", PLAIN, false);
            }
            changed = true;
        }

        private String where() {
            StringBuilder b = new StringBuilder(96);
            b.append(className).append('.').append(methodName).append('(');
            String source = this.owner.source;
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
            if (owedKind != null && (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)) {
                payOwedAsField(opcode, owner, name);
            }
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
            String role = this.owner.jdk ? null : taskLambdaRole(descriptor, bsm, bsmArgs);
            if (role != null) {
                // A lambda's hidden class has no name two runs share, and all of a class's lambdas would be one
                // task role: the site names it instead, once per hidden class (EventHooks.lambdaMade).
                if (role.isEmpty()) {
                    role = "lambda #" + this.owner.nextOrdinal(methodName, "lambda") + " in "
                            + className + '.' + methodName;
                }
                super.visitInsn(Opcodes.DUP);
                super.visitLdcInsn(role);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EVENT_HOOKS, "lambdaMade",
                        "(Ljava/lang/Object;Ljava/lang/String;)V", false);
                changed = true;
            }
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
            // the widest insertion: DUP2 and two constants (stored), or DUP, this and two constants
            if (changed) {
                owner.changed = true;
            }
            super.visitMaxs(changed ? maxStack + 4 : maxStack, maxLocals);
        }

        @Override
        public void visitEnd() {
            payOwed();
            super.visitEnd();
        }
    }

    /**
     * The kind an allocation of {@code internalName} is named with ({@code ReentrantLock},
     * {@code Hashtable}, {@code Account}), or null when the type is never named: JDK types other than the
     * locks, {@code Object} and the monitor types {@link #kindOf} lists.
     */
    static String nameKind(String internalName) {
        String kind = kindOf(internalName);
        if (kind != null) {
            return kind;
        }
        if (internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/")
                || isOurs(internalName)) {
            return null;
        }
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** The tool's own types (its fences and pseudo-locks are named by the fence core, not by site). */
    private static boolean isOurs(String internalName) {
        for (String p : OUR_PACKAGES) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kind of a synchronizer whose allocation in application code names its event ({@code CountDownLatch},
     * {@code ArrayBlockingQueue}, {@code CompletableFuture}, {@code ThreadPoolExecutor}), or null. Kept apart
     * from {@link #kindOf}: a JDK class allocating these needs no rewriting for it.
     */
    static String eventKind(String internalName) {
        if (!internalName.startsWith("java/util/concurrent/") || internalName.indexOf('/', 21) >= 0) {
            return null;
        }
        String simple = internalName.substring(21);
        switch (simple) {
            case "CountDownLatch":
            case "Semaphore":
            case "CyclicBarrier":
            case "Phaser":
            case "ArrayBlockingQueue":
            case "LinkedBlockingQueue":
            case "LinkedBlockingDeque":
            case "PriorityBlockingQueue":
            case "DelayQueue":
            case "SynchronousQueue":
            case "LinkedTransferQueue":
            case "CompletableFuture":
            case "ThreadPoolExecutor":
            case "ScheduledThreadPoolExecutor":
                return simple;
            default:
                return null;
        }
    }

    /**
     * The task role of a lambda or method reference made by this {@code invokedynamic}, when it is a task's
     * code ({@code Runnable}, {@code Callable}, {@code Supplier}): {@code Owner::method} for a method reference,
     * "" for a lambda body (the caller numbers it in its method), null for anything else.
     */
    static String taskLambdaRole(String descriptor, Handle bsm, Object[] bsmArgs) {
        if (!"java/lang/invoke/LambdaMetafactory".equals(bsm.getOwner()) || bsmArgs.length < 2
                || !(bsmArgs[1] instanceof Handle)) {
            return null;
        }
        if (!descriptor.endsWith(")Ljava/lang/Runnable;") && !descriptor.endsWith(")Ljava/util/concurrent/Callable;")
                && !descriptor.endsWith(")Ljava/util/function/Supplier;")) {
            return null;
        }
        Handle impl = (Handle) bsmArgs[1];
        if (impl.getName().startsWith("lambda$")) {
            return "";
        }
        return impl.getOwner().replace('/', '.') + "::" + impl.getName();
    }

    /** The kind of an event object a factory call returns ({@code lock.newCondition()}, {@code Executors.new*}). */
    static String factoryKind(int opcode, String owner, String name, String descriptor) {
        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) && "newCondition".equals(name)
                && "()Ljava/util/concurrent/locks/Condition;".equals(descriptor)) {
            return "Condition";
        }
        if (opcode == Opcodes.INVOKESTATIC && "java/util/concurrent/Executors".equals(owner) && name.startsWith("new")
                && (descriptor.endsWith(")Ljava/util/concurrent/ExecutorService;")
                        || descriptor.endsWith(")Ljava/util/concurrent/ScheduledExecutorService;"))) {
            return "ExecutorService";
        }
        return null;
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
            // The JDK's monitor types (synchronized methods) and ConcurrentHashMap, whose bins are classed
            // by the map: named where they are allocated, so unrelated tables never merge.
            case "java/util/Hashtable":
                return "Hashtable";
            case "java/util/Properties":
                return "Properties";
            case "java/util/Vector":
                return "Vector";
            case "java/util/Stack":
                return "Stack";
            case "java/lang/StringBuffer":
                return "StringBuffer";
            case "java/util/concurrent/ConcurrentHashMap":
                return "ConcurrentHashMap";
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
