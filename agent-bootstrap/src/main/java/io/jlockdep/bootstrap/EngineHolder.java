package io.jlockdep.bootstrap;

import io.jlockdep.core.Lockdep;
import io.jlockdep.fence.FenceLockdep;

/**
 * The engine the hooks report to and the fence core's mapping on it. Null until the agent installs them,
 * once, before any class is instrumented: until then every hook returns at once. The hooks read the
 * fields directly (one static read on the hot path), without {@code volatile}: a hook that does not see the
 * engine yet skips one operation of a program that started before the agent.
 */
public final class EngineHolder {
    static Lockdep engine;
    static FenceLockdep fence;
    private static Thread sweeper;

    private EngineHolder() {
    }

    /**
     * Arms the hooks. Called once by the agent; tests may install a fresh engine (what the hooks learnt
     * about earlier lock objects stays).
     *
     * @param e            the engine
     * @param fenceMapping the fence core's lockdep mapping on that engine
     * @param throwOnCycle whether a new finding throws {@code PotentialDeadlockError} in the acquiring thread
     * @param onShutdown   the agent's work at exit
     */
    public static synchronized void install(Lockdep e, FenceLockdep fenceMapping, boolean throwOnCycle,
                                            ShutdownAction onShutdown) {
        LockNames.arm(e);
        UserPointHooks.arm();
        ExitHooks.arm(onShutdown);
        CyclePolicy.throwOnCycle = throwOnCycle;
        fence = fenceMapping;
        engine = e;
        if (sweeper == null) {
            sweeper = Sweeper.start(e);
        }
    }

    /** For tests: the hooks return at once again. */
    static synchronized void uninstall() {
        engine = null;
        fence = null;
        CyclePolicy.throwOnCycle = false;
        ExitHooks.arm(null);
    }

    /** The installed engine, or null. */
    public static Lockdep engine() {
        return engine;
    }
}
