package io.jlockdep.fence;

/**
 * Frees cached objects when memory runs short (the kernel's {@code struct shrinker}). A
 * {@link ShrinkerRegistry} calls it inside the reclaim context, so anything it locks or waits for is
 * ordered after reclaim: it must not take a lock that is held anywhere across an allocation (use a
 * trylock and skip busy objects instead).
 */
public interface Shrinker {
    /** Returned by {@link #scan} when the shrinker cannot make progress now (e.g. a trylock failed). */
    long STOP = -1;

    /** How many objects could be freed now (0 or less: none). Must be cheap and must not block. */
    long count();

    /**
     * Frees up to {@code toScan} objects.
     *
     * @return how many were freed (0 or more), or {@link #STOP}
     */
    long scan(long toScan);
}
