package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the lock and monitor hooks inline into the program's methods stays small: their slow paths are
 * {@code @DontInline} (honoured for classes the boot loader defines, which the hooks and the engine are under the
 * agent), their fast paths (the thread's pending top) are left to C2's heuristics. Inlined, the slow paths made C2 compile the class lookup
 * into every hot {@code synchronized} block of a real library (its compile time about doubled), and made the fast
 * paths' own compiled bodies too big to be inlined at all.
 */
class SlowPathsOutOfLineTest {
    private static final String DONT_INLINE = "jdk.internal.vm.annotation.DontInline";

    @Test
    void theSlowPathsAreNeverInlined() {
        List<String> inlinable = Arrays.stream(new Method[] {
            method(MonitorHooks.class, "enterNamed", Lockdep.class, Object.class),
            method(MonitorHooks.class, "exitGeneral", Lockdep.class, Object.class),
            method(LockHooks.class, "acquireNamed", Lockdep.class, Object.class, String.class, Mode.class),
            method(LockHooks.class, "releaseGeneral", Lockdep.class, Object.class, Mode.class),
            method(Lockdep.class, "mineFromThreadLocal"),
            // the second tier of repeats (the outer locks of a nest): inlined, it doubled each hook's code
            method(threadState(), "pushRemembered", Object.class, Mode.class),
            method(threadState(), "popTop", Object.class, Mode.class),
        }).filter(m -> !annotated(m, DONT_INLINE)).map(Method::toString).collect(Collectors.toList());
        assertTrue(inlinable.isEmpty(), "slow paths C2 may inline: " + inlinable);
    }

    /**
     * Hooks that are not a lock's fast path are out of line whole: every public hook of {@link EventHooks} and
     * {@link AllocationHooks} with a body of its own (the small delegators below only pass on to one that is), the
     * waits and bins of {@link MonitorHooks}, and the condition, creation and thread-local hooks of {@link LockHooks}. Inlined, a {@code notifyAll} compiled the engine's event path into
     * each of a real library's hot methods that called it (one of them 2.5 times the code).
     */
    @Test
    void theOtherHooksAreNeverInlined() {
        List<String> delegators = List.of("configure", "futureWait", "threadRuns", "threadRan", "virtualThreadRuns",
                "virtualThreadRan", "signal(java.lang.Object,boolean)");
        List<Method> hooks = new ArrayList<>();
        for (Class<?> c : List.of(EventHooks.class, AllocationHooks.class)) {
            for (Method m : c.getDeclaredMethods()) {
                String withParams = m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getName)
                        .collect(Collectors.joining(",")) + ")";
                if (Modifier.isPublic(m.getModifiers())
                        && !delegators.contains(m.getName()) && !delegators.contains(withParams)) {
                    hooks.add(m);
                }
            }
        }
        for (Method m : MonitorHooks.class.getDeclaredMethods()) {
            if (m.getName().startsWith("wait") && Modifier.isPublic(m.getModifiers())) {
                hooks.add(m);
            }
        }
        hooks.add(method(MonitorHooks.class, "binEnter", Object.class, Object.class));
        hooks.add(method(LockHooks.class, "threadLocalsErased", Object.class));
        hooks.add(method(LockHooks.class, "rrwCreated", Object.class, Object.class));
        hooks.add(method(LockHooks.class, "conditionCreated", Object.class, Object.class));
        hooks.add(method(LockHooks.class, "awaitRelease", Object.class));
        hooks.add(method(LockHooks.class, "awaitReacquire", Object.class, int.class));
        assertTrue(hooks.size() > 20, "hooks found: " + hooks);
        List<String> inlinable = hooks.stream().filter(m -> !annotated(m, DONT_INLINE)).map(Method::toString)
                .collect(Collectors.toList());
        assertTrue(inlinable.isEmpty(), "hooks C2 may inline whole: " + inlinable);
    }

    @Test
    void theFastPathsAreLeftToTheCompiler() {
        for (Method m : new Method[] {
            method(MonitorHooks.class, "monitorEnter", Object.class),
            method(MonitorHooks.class, "monitorExit", Object.class),
            method(LockHooks.class, "acquire", Object.class, String.class, Mode.class),
            method(LockHooks.class, "release", Object.class, Mode.class),
            method(Lockdep.class, "acquireKnown", Object.class, Mode.class),
            method(Lockdep.class, "releaseTop", Object.class, Mode.class),
        }) {
            assertTrue(m.getDeclaredAnnotations().length == 0, "annotated: " + m);
        }
    }

    private static Class<?> threadState() {
        try {
            return Class.forName("io.jlockdep.core.ThreadState");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean annotated(Method m, String annotation) {
        return Arrays.stream(m.getDeclaredAnnotations()).anyMatch(a -> a.annotationType().getName().equals(annotation));
    }

    private static Method method(Class<?> c, String name, Class<?>... params) {
        try {
            return c.getDeclaredMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
