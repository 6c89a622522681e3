package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.PotentialDeadlockError;

/**
 * {@code onCycle=throw}: a finding stops the thread that found it with {@link PotentialDeadlockError},
 * before it can block. The engine already dropped suppressed findings, so every finding a hook gets is
 * reported. A hook that recorded an acquisition (or entered a section) undoes it first: the thread will
 * not take that lock, and must not be seen holding it.
 */
final class CyclePolicy {
    static boolean throwOnCycle;

    private CyclePolicy() {
    }

    /** Whether {@code f} (null: no finding) stops the thread. */
    static boolean stops(Finding f) {
        return f != null && throwOnCycle;
    }

    /** After the engine recorded {@code id} as acquired and found {@code f}: undoes that and throws, under throw. */
    static void acquired(Lockdep e, Object id, Finding f) {
        if (!stops(f)) {
            return;
        }
        try {
            e.release(id);
        } catch (Throwable ignored) {
            // still throw below
        }
        throw new PotentialDeadlockError(f);
    }

    /** After a probe (nothing recorded) found {@code f}: throws, under throw. */
    static void probed(Finding f) {
        if (stops(f)) {
            throw new PotentialDeadlockError(f);
        }
    }
}
