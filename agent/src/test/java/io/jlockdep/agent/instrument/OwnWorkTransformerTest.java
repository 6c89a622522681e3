package io.jlockdep.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.bootstrap.LockHooks;
import io.jlockdep.bootstrap.MonitorHooks;
import io.jlockdep.core.FindingKind;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OwnWorkTransformer}: whatever the wrapped transformer locks, through either {@code transform}
 * method, on a thread that holds a program lock, records nothing and leaves the thread tracked again — also
 * when it throws, and when a lock it took is released only after it returned.
 */
class OwnWorkTransformerTest {
    private Lockdep engine;
    private final ReentrantLock program = new ReentrantLock();
    private final ReentrantLock agents = new ReentrantLock();
    private final Object agentsMonitor = new Object();
    /** What the wrapped transformer does; set per test. */
    private Body body;
    private boolean sawOwnWork;
    private String sawName;

    private interface Body {
        void run() throws IllegalClassFormatException;
    }

    @BeforeEach
    void install() {
        engine = new Lockdep(LockdepConfig.builder().reportEdges(true).build());
        EngineHolder.install(engine, null, false, null);
    }

    private final ClassFileTransformer delegate = new ClassFileTransformer() {
        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                byte[] classFile) throws IllegalClassFormatException {
            sawOwnWork = engine.isInOwnWork();
            sawName = name;
            body.run();
            return null;
        }
    };

    private final OwnWorkTransformer wrapper = new OwnWorkTransformer(delegate);

    private void lockAndUnlockTheAgentsLocks() {
        MonitorHooks.monitorEnter(agentsMonitor);
        LockHooks.lock(agents);
        LockHooks.unlock(agents);
        MonitorHooks.monitorExit(agentsMonitor);
    }

    @Test
    void bothTransformMethodsRunAsOwnWorkUnderAProgramLock() throws Exception {
        body = this::lockAndUnlockTheAgentsLocks;
        LockHooks.lock(program);
        try {
            wrapper.transform(getClass().getModule(), null, "a/B", null, null, new byte[0]);
            assertTrue(sawOwnWork);
            sawOwnWork = false;
            wrapper.transform(null, "a/B", null, null, new byte[0]);
            assertTrue(sawOwnWork);
            assertFalse(engine.isCurrentThreadBusy());
            assertEquals(1, engine.depth());
        } finally {
            LockHooks.unlock(program);
        }
        assertEquals(0, engine.depth());
        assertTrue(engine.snapshot().edges().isEmpty(), () -> engine.snapshot().toText());
        assertTrue(engine.findings().isEmpty());
    }

    @Test
    void aThrowingTransformerStillLeavesTheSection() {
        body = () -> {
            lockAndUnlockTheAgentsLocks();
            throw new IllegalClassFormatException("bad class file");
        };
        assertThrows(IllegalClassFormatException.class,
                () -> wrapper.transform(getClass().getModule(), null, "a/B", null, null, new byte[0]));
        assertFalse(engine.isInOwnWork());
        LockHooks.lock(program);
        assertEquals(1, engine.depth(), "tracked again");
        LockHooks.unlock(program);
    }

    @Test
    void aLockTakenInsideAndReleasedAfterIsNotUnbalanced() throws Exception {
        body = () -> LockHooks.lock(agents);
        wrapper.transform(getClass().getModule(), null, "a/B", null, null, new byte[0]);
        LockHooks.unlock(agents);
        assertEquals(0, engine.depth());
        assertEquals(0, engine.statistics().detections(FindingKind.UNBALANCED));
    }

    @Test
    void aProgramLockReleasedInsideLeavesNoStaleEntry() throws Exception {
        LockHooks.lock(program);
        body = () -> LockHooks.unlock(program);
        wrapper.transform(getClass().getModule(), null, "a/B", null, null, new byte[0]);
        assertEquals(0, engine.depth());
        assertEquals(0, engine.statistics().detections(FindingKind.UNBALANCED));
    }

    /** {@code defineClass(null, ..)}: the delegate gets the name the class file declares; a given name stays. */
    @Test
    void aNamelessClassIsPassedOnUnderItsOwnName() throws Exception {
        body = () -> { };
        byte[] classFile;
        try (java.io.InputStream in = getClass().getResourceAsStream("RewriterSample.class")) {
            classFile = in.readAllBytes();
        }
        wrapper.transform(getClass().getModule(), null, null, null, null, classFile);
        assertEquals("io/jlockdep/agent/instrument/RewriterSample", sawName);
        wrapper.transform(null, null, null, null, classFile);
        assertEquals("io/jlockdep/agent/instrument/RewriterSample", sawName);
        wrapper.transform(null, "a/B", null, null, classFile);
        assertEquals("a/B", sawName);
        wrapper.transform(null, null, null, null, new byte[] {1, 2, 3});
        assertEquals(null, sawName, "an unreadable class file stays name-less");
    }
}
