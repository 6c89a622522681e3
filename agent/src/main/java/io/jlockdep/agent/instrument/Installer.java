package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.NameField;
import io.jlockdep.core.Lockdep;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Installs the agent's class-file transformation ({@link ClassTransformer}, run as the agent's own work):
 * hooks in the JDK's lock classes, JVM exit, the fence core's points and the waits and events of
 * {@code java.util.concurrent}, and the rewriting of lock code in every class of the {@link Scope}. Classes
 * loaded before are retransformed — only those that need it, chosen by name and, for JDK classes, by a scan
 * of their class file (or as a {@link StartupCache} remembers it) — in batches; a batch that fails is split
 * until the failing classes are found, and they keep their code (counted in {@link #errors()}).
 */
public final class Installer {
    private static final int BATCH = 64;
    /** Classes whose transformation loads every class the transformer itself runs on, before it is installed. */
    private static final String[] WARM_UP = {
        "java/util/concurrent/locks/ReentrantLock", "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject",
        "java/util/Vector",
    };

    /** A user-declared point from the {@code waits=}/{@code sections=} options. */
    public interface MethodFilter {
        /** Whether the method {@code methodName} of {@code className} is a declared point. */
        boolean matches(String className, String methodName);

        /** Whether some method of {@code className} may be a declared point. */
        boolean matchesClass(String className);
    }

    private ClassTransformer transformer;

    /**
     * Installs everything on {@code inst}, retransforming the classes already loaded that need it.
     *
     * @param waits    user-declared wait points (may match nothing)
     * @param sections user-declared signalling sections (may match nothing)
     * @param events   whether the waits and events of {@code java.util.concurrent}, {@code Thread} and monitors
     *                 are hooked ({@code events=on})
     */
    public void install(Instrumentation inst, Scope scope, MethodFilter waits, MethodFilter sections,
                        boolean events, StartupCache cache) {
        boolean debug = System.getProperty("jlockdep.debug") != null;
        transformer = new ClassTransformer(scope, waits, sections, events, debug);
        transformer.whenBusy(new Runnable() {
            @Override
            public void run() {
                CompilerDirectives.start(inst, debug);
            }
        });
        transformer.nameFields(armNameField(inst));
        warmUp(transformer);
        // Registered first, then the loaded classes are listed: a class loaded in between is either
        // transformed as it loads or in the list, never missed.
        inst.addTransformer(new OwnWorkTransformer(transformer), true);
        long t0 = System.nanoTime();
        Class<?>[] all = inst.getAllLoadedClasses();
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : all) {
            if (needsRetransform(inst, c, scope, events, cache)) {
                loaded.add(c);
            }
        }
        long t1 = System.nanoTime();
        transformer.startupCache(cache);
        try {
            for (int i = 0; i < loaded.size(); i += BATCH) {
                retransform(inst, loaded.subList(i, Math.min(loaded.size(), i + BATCH)));
            }
        } finally {
            transformer.startupCache(null);
        }
        long t2 = System.nanoTime();
        cache.save();
        if (debug) {
            System.err.println("jlockdep: retransformed " + loaded.size() + " of " + all.length + " loaded classes (choosing "
                    + (t1 - t0) / 1000000 + " ms, retransforming " + (t2 - t1) / 1000000 + " ms, "
                    + transformer.millis() + " ms of it in the transformer, saving " + (System.nanoTime() - t2) / 1000000
                    + " ms); " + cache.describe());
        }
    }

    private static boolean needsRetransform(Instrumentation inst, Class<?> c, Scope scope, boolean events,
                                            StartupCache cache) {
        if (c.isArray() || c.isPrimitive() || c.isSynthetic() || !inst.isModifiableClass(c)) {
            return false;
        }
        String name = c.getName();
        if (JdkHooks.advises(name, events)) {
            return true;
        }
        if (name.indexOf('/') >= 0 || !scope.rewrites(name)) {
            return false;
        }
        if (!Scope.isJdk(name)) {
            return true;
        }
        Boolean known = cache.knownLockCode(name);
        if (known != null) {
            return known;
        }
        boolean found = LockCodeScan.needsRewrite(name);
        cache.rememberLockCode(name, found);
        return found;
    }

    /** Retransforms {@code batch}; when it fails, each half on its own, down to single classes. */
    private void retransform(Instrumentation inst, List<Class<?>> batch) {
        try {
            inst.retransformClasses(batch.toArray(new Class<?>[0]));
        } catch (Throwable t) {
            if (batch.size() == 1) {
                transformer.retransformFailed(batch.get(0).getName() + ": " + t);
                return;
            }
            int half = batch.size() / 2;
            retransform(inst, batch.subList(0, half));
            retransform(inst, batch.subList(half, batch.size()));
        }
    }

    /**
     * Exports {@code jdk.internal.misc} to the hooks' module, so that {@link NameField} can read and write the
     * field it adds; returns whether it can.
     */
    private static boolean armNameField(Instrumentation inst) {
        try {
            inst.redefineModule(Object.class.getModule(), Collections.<Module>emptySet(),
                    Collections.singletonMap("jdk.internal.misc", Collections.singleton(NameField.class.getModule())),
                    Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
                    Collections.<Class<?>, List<Class<?>>>emptyMap());
            return NameField.arm();
        } catch (RuntimeException | LinkageError e) {
            return false; // objects are named in the table, as classes retransformed are
        }
    }

    /**
     * Transforms (and throws away) a few JDK classes' files, so that the classes the transformation runs on
     * are loaded now and not while it transforms a class (which would leave them untransformed).
     */
    private static void warmUp(ClassTransformer t) {
        // OwnWork first of all: the wrapper runs it before anything else, also for the classes loaded meanwhile.
        Lockdep e = OwnWork.enter();
        try {
            for (String name : WARM_UP) {
                try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                    if (in != null) {
                        t.transform(name, in.readAllBytes());
                    }
                } catch (IOException | RuntimeException ex) {
                    // the first real transformation loads what is missing
                }
            }
        } finally {
            OwnWork.leave(e);
        }
    }

    /** Transformation errors seen (classes left as they were). */
    public int errors() {
        return transformer == null ? 0 : transformer.errors();
    }

    /** The first transformation error, or null. */
    public String firstError() {
        return transformer == null ? null : transformer.firstError();
    }
}
