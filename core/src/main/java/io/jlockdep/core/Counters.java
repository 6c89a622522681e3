package io.jlockdep.core;

import java.lang.ref.WeakReference;
import java.util.ArrayList;

/**
 * Acquisition and chain-hit counts without a shared write on the fast path: each thread bumps its own
 * {@link Cell}; {@link #sum} adds up the live cells plus what dead threads left behind. The registry
 * holds threads weakly and never reaches their held-lock state.
 */
final class Counters {
    /** One thread's counts; written only by that thread, read racily by {@link #sum}. */
    static final class Cell {
        /** Acquisitions answered entirely by the fast path (each is also a chain hit). */
        long fastHits;
        /** Acquisitions through the general path. */
        long acquisitions;
        /** Chain hits on the general path. */
        long chainHits;
    }

    private static final class Registration {
        final WeakReference<Thread> thread;
        final Cell cell;

        Registration(Thread thread, Cell cell) {
            this.thread = new WeakReference<>(thread);
            this.cell = cell;
        }
    }

    private final ArrayList<Registration> live = new ArrayList<>();
    private long deadAcquisitions;
    private long deadChainHits;
    private int sweepAt = 64;

    /** A new cell for the calling thread. */
    synchronized Cell register() {
        Cell cell = new Cell();
        live.add(new Registration(Thread.currentThread(), cell));
        if (live.size() >= sweepAt) {
            sweep();
            sweepAt = Math.max(64, live.size() * 2);
        }
        return cell;
    }

    /** {acquisitions, chainHits} over all threads that ever counted. */
    synchronized long[] sum() {
        sweep();
        long acquisitions = deadAcquisitions;
        long hits = deadChainHits;
        for (Registration r : live) {
            acquisitions += r.cell.fastHits + r.cell.acquisitions;
            hits += r.cell.fastHits + r.cell.chainHits;
        }
        return new long[] {acquisitions, hits};
    }

    private void sweep() {
        int kept = 0;
        for (int i = 0; i < live.size(); i++) {
            Registration r = live.get(i);
            Thread t = r.thread.get();
            // Registered threads have run, so not alive means terminated. (Not Thread.getState(): on JDK 17 its
            // first call loads Thread$State, which inside a hook can fail for good with ClassCircularityError.)
            if (t == null || !t.isAlive()) {
                deadAcquisitions += r.cell.fastHits + r.cell.acquisitions;
                deadChainHits += r.cell.fastHits + r.cell.chainHits;
            } else {
                live.set(kept++, r);
            }
        }
        while (live.size() > kept) {
            live.remove(live.size() - 1);
        }
    }
}
