package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.core.Lockdep;

/**
 * The agent's instrumentation work as an own-work section of the installed engine
 * ({@link Lockdep#enterOwnWork}): it runs on whatever thread loads a class, often while that thread holds
 * the program's locks, and the locks it takes (in instrumented JDK code) are not the program's.
 */
final class OwnWork {
    private OwnWork() {
    }

    /** Enters a section on the calling thread; returns the engine to pass to {@link #leave} (null: none yet). */
    static Lockdep enter() {
        Lockdep e = EngineHolder.engine();
        if (e != null) {
            e.enterOwnWork();
        }
        return e;
    }

    /** Leaves the section {@link #enter} entered. */
    static void leave(Lockdep e) {
        if (e != null) {
            e.leaveOwnWork();
        }
    }
}
