package io.jlockdep.agent.instrument;

import static io.jlockdep.agent.instrument.HookCall.MONITOR_HOOKS;
import static io.jlockdep.agent.instrument.HookCall.ORIGIN;
import static io.jlockdep.agent.instrument.HookCall.SAVED;
import static io.jlockdep.agent.instrument.HookCall.THIS;
import static io.jlockdep.agent.instrument.HookCall.TYPE;
import static io.jlockdep.agent.instrument.HookCall.USER_POINT_HOOKS;
import static io.jlockdep.agent.instrument.HookCall.call;

import io.jlockdep.bootstrap.NameField;
import io.jlockdep.bootstrap.UserPointHooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The agent's class-file transformer: decides by name alone whether a class gets anything (its
 * {@link JdkHooks} rules, or the rewriting of its lock code when the {@link Scope} includes it), and only then
 * parses it, in one pass of ASM: {@link BytecodeRewriter} rewrites {@code synchronized} blocks, allocations
 * and waits, {@link HookWeaver} weaves each method's hooks (the JDK rules; in the program's classes
 * synchronized methods, declared wait points and signalling sections, and {@code run()} of Thread
 * subclasses). A class with nothing changed is left as it was (null). Nothing here loads a class, and no
 * error escapes: a class that cannot be transformed keeps its code and is counted.
 */
final class ClassTransformer implements ClassFileTransformer {
    private static final String WAIT_POINT = "Lio/jlockdep/annotation/WaitPoint;";
    private static final String SIGNAL_POINT = "Lio/jlockdep/annotation/SignalPoint;";
    private static final String SECTION = "Lio/jlockdep/annotation/SignallingSection;";
    private static final MethodHooks SYNC_METHOD = MethodHooks.builder()
            .entry(call(MONITOR_HOOKS, "syncMethodEnter", "(Ljava/lang/Object;)V", THIS))
            .exit(call(MONITOR_HOOKS, "syncMethodExit", "(Ljava/lang/Object;)V", THIS))
            .build();
    private static final MethodHooks STATIC_SYNC_METHOD = MethodHooks.builder()
            .entry(call(MONITOR_HOOKS, "syncMethodEnter", "(Ljava/lang/Object;)V", TYPE))
            .exit(call(MONITOR_HOOKS, "syncMethodExit", "(Ljava/lang/Object;)V", TYPE))
            .build();
    private static final MethodHooks SECTION_HOOKS = MethodHooks.builder()
            .entry(call(USER_POINT_HOOKS, "sectionEnter", "(Ljava/lang/String;)Z", HookCall.Result.SAVE, ORIGIN))
            .exit(call(USER_POINT_HOOKS, "sectionExit", "(Ljava/lang/String;Z)V", ORIGIN, SAVED))
            .build();
    private static final MethodHooks WAIT_HOOKS = MethodHooks.onEntry(
            call(USER_POINT_HOOKS, "waitPoint", "(Ljava/lang/String;)V", ORIGIN));

    private final Scope scope;
    private final Installer.MethodFilter waits;
    private final Installer.MethodFilter sections;
    private final boolean events;
    private final boolean debug;
    private final AtomicInteger errors = new AtomicInteger();
    /** Time spent transforming, for {@code -Djlockdep.debug}. */
    private final AtomicLong nanos = new AtomicLong();
    private volatile String firstError;
    /** Classes parsed so far, and what to run once when they reach {@link CompilerDirectives#AFTER_PARSED}. */
    private final AtomicInteger parsed = new AtomicInteger();
    private volatile Runnable whenBusy;
    /** Set while this thread transforms: a class loaded meanwhile (by the transformation itself) is skipped. */
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();

    /** Whether classes being defined may gain a {@link NameField}. */
    private volatile boolean nameFields;

    /** While the classes loaded before the agent are retransformed: their transformations as kept on disk. */
    private volatile StartupCache startupCache;

    /** Whether methods with nothing to change are copied unparsed ({@link LockCodeScan}); off only in a test. */
    private final boolean scanMethods;

    ClassTransformer(Scope scope, Installer.MethodFilter waits, Installer.MethodFilter sections, boolean events,
                     boolean debug) {
        this(scope, waits, sections, events, debug, true);
    }

    ClassTransformer(Scope scope, Installer.MethodFilter waits, Installer.MethodFilter sections, boolean events,
                     boolean debug, boolean scanMethods) {
        this.scanMethods = scanMethods;
        this.scope = scope;
        this.waits = waits;
        this.sections = sections;
        this.events = events;
        this.debug = debug;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (name == null || classFile == null || busy.get() != null) {
            return null;
        }
        busy.set(Boolean.TRUE);
        long start = System.nanoTime();
        try {
            StartupCache cache = redefined != null && Scope.isJdk(redefined.getName()) ? startupCache : null;
            byte[] out = cache != null ? cache.transformed(name, classFile) : null;
            boolean cached = out != null;
            if (cached) {
                out = out == StartupCache.UNCHANGED ? null : out;
            } else {
                out = transform(name, classFile, fieldOf(redefined));
                if (cache != null) {
                    cache.remember(name, classFile, out);
                }
            }
            if (out != null && debug) {
                System.err.println("jlockdep: transformed " + name.replace('/', '.') + " ("
                        + (redefined != null ? "retransformed, " : "") + (cached ? "from the start-up cache, " : "")
                        + (System.nanoTime() - start) / 1000 + " us)");
            }
            return out;
        } catch (Throwable t) {
            error(name.replace('/', '.') + ": " + t);
            return null;
        } finally {
            busy.remove();
            nanos.addAndGet(System.nanoTime() - start);
        }
    }

    /** Serves retransformations of JDK classes from {@code cache} (and fills it) until called with null. */
    void startupCache(StartupCache cache) {
        startupCache = cache;
    }

    /** Runs {@code r} once, when this transformer has parsed {@link CompilerDirectives#AFTER_PARSED} classes. */
    void whenBusy(Runnable r) {
        whenBusy = r;
    }

    /** Lets classes being defined gain a {@link NameField} (the hooks can use it). */
    void nameFields(boolean on) {
        nameFields = on;
    }

    /**
     * Whether the class gets a {@link NameField}: when it is defined, if it is a monitor type (and the hooks can
     * use the field); when it is redefined, exactly if it was defined with one (a redefinition must not change
     * its fields).
     */
    private NameFieldRule fieldOf(Class<?> redefined) {
        if (redefined == null) {
            return nameFields ? NameFieldRule.IF_MONITOR_TYPE : NameFieldRule.NEVER;
        }
        return NameField.declaredBy(redefined) ? NameFieldRule.ALWAYS : NameFieldRule.NEVER;
    }

    /** The transformed class file of {@code internalName}, or null when nothing changes; adds no field. */
    byte[] transform(String internalName, byte[] classFile) {
        return transform(internalName, classFile, NameFieldRule.NEVER);
    }

    /** The transformed class file of {@code internalName}, or null when nothing changes. */
    byte[] transform(String internalName, byte[] classFile, NameFieldRule field) {
        JdkHooks.ClassRules rules = JdkHooks.forClass(internalName, events);
        String className = internalName.replace('/', '.');
        boolean rewrite = scope.rewrites(className);
        if (rules == null && !rewrite) {
            return null;
        }
        // Only the methods with lock code, or with hooks, are parsed; the rest are copied as they are.
        Set<String> lockCode = rewrite && scanMethods
                ? LockCodeScan.methodsToRewrite(classFile, !Scope.isJdk(className)) : null;
        if (rules == null && lockCode != null && lockCode.isEmpty() && !waits.matchesClass(className)
                && !sections.matchesClass(className) && field != NameFieldRule.ALWAYS) {
            // Most classes: nothing to change, known without parsing the class at all.
            return null;
        }
        if (parsed.incrementAndGet() == CompilerDirectives.AFTER_PARSED && whenBusy != null) {
            whenBusy.run();
        }
        ClassReader reader = OpenedClassReader.of(classFile);
        if ((reader.getAccess() & Opcodes.ACC_SYNTHETIC) != 0) {
            return null;
        }
        boolean prepared = rules != null && rules.needsLocals;
        try {
            return transform(reader, className, rules, rewrite, lockCode, prepared, rules != null && rules.savesValues,
                    field);
        } catch (NeedsLocals e) {
            // A method of the program's turned out to save a value (a signalling section): redo with locals.
            return transform(reader, className, rules, rewrite, lockCode, true, true, field);
        }
    }

    private byte[] transform(ClassReader reader, String className, JdkHooks.ClassRules rules, boolean rewrite,
                             Set<String> lockCode, boolean prepared, boolean expanded, NameFieldRule field) {
        Map<String, Integer> maxLocals = prepared ? maxLocals(reader) : null;
        ClassWriter writer = new ClassWriter(reader, 0);
        Weaving weaving = new Weaving(writer, rules, rewrite, !Scope.isJdk(className), lockCode != null, maxLocals,
                expanded);
        BytecodeRewriter rewriter = rewrite ? new BytecodeRewriter(weaving, className, lockCode, field) : null;
        reader.accept(rewriter != null ? rewriter : weaving, expanded ? ClassReader.EXPAND_FRAMES : 0);
        if (!weaving.changed && (rewriter == null || !rewriter.changed())) {
            return null;
        }
        return writer.toByteArray();
    }

    /** Each method's own {@code max_locals}, by name and descriptor: woven locals go past them. */
    private static Map<String, Integer> maxLocals(ClassReader reader) {
        final Map<String, Integer> out = new HashMap<>();
        reader.accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, final String name, final String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        out.put(name + descriptor, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }

    /** Thrown (without a stack) when a method needs locals the pass was not prepared for. */
    private static final class NeedsLocals extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsLocals() {
            super(null, null, false, false);
        }
    }

    /** Picks each method's hooks and weaves them. */
    private final class Weaving extends ClassVisitor {
        private final JdkHooks.ClassRules rules;
        /** Whether the class is in the scope: synchronized methods and declared points get their hooks. */
        private final boolean programClass;
        /** Not a JDK class: {@code run()} of a direct Thread subclass is a thread body. */
        private final boolean application;
        /** Whether the class mentions no jlockdep annotation ({@link LockCodeScan}): only some methods need a look. */
        private final boolean scanned;
        private final Map<String, Integer> maxLocals;
        private final boolean expanded;
        private final Map<String, String> fields = new HashMap<>();
        private String owner;
        private int version;
        private boolean extendsThread;
        boolean changed;

        Weaving(ClassVisitor next, JdkHooks.ClassRules rules, boolean programClass, boolean application,
                boolean scanned, Map<String, Integer> maxLocals, boolean expanded) {
            super(OpenedClassReader.ASM_API, next);
            this.rules = rules;
            this.programClass = programClass;
            this.application = application;
            this.scanned = scanned;
            this.maxLocals = maxLocals;
            this.expanded = expanded;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            this.owner = name;
            this.version = version;
            this.extendsThread = application && "java/lang/Thread".equals(superName);
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            fields.put(name, descriptor);
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (mv == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return mv;
            }
            MethodHooks fixed = rules != null ? rules.of(name, descriptor) : null;
            if (fixed == null && !(programClass && mayHaveHooks(access, name, descriptor))) {
                return mv; // when it is the writer's own, the method is copied without being parsed
            }
            return new Planner(mv, access, name, descriptor, fixed);
        }

        /**
         * Whether the method may get the program's hooks: synchronized, declared by the options, a Thread
         * subclass's run(), or annotated — which only a visit tells, unless the class mentions no annotation of ours
         * (always so for the JDK's).
         */
        private boolean mayHaveHooks(int access, String name, String descriptor) {
            String type = owner.replace('/', '.');
            return (access & Opcodes.ACC_SYNCHRONIZED) != 0 || waits.matches(type, name) || sections.matches(type, name)
                    || (extendsThread && "run".equals(name) && "()V".equals(descriptor))
                    || (application && !scanned);
        }

        /** Reads a method's annotations, then at its code decides its hooks and hands over to a weaver. */
        private final class Planner extends MethodVisitor {
            private final int access;
            private final String name;
            private final String descriptor;
            private final MethodHooks fixed;
            private String pointMap;
            private boolean pointIsWait;

            Planner(MethodVisitor next, int access, String name, String descriptor, MethodHooks fixed) {
                super(OpenedClassReader.ASM_API, next);
                this.access = access;
                this.name = name;
                this.descriptor = descriptor;
                this.fixed = fixed;
            }

            @Override
            public AnnotationVisitor visitAnnotation(String type, boolean visible) {
                AnnotationVisitor av = super.visitAnnotation(type, visible);
                if (!programClass || !(WAIT_POINT.equals(type) || SIGNAL_POINT.equals(type) || SECTION.equals(type))) {
                    return av;
                }
                // A class file has only the values given at the use: the annotations' default map is the fence's.
                pointMap = UserPointHooks.FENCE_MAP;
                pointIsWait = WAIT_POINT.equals(type);
                return new AnnotationVisitor(OpenedClassReader.ASM_API, av) {
                    @Override
                    public void visit(String key, Object value) {
                        if ("value".equals(key) && value instanceof String) {
                            pointMap = (String) value;
                        }
                        super.visit(key, value);
                    }
                };
            }

            @Override
            public void visitCode() {
                MethodHooks hooks = plan();
                if (hooks != null) {
                    Integer locals = maxLocals != null ? maxLocals.get(name + descriptor) : null;
                    if ((hooks.savedType() != null && !expanded)
                            || ((hooks.savedType() != null || hooks.passesReturned()) && locals == null)) {
                        throw new NeedsLocals();
                    }
                    mv = new HookWeaver(mv, owner, access, name, descriptor, hooks, fields, version,
                            locals != null ? locals : -1, expanded);
                    changed = true;
                }
                super.visitCode();
            }

            /** The method's hooks: the JDK rule, or what the program's method declares; null for none. */
            private MethodHooks plan() {
                if (!programClass) {
                    return fixed;
                }
                MethodHooks point = null;
                String map = pointMap;
                boolean isWait = pointIsWait;
                if (map == null && !"<init>".equals(name) && !"<clinit>".equals(name)) {
                    if (waits.matches(owner.replace('/', '.'), name)) {
                        map = UserPointHooks.FENCE_MAP;
                        isWait = true;
                    } else if (sections.matches(owner.replace('/', '.'), name)) {
                        map = UserPointHooks.FENCE_MAP;
                    }
                }
                if (map != null) {
                    UserPointHooks.declarePoint(owner.replace('/', '.') + "." + name + descriptor, map);
                    point = isWait ? WAIT_HOOKS : SECTION_HOOKS;
                }
                boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                if (extendsThread && !isStatic && "run".equals(name) && "()V".equals(descriptor)) {
                    // Its body is what its joiners wait for, like Thread.run's.
                    point = JdkHooks.threadRun().around(point);
                }
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    // The monitor is held from before the entry hooks to after the exit hooks.
                    point = (isStatic ? STATIC_SYNC_METHOD : SYNC_METHOD).around(point);
                }
                return fixed != null ? fixed.around(point) : point;
            }
        }
    }

    private void error(String what) {
        errors.incrementAndGet();
        if (firstError == null) {
            firstError = what;
        }
    }

    /** Records a class that could not be retransformed. */
    void retransformFailed(String what) {
        error(what);
    }

    /** Milliseconds spent in {@link #transform} so far. */
    long millis() {
        return nanos.get() / 1000000;
    }

    int errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }
}
