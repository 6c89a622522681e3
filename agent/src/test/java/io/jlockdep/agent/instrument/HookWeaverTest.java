package io.jlockdep.agent.instrument;

import static io.jlockdep.agent.instrument.HookCall.RETURNED;
import static io.jlockdep.agent.instrument.HookCall.SAVED;
import static io.jlockdep.agent.instrument.HookCall.THIS;
import static io.jlockdep.agent.instrument.HookCall.TYPE;
import static io.jlockdep.agent.instrument.HookCall.arg;
import static io.jlockdep.agent.instrument.HookCall.call;
import static io.jlockdep.agent.instrument.HookCall.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HookWeaver} on real javac output, loaded in a child class loader (so the JVM verifies it) and run:
 * entry hooks before the body, return hooks with the returned value (a {@code long}, a {@code boolean}),
 * exception hooks once per escaping exception (also one thrown by a callee), a value saved at entry read at
 * every exit across loops and handlers, the class constant of a static method — in the old class-file format
 * (no class constants, no frames) too.
 */
public class HookWeaverTest {
    private static final String SAMPLE = "io/jlockdep/agent/instrument/WeaverSample";
    private static final String RECORDER = "io/jlockdep/agent/instrument/HookWeaverTest";
    /** What the woven hooks saw, in order. */
    static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

    public static void entered(Object o) {
        SEEN.add("entered " + o.getClass().getSimpleName());
    }

    public static void returnedLong(Object o, long v) {
        SEEN.add("returned " + v);
    }

    public static void returnedBoolean(boolean v, Object o) {
        SEEN.add("returned " + v);
    }

    public static void thrown(Object o) {
        SEEN.add("thrown");
    }

    public static int save(Object o, int n) {
        SEEN.add("save " + n);
        return n * 10;
    }

    public static void saved(int v) {
        SEEN.add("saved " + v);
    }

    public static void fieldValue(Object value) {
        SEEN.add("field " + (value != null ? value.getClass().getSimpleName() : null));
    }

    public static void type(Object c) {
        SEEN.add("type " + ((Class<?>) c).getSimpleName());
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    private static Map<String, MethodHooks> plans() {
        Map<String, MethodHooks> plans = new HashMap<>();
        plans.put("loop", MethodHooks.builder()
                .entry(call(RECORDER, "save", "(Ljava/lang/Object;I)I", HookCall.Result.SAVE, THIS, arg(0)))
                .returned(call(RECORDER, "returnedLong", "(Ljava/lang/Object;J)V", THIS, RETURNED))
                .exit(call(RECORDER, "saved", "(I)V", SAVED))
                .build());
        plans.put("early", MethodHooks.builder()
                .entry(call(RECORDER, "fieldValue", "(Ljava/lang/Object;)V", field("sync")))
                .returned(call(RECORDER, "returnedBoolean", "(ZLjava/lang/Object;)V", RETURNED, THIS))
                .build());
        plans.put("fails", MethodHooks.builder()
                .entry(call(RECORDER, "entered", "(Ljava/lang/Object;)V", THIS))
                .thrown(call(RECORDER, "thrown", "(Ljava/lang/Object;)V", THIS))
                .build());
        plans.put("counted", MethodHooks.builder()
                .exit(call(RECORDER, "type", "(Ljava/lang/Object;)V", TYPE))
                .build());
        MethodHooks enteredThenThrown = MethodHooks.builder()
                .entry(call(RECORDER, "entered", "(Ljava/lang/Object;)V", THIS))
                .exit(call(RECORDER, "thrown", "(Ljava/lang/Object;)V", THIS))
                .build();
        plans.put("empty", enteredThenThrown);
        plans.put("throwsFromCallee", enteredThenThrown);
        return plans;
    }

    /** The sample with the plans woven, its class file version set to {@code version} (frames dropped below 50). */
    private static Class<?> woven(int version) throws Exception {
        byte[] original;
        try (InputStream in = WeaverSample.class.getResourceAsStream("WeaverSample.class")) {
            original = in.readAllBytes();
        }
        ClassReader reader = new ClassReader(original);
        Map<String, Integer> maxLocals = new HashMap<>();
        reader.accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int a, String name, String d, String s, String[] e) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMaxs(int stack, int locals) {
                        maxLocals.put(name, locals);
                    }
                };
            }
        }, 0);
        boolean old = version < Opcodes.V1_6;
        ClassWriter writer = new ClassWriter(old ? ClassWriter.COMPUTE_MAXS : 0);
        Map<String, MethodHooks> plans = plans();
        Map<String, String> fields = new HashMap<>();
        reader.accept(new ClassVisitor(OpenedClassReader.ASM_API, writer) {
            @Override
            public void visit(int v, int access, String name, String signature, String superName, String[] itfs) {
                super.visit(version, access, name, signature, superName, itfs);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String d, String signature, Object value) {
                fields.put(name, d);
                return super.visitField(access, name, d, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String signature, String[] e) {
                MethodVisitor mv = super.visitMethod(access, name, d, signature, e);
                MethodHooks hooks = plans.get(name);
                return hooks == null ? mv : new HookWeaver(mv, SAMPLE, access, name, d, hooks, fields, version,
                        maxLocals.get(name), !old);
            }
        }, old ? ClassReader.SKIP_FRAMES : ClassReader.EXPAND_FRAMES);
        byte[] bytes = writer.toByteArray();
        return new ClassLoader(HookWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(WeaverSample.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(WeaverSample.class.getName());
    }

    private static Object invoke(Object target, Class<?> type, String name, Class<?>[] types, Object... args)
            throws Throwable {
        Method m = type.getMethod(name, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void hooksSeeEntryReturnsSavedValuesAndExceptions() throws Throwable {
        for (int version : new int[] {Opcodes.V17, Opcodes.V1_4}) {
            SEEN.clear();
            Class<?> type = woven(version);
            Object sample = type.getConstructor().newInstance();

            assertEquals(0L, invoke(sample, type, "loop", new Class<?>[] {int.class}, 5));
            assertEquals(List.of("save 5", "returned 0", "saved 50"), SEEN, "version " + version);
            SEEN.clear();

            assertEquals(false, invoke(sample, type, "early", new Class<?>[] {int.class}, -1));
            assertEquals(true, invoke(sample, type, "early", new Class<?>[] {int.class}, 7));
            assertEquals(List.of("field Object", "returned false", "field Object", "returned true"), SEEN);
            SEEN.clear();

            invoke(sample, type, "fails", new Class<?>[] {boolean.class}, false);
            assertThrows(IllegalStateException.class,
                    () -> invoke(sample, type, "fails", new Class<?>[] {boolean.class}, true));
            assertEquals(List.of("entered WeaverSample", "entered WeaverSample", "thrown"), SEEN);
            SEEN.clear();

            assertEquals(4, invoke(null, type, "counted", new Class<?>[] {int.class}, 3));
            assertEquals(List.of("type WeaverSample"), SEEN);
            SEEN.clear();

            invoke(sample, type, "empty", new Class<?>[0]);
            assertEquals(List.of("entered WeaverSample", "thrown"), SEEN, "a body of one return: no empty range");
            SEEN.clear();

            assertThrows(NumberFormatException.class,
                    () -> invoke(sample, type, "throwsFromCallee", new Class<?>[0]));
            assertEquals(List.of("entered WeaverSample", "thrown"), SEEN, "one exit hook per exit");
        }
    }
}
