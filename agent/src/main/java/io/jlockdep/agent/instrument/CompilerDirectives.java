package io.jlockdep.agent.instrument;

import io.jlockdep.core.Lockdep;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the agent's own class-file work (the scan, ASM, the weaver: everything under {@code io/jlockdep/agent/})
 * out of C2. In a JVM that loads thousands of classes, as every test JVM does, that code becomes hot and C2 spent
 * 1.5–2 s of CPU compiling it (ASM's {@code ClassReader.readCode} alone about 1 s) to speed up work worth a
 * fraction of that; C1 compiles it instead. It is the JVM's own mechanism ({@code jcmd Compiler.directives_add}),
 * reached through the diagnostic command implementation of {@code jdk.management}, whose packages the agent
 * opens to itself. The engine and the hooks, which run in the program's hot paths, are not affected.
 *
 * <p>Applied once, on a daemon thread, when the transformer has parsed {@value #AFTER_PARSED} classes (a hello
 * world parses about 40 and never pays the ~35 ms this costs). Anything missing — another JVM, a runtime without
 * {@code jdk.management}, a changed internal API — leaves the compilers as they are; so does a JVM whose only
 * compiler is C2 ({@code -XX:-TieredCompilation}, {@code -XX:CompilationMode=high-only}), where the code would
 * stay interpreted.
 */
final class CompilerDirectives {
    /** Classes parsed by the transformer before the directive is worth its cost. */
    static final int AFTER_PARSED = 100;
    private static final String DIRECTIVE = "[{ match: [\"io/jlockdep/agent/*.*\"], c2: { Exclude: true } }]";

    private CompilerDirectives() {
    }

    /** Starts the thread that adds the directive; reports on standard error with {@code debug}. */
    static void start(final Instrumentation inst, final boolean debug) {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                Lockdep e = OwnWork.enter();
                try {
                    String result = add(inst);
                    if (debug) {
                        System.err.println("jlockdep: compiler directive for the agent's own code: " + result);
                    }
                } catch (Throwable failure) {
                    if (debug) {
                        System.err.println("jlockdep: compiler directive not added: " + failure);
                    }
                } finally {
                    OwnWork.leave(e);
                }
            }
        }, "jlockdep-compiler-directives");
        t.setDaemon(true);
        t.start();
    }

    /** Adds the directive; returns what the JVM answered. */
    private static String add(Instrumentation inst) throws Exception {
        Optional<Module> management = ModuleLayer.boot().findModule("java.management");
        Optional<Module> managementExt = ModuleLayer.boot().findModule("jdk.management");
        if (!management.isPresent() || !managementExt.isPresent()) {
            return "no jdk.management module";
        }
        Module self = CompilerDirectives.class.getModule();
        open(inst, management.get(), "sun.management", self);
        open(inst, managementExt.get(), "com.sun.management.internal", self);
        // Its static initializer loads the native library the diagnostic commands live in.
        Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl", true, null);
        Method vm = Class.forName("sun.management.ManagementFactoryHelper", true, null)
                .getDeclaredMethod("getVMManagement");
        vm.setAccessible(true);
        Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl", true, null);
        Constructor<?> create = impl.getDeclaredConstructor(Class.forName("sun.management.VMManagement", false, null));
        create.setAccessible(true);
        Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
        execute.setAccessible(true);
        Object commands = create.newInstance(vm.invoke(null));
        String flags = String.valueOf(execute.invoke(commands, "VM.flags"));
        if (flags.contains("-XX:-TieredCompilation") || flags.contains("CompilationMode=high-only")) {
            return "not added: C2 is the only compiler, the code would stay interpreted";
        }
        Path file = Files.createTempFile("jlockdep-directives", ".json");
        try {
            Files.write(file, DIRECTIVE.getBytes(StandardCharsets.US_ASCII));
            return String.valueOf(execute.invoke(commands, "Compiler.directives_add " + file)).trim();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void open(Instrumentation inst, Module module, String pkg, Module to) {
        Map<String, Set<Module>> opens = Collections.singletonMap(pkg, Collections.singleton(to));
        inst.redefineModule(module, Collections.<Module>emptySet(), Collections.<String, Set<Module>>emptyMap(), opens,
                Collections.<Class<?>>emptySet(), Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
    }
}
