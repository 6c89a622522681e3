package io.jlockdep.bootstrap;

import io.jlockdep.core.HeldLock;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.fence.FenceLockdep;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: arms the hooks with a fresh engine (and its fence mapping), and disarms them again. */
public final class HookTesting {
    private HookTesting() {
    }

    /** A fresh engine with the default configuration, installed. */
    public static Lockdep install(boolean throwOnCycle) {
        return install(LockdepConfig.builder().build(), throwOnCycle, null);
    }

    /** A fresh engine with {@code config}, installed. */
    public static Lockdep install(LockdepConfig config, boolean throwOnCycle, ShutdownAction onShutdown) {
        Lockdep e = new Lockdep(config);
        EngineHolder.install(e, new FenceLockdep(e), throwOnCycle, onShutdown);
        return e;
    }

    /** The hooks return at once again. */
    public static void uninstall() {
        EngineHolder.uninstall();
    }

    /** The calling thread's held entries as {@code class/mode/holds}, bottom first. */
    public static List<String> held(Lockdep e) {
        List<String> out = new ArrayList<>();
        for (HeldLock h : e.heldLocks()) {
            out.add(h.className() + "/" + h.mode() + "/" + h.holds());
        }
        return out;
    }
}
