package io.jlockdep.agent;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;

/**
 * Runs every engine path once on a throwaway engine before instrumentation starts, so the classes the
 * hooks need (slow path, findings, rendering) are loaded now and not in the middle of a lock operation.
 */
final class Warmup {
    private Warmup() {
    }

    static void run() {
        Lockdep e = new Lockdep();
        LockClass a = e.lockClass("warmup-a");
        LockClass b = e.lockClass("warmup-b");
        Object x = new Object();
        Object y = new Object();
        e.acquire(x, a, Mode.EXCLUSIVE);
        e.acquire(y, b, Mode.SHARED);
        e.release(y);
        e.release(x);
        e.acquire(y, b, Mode.EXCLUSIVE);
        Finding f = e.acquire(x, a, Mode.EXCLUSIVE);
        e.release(x);
        e.release(y);
        e.tryAcquired(x, a, Mode.EXCLUSIVE);
        int saved = e.waitRelease(x);
        e.waitReacquire(x, a, saved);
        e.release(x);
        e.probe(y, b, Mode.EXCLUSIVE);
        if (f != null) {
            f.render();
        }
        e.statistics();
        e.snapshot().toText();
    }
}
