package io.jlockdep.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shrinkers of one memory pool, run on demand inside the reclaim context ({@link Reclaim}).
 * Registration is lock-free; a scan works on the shrinkers registered when it starts. Thread-safe.
 */
public final class ShrinkerRegistry {
    private final AtomicReference<Shrinker[]> shrinkers = new AtomicReference<Shrinker[]>(new Shrinker[0]);

    /** An empty registry. */
    public ShrinkerRegistry() {
    }

    /**
     * Adds {@code shrinker}; later scans call it, in registration order.
     *
     * @throws IllegalArgumentException if it is null or registered already
     */
    public void register(Shrinker shrinker) {
        if (shrinker == null) {
            throw new IllegalArgumentException("null shrinker");
        }
        for (;;) {
            Shrinker[] current = shrinkers.get();
            for (Shrinker s : current) {
                if (s == shrinker) {
                    throw new IllegalArgumentException("shrinker " + shrinker + " is registered already");
                }
            }
            Shrinker[] next = new Shrinker[current.length + 1];
            System.arraycopy(current, 0, next, 0, current.length);
            next[current.length] = shrinker;
            if (shrinkers.compareAndSet(current, next)) {
                return;
            }
        }
    }

    /**
     * Removes {@code shrinker}; a scan already running may still call it.
     *
     * @return whether it was registered
     */
    public boolean unregister(Shrinker shrinker) {
        for (;;) {
            Shrinker[] current = shrinkers.get();
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == shrinker) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return false;
            }
            Shrinker[] next = new Shrinker[current.length - 1];
            System.arraycopy(current, 0, next, 0, at);
            System.arraycopy(current, at + 1, next, at, current.length - at - 1);
            if (shrinkers.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /** The registered shrinkers, in registration order (a copy). */
    public List<Shrinker> shrinkers() {
        List<Shrinker> out = new ArrayList<Shrinker>();
        for (Shrinker s : shrinkers.get()) {
            out.add(s);
        }
        return out;
    }

    /**
     * Reclaims: inside the reclaim context, asks each shrinker in turn to free what it can, up to what is
     * still missing of {@code target}, and stops once {@code target} objects are freed. A shrinker that
     * answers {@link Shrinker#STOP} is skipped. A shrinker that throws ends the scan (the context is left
     * first).
     *
     * @return how many objects were freed (may be less or, if a shrinker frees more than asked, more than
     *         {@code target})
     * @throws IllegalArgumentException if {@code target} is negative
     * @throws IllegalStateException if a shrinker returns a negative count other than {@link Shrinker#STOP}
     */
    public long scan(long target) {
        if (target < 0) {
            throw new IllegalArgumentException("cannot reclaim a negative amount (" + target + ")");
        }
        Shrinker[] snapshot = shrinkers.get();
        if (target == 0 || snapshot.length == 0) {
            return 0;
        }
        long freed = 0;
        Scope reclaim = Reclaim.enter();
        try {
            for (Shrinker s : snapshot) {
                if (freed >= target) {
                    break;
                }
                long available = s.count();
                if (available <= 0) {
                    continue;
                }
                long got = s.scan(Math.min(available, target - freed));
                if (got == Shrinker.STOP) {
                    continue;
                }
                if (got < 0) {
                    throw new IllegalStateException("shrinker " + s + " reported " + got + " objects freed");
                }
                freed += got;
            }
        } finally {
            Reclaim.exit(reclaim);
        }
        return freed;
    }
}
