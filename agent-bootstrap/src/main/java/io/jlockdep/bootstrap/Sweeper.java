package io.jlockdep.bootstrap;

import io.jlockdep.core.Lockdep;

/**
 * The daemon thread {@code jlockdep-sweeper}: turns the entries of collected locks into tombstones as the
 * garbage collector clears them, and has the engine forget its collected instances too: within
 * {@value #MIN_GAP_MILLIS} ms of a collection, and once a second anyway (a class whose instances stopped
 * nesting would otherwise keep them until it nests again). The gap keeps the engine's graph lock free
 * while garbage streams in.
 */
final class Sweeper implements Runnable {
    private static final long IDLE_MILLIS = 1000;
    private static final long MIN_GAP_MILLIS = 100;
    private final Lockdep first;

    private Sweeper(Lockdep first) {
        this.first = first;
    }

    /** Starts the thread; {@code first} is the engine installed then, which must not track this thread. */
    static Thread start(Lockdep first) {
        Thread t = new Thread(new Sweeper(first), "jlockdep-sweeper");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        first.ignoreCurrentThread();
        long last = System.nanoTime();
        boolean pending = false; // something was collected since the engine's last sweep
        while (true) {
            try {
                long sinceMillis = (System.nanoTime() - last) / 1_000_000L;
                long wait = pending ? Math.max(1, MIN_GAP_MILLIS - sinceMillis) : IDLE_MILLIS;
                if (LockNames.awaitCollected(wait)) {
                    pending = true;
                }
                long now = System.nanoTime();
                long since = (now - last) / 1_000_000L;
                Lockdep e = EngineHolder.engine;
                if (e != null && since >= MIN_GAP_MILLIS && (pending || since >= IDLE_MILLIS)) {
                    last = now;
                    pending = false;
                    e.expungeCollected();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable ignored) {
                // keep sweeping
            }
        }
    }
}
