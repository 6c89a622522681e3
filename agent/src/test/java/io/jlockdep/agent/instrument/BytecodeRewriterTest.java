package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.bootstrap.LockHooks;
import io.jlockdep.bootstrap.MonitorHooks;
import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Lockdep;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BytecodeRewriter} on real javac output, without the agent: the rewritten class is loaded in a
 * child loader and run against an engine installed in {@link EngineHolder}.
 */
class BytecodeRewriterTest {
    private static Lockdep engine;
    private static Class<?> rewritten;
    private static byte[] rewrittenBytes;

    @BeforeAll
    static void rewrite() throws Exception {
        engine = new Lockdep();
        EngineHolder.install(engine, null, false, null);
        String resource = RewriterSample.class.getName().replace('.', '/') + ".class";
        byte[] original;
        try (InputStream in = RewriterSample.class.getClassLoader().getResourceAsStream(resource)) {
            original = in.readAllBytes();
        }
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, 0);
        ClassVisitor v = new BytecodeRewriter(writer, RewriterSample.class.getName(), null);
        reader.accept(v, 0);
        rewrittenBytes = writer.toByteArray();
        rewritten = new ClassLoader(BytecodeRewriterTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(RewriterSample.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, rewrittenBytes, 0, rewrittenBytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(RewriterSample.class.getName());
    }

    private static Object newSample() throws Exception {
        return rewritten.getConstructor().newInstance();
    }

    private static Object field(Object o, String name) throws Exception {
        Field f = rewritten.getField(name);
        return f.get(o);
    }

    @Test
    void aSynchronizedBlockIsTrackedWhileInsideAndReleasedAfter() throws Exception {
        Object sample = newSample();
        Predicate<Object> held = engine::isHeld;
        rewritten.getMethod("block", Predicate.class).invoke(sample, held);
        assertTrue((Boolean) field(sample, "sawHeldInBlock"));
        assertEquals(0, engine.depth());
    }

    @Test
    void anExceptionLeavingTheBlockReleasesTheMonitorInTheTrackerToo() throws Exception {
        Object sample = newSample();
        Method m = rewritten.getMethod("blockThatThrows");
        Throwable t = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> m.invoke(sample));
        assertTrue(t.getCause() instanceof IllegalStateException);
        assertEquals(0, engine.depth());
    }

    @Test
    void objectWaitIsReplacedAndTheMonitorIsHeldAgainAfterIt() throws Exception {
        Object sample = newSample();
        Predicate<Object> held = engine::isHeld;
        rewritten.getMethod("waitBriefly", Predicate.class).invoke(sample, held);
        assertTrue((Boolean) field(sample, "sawHeldAfterWait"));
        assertEquals(0, engine.depth());
        // an application class: the wait is also a wait for the monitor's notify event
        assertEquals(1, count(rewrittenBytes, BytecodeRewriter.MONITOR_HOOKS, "waitForNotify"));
        assertEquals(0, count(rewrittenBytes, BytecodeRewriter.MONITOR_HOOKS, "waitOn"));
    }

    @Test
    void taskLambdasAreNamedByTheirSiteNotByTheirHiddenClass() throws Exception {
        // Runnable/Callable/Supplier lambdas and method references are named where they are made; a Function
        // is nobody's task, and javac's lambda$tasks$N numbering is not used (it counts over the whole class).
        assertEquals(3, count(rewrittenBytes, BytecodeRewriter.EVENT_HOOKS, "lambdaMade"));
        java.util.List<Object> constants = ldcConstants(rewrittenBytes);
        String sample = RewriterSample.class.getName();
        assertTrue(constants.contains("lambda #1 in " + sample + ".tasks"), constants::toString);
        assertTrue(constants.contains("lambda #2 in " + sample + ".tasks"), constants::toString);
        assertTrue(constants.contains(sample + "::make"), constants::toString);
        assertFalse(constants.contains("lambda #3 in " + sample + ".tasks"), constants::toString);
        Object[] made = (Object[]) rewritten.getMethod("tasks").invoke(newSample());
        assertEquals(4, made.length);
    }

    @Test
    void locksAndPlainObjectsAreNamedByTheirFieldWithTheLineAsOrigin() throws Exception {
        Object sample = newSample();
        Object monitor = field(sample, "monitor");
        Object lock = field(sample, "lock");
        Predicate<Object> ignore = o -> false;
        rewritten.getMethod("block", Predicate.class).invoke(sample, ignore);
        // The block took the monitor: its class is the field it was stored into; the line is its origin.
        synchronized (lock) {
            // not instrumented here: the test class itself is not rewritten
        }
        LockHooks.lock(lock);
        MonitorHooks.monitorEnter(monitor);
        MonitorHooks.monitorExit(monitor);
        LockHooks.unlock(lock);
        GraphSnapshot g = engine.snapshot();
        String text = g.toText();
        String sampleType = RewriterSample.class.getName();
        assertTrue(text.contains("ReentrantLock " + sampleType + ".lock"), text);
        assertTrue(text.contains("Object " + sampleType + ".monitor"), text);
        assertFalse(text.contains("RewriterSample.java:"), "no line in a class name: " + text);
        assertEquals(sampleType + ".<init>(RewriterSample.java:8)",
                engine.lockClass("ReentrantLock " + sampleType + ".lock").origin());
    }

    @Test
    void anAllocationNotStoredIsNamedByItsMethodAndOrdinal() throws Exception {
        Object[] made = (Object[]) rewritten.getMethod("unusedAllocations").invoke(newSample());
        Object fromStatic = rewritten.getMethod("make").invoke(null);
        String sampleType = RewriterSample.class.getName();
        assertEquals("ReentrantLock@" + sampleType + ".unusedAllocations#1", classWhileLocked(made[0]));
        assertEquals("ReentrantLock@" + sampleType + ".make#1", classWhileLocked(fromStatic));
    }

    private static String classWhileLocked(Object lock) {
        LockHooks.lock(lock);
        try {
            return engine.heldLocks().get(0).className();
        } finally {
            LockHooks.unlock(lock);
        }
    }

    @Test
    void onlyJavacsNewDupShapesOfLockTypesAreNamed() throws Exception {
        // <init>: Object + ReentrantLock fields (stored); unusedAllocations, an instance method: new Object()
        // (popped), new ReentrantLock(true) (owned); make(), static: new ReentrantLock() (allocated).
        assertEquals(2, count(rewrittenBytes, BytecodeRewriter.ALLOCATION_HOOKS, "stored"));
        assertEquals(2, count(rewrittenBytes, BytecodeRewriter.ALLOCATION_HOOKS, "allocatedBy"));
        assertEquals(1, count(rewrittenBytes, BytecodeRewriter.ALLOCATION_HOOKS, "allocated"));
        assertEquals(3, count(rewrittenBytes, BytecodeRewriter.MONITOR_HOOKS, "monitorEnter"));
        assertEquals(opcodes(rewrittenBytes, Opcodes.MONITOREXIT), count(rewrittenBytes, BytecodeRewriter.MONITOR_HOOKS, "monitorExit"));
        assertFalse(new String(rewrittenBytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("StringBuilder@"));
    }

    @Test
    void noHookCallSitsInsideTheRangeACatchAllHandlerProtectsItselfWith() {
        // C1 refuses a method ("error while joining with exception handler") if a call it inlines sits in
        // a range that covers its own catch-all handler (javac's shape); that exit hook must come after it.
        int[] inside = {0};
        int[] handlers = {0};
        new ClassReader(rewrittenBytes).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String m, String d, String s, String[] e) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    final java.util.List<Label[]> blocks = new java.util.ArrayList<>();
                    final java.util.Set<Label> seen = java.util.Collections.newSetFromMap(
                            new java.util.IdentityHashMap<>());
                    Label end;

                    @Override
                    public void visitTryCatchBlock(Label start, Label stop, Label handler, String type) {
                        blocks.add(new Label[] {start, stop, handler});
                    }

                    @Override
                    public void visitLabel(Label label) {
                        seen.add(label);
                        if (label == end) {
                            end = null;
                        }
                        for (Label[] b : blocks) {
                            if (b[2] == label && seen.contains(b[0]) && !seen.contains(b[1])) {
                                end = b[1];
                                handlers[0]++;
                            }
                        }
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String mn, String md, boolean itf) {
                        if (end != null && owner.startsWith("io/jlockdep/bootstrap/")) {
                            inside[0]++;
                        }
                    }
                };
            }
        }, 0);
        assertEquals(3, handlers[0], "javac's synchronized blocks in RewriterSample");
        assertEquals(0, inside[0]);
    }

    /** Counts the instructions with {@code opcode} in the class file. */
    private static int opcodes(byte[] bytes, int opcode) {
        int[] n = {0};
        new ClassReader(bytes).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String m, String d, String s, String[] e) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitInsn(int op) {
                        if (op == opcode) {
                            n[0]++;
                        }
                    }
                };
            }
        }, 0);
        return n[0];
    }

    /** Every LDC constant in the class file, in order. */
    private static java.util.List<Object> ldcConstants(byte[] bytes) {
        java.util.List<Object> out = new java.util.ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String m, String d, String s, String[] e) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        out.add(value);
                    }
                };
            }
        }, 0);
        return out;
    }

    /** Counts INVOKESTATIC {hooks}.{name} in the class file. */
    private static int count(byte[] bytes, String hooks, String name) {
        int[] n = {0};
        new ClassReader(bytes).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String m, String d, String s, String[] e) {
                return new MethodVisitor(OpenedClassReader.ASM_API) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String mn, String md, boolean itf) {
                        if (op == Opcodes.INVOKESTATIC && owner.equals(hooks) && mn.equals(name)) {
                            n[0]++;
                        }
                    }
                };
            }
        }, 0);
        return n[0];
    }
}
