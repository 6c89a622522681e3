package io.jlockdep.bootstrap;

import io.jlockdep.core.Lockdep;

/**
 * What instrumented code calls right after {@code new ReentrantLock()}, {@code new ReentrantReadWriteLock()},
 * {@code new StampedLock()}, {@code new Object()} or a new layered stream ({@code BufferedOutputStream},
 * {@code BufferedInputStream}, {@code PrintStream}): the allocation site becomes the lock's name (see
 * {@link LockNames}). {@code BytecodeRewriter} passes the site as a constant, so no stack walk happens here.
 */
public final class AllocationHooks {
    private AllocationHooks() {
    }

    /**
     * Names the new {@code lock} by its allocation {@code site}, e.g.
     * {@code ReentrantLock@com.acme.Bank.<init>(Bank.java:12)}.
     */
    public static void allocated(Object lock, String site) {
        Lockdep e = EngineHolder.engine;
        if (e == null || lock == null || site == null) {
            return;
        }
        try {
            LockNames.allocatedAt(e, lock, site);
        } catch (Throwable ignored) {
            // unnamed: falls back to the type
        }
    }
}
