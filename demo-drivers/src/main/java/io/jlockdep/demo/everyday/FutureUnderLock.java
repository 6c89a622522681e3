package io.jlockdep.demo.everyday;

import io.jlockdep.demo.scenario.Scenario;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A price cache that revalidates a stale quote by submitting a refresh to its single background thread and
 * waiting for the future, holding the cache lock that the refresh takes to store a newer quote. First the
 * scheduled refresh loads the quote (storing it under the lock); then a request finds it stale and revalidates
 * it while the price has not moved, so the refresh stores nothing and nothing hangs.
 */
public final class FutureUnderLock {
    static final String RULE = "never wait for a task (Future.get) while holding a lock that the task takes:"
            + " release the lock first, then wait, then lock again";

    private FutureUnderLock() {
    }

    public static Scenario mistake() {
        return Scenario.inversion(Scenario.Part.EVERYDAY, "future-under-lock",
                "a price cache revalidates a stale quote holding its lock: it submits the refresh to its"
                        + " single-thread executor and waits on the Future, and the refresh takes that lock to store"
                        + " a newer quote",
                RULE, "circular", List.of("event completion of task lambda #1 in io.jlockdep.demo.everyday.PriceCache.startRefresh",
                        "ReentrantLock io.jlockdep.demo.everyday.PriceCache.lock"), () -> run(true));
    }

    public static Scenario fixed() {
        return Scenario.clean(Scenario.Part.EVERYDAY, "future-under-lock-fixed",
                "a price cache revalidates a stale quote by reading it under its lock, waiting for the refresh's"
                        + " Future with the lock released, then reading again",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) throws Exception {
        PriceFeed feed = new PriceFeed();
        feed.tick("ACME", 123_45);
        try (PriceCache cache = new PriceCache(feed, 20, mistake)) {
            // The scheduled refresh loads the quote on the background thread, storing it under the cache lock.
            Quote loaded = cache.refreshInBackground("ACME").get();
            // The quote ages past the cache's maximum age (20 ms) before the next request.
            Thread.sleep(40);
            // A request revalidates it; the price has not moved, so the refresh has nothing to store.
            AtomicReference<Quote> served = new AtomicReference<>();
            OnThread.run("http-1", () -> served.set(cache.quote("ACME")));
            return "ACME loaded by the background refresh (version " + loaded.version() + "), then served to a"
                    + " request after revalidation (version " + served.get().version() + ", not modified): "
                    + feed.fetches() + " fetches";
        }
    }
}
