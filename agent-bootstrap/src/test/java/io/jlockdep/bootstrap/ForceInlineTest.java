package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hooks a lock or monitor operation calls on every acquisition and release are force-inlined: without it, C2
 * stops inlining a hook into a hot method once the hook has a big compiled body of its own ("already compiled
 * into a big method"), and every {@code synchronized} block or {@code lock()} then pays a call. The annotation is
 * honoured only for classes the boot loader defines, which the hooks are under the agent.
 */
class ForceInlineTest {
    private static final String FORCE_INLINE = "jdk.internal.vm.annotation.ForceInline";

    @Test
    void theMonitorAndLockFastPathsAreForceInlined() {
        List<String> missing = Arrays.stream(new Method[] {
            method(MonitorHooks.class, "monitorEnter", Object.class),
            method(MonitorHooks.class, "monitorExit", Object.class),
            method(MonitorHooks.class, "syncMethodEnter", Object.class),
            method(MonitorHooks.class, "syncMethodExit", Object.class),
            method(LockHooks.class, "lock", Object.class),
            method(LockHooks.class, "unlock", Object.class),
            method(LockHooks.class, "readLock", Object.class),
            method(LockHooks.class, "readUnlock", Object.class),
            method(LockHooks.class, "writeLock", Object.class),
            method(LockHooks.class, "writeUnlock", Object.class),
            method(LockHooks.class, "stampedRead", Object.class),
            method(LockHooks.class, "stampedWrite", Object.class),
            method(LockHooks.class, "stampedUnlockRead", Object.class),
            method(LockHooks.class, "stampedUnlockWrite", Object.class),
            method(LockHooks.class, "acquire", Object.class, String.class, io.jlockdep.core.Mode.class),
            method(LockHooks.class, "release", Object.class, io.jlockdep.core.Mode.class),
        }).filter(m -> Arrays.stream(m.getDeclaredAnnotations()).noneMatch(a -> a.annotationType().getName().equals(FORCE_INLINE)))
                .map(Method::toString).collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "not force-inlined: " + missing);
    }

    @Test
    void theSlowPathsAreNot() {
        // Forced inlining of the class lookup and the general release would put them into every caller.
        for (Method m : new Method[] {
            method(MonitorHooks.class, "enterNamed", io.jlockdep.core.Lockdep.class, Object.class),
            method(LockHooks.class, "acquireNamed", io.jlockdep.core.Lockdep.class, Object.class, String.class,
                    io.jlockdep.core.Mode.class),
        }) {
            assertTrue(Arrays.stream(m.getDeclaredAnnotations()).noneMatch(a -> a.annotationType().getName().equals(FORCE_INLINE)),
                    m.toString());
        }
    }

    private static Method method(Class<?> c, String name, Class<?>... params) {
        try {
            return c.getDeclaredMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
