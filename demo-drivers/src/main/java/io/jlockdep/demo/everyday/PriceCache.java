package io.jlockdep.demo.everyday;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cache of quotes in front of a {@link PriceFeed}. Refreshes run on one background thread: a refresh fetches
 * conditionally and, when the feed has something newer, stores it under the cache lock. A quote older than the
 * maximum age is revalidated before it is answered.
 */
public final class PriceCache implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final Map<String, Quote> quotes = new HashMap<>();
    private final WorkerThreads refresherThreads = new WorkerThreads("price-refresher");
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(refresherThreads);
    private final PriceFeed feed;
    private final long maxAgeNanos;
    private final boolean waitUnderLock;

    /**
     * A cache answering quotes at most {@code maxAgeMillis} old; if {@code waitUnderLock}, a quote is revalidated
     * holding the cache lock (the mistake).
     */
    public PriceCache(PriceFeed feed, long maxAgeMillis, boolean waitUnderLock) {
        this.feed = feed;
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
        this.waitUnderLock = waitUnderLock;
    }

    /** Starts a refresh of {@code symbol} on the background thread (as a scheduler does, every few seconds). */
    public Future<Quote> refreshInBackground(String symbol) {
        return startRefresh(symbol, knownVersion(symbol));
    }

    /** Submits the refresh task: every refresh, background or on demand, is this one task. */
    private Future<Quote> startRefresh(String symbol, long knownVersion) {
        return refresher.submit(() -> refresh(symbol, knownVersion));
    }

    /** The quote of {@code symbol}, revalidated with the feed first if it is older than the maximum age. */
    public Quote quote(String symbol) throws InterruptedException, ExecutionException {
        return waitUnderLock ? quoteRevalidatingUnderLock(symbol) : quoteRevalidatingOutsideLock(symbol);
    }

    /**
     * DELIBERATE MISTAKE: waits for the refresh task holding the cache lock, which the task takes to store a
     * newer quote. Whenever the price has moved, the request thread and the refresher wait for each other for
     * ever; while it has not, the task stores nothing and every test passes. Rule broken: never wait for a task
     * while holding a lock the task takes.
     */
    private Quote quoteRevalidatingUnderLock(String symbol) throws InterruptedException, ExecutionException {
        lock.lock();
        try {
            Quote q = quotes.get(symbol);
            if (q == null || System.nanoTime() - q.fetchedAtNanos() > maxAgeNanos) {
                long known = q == null ? 0 : q.version();
                Quote fresh = startRefresh(symbol, known).get();
                if (fresh != null) {
                    q = fresh;
                } else {
                    q = revalidated(q);
                }
            }
            return q;
        } finally {
            lock.unlock();
        }
    }

    /** The fix: reads under the lock, waits for the refresh with the lock released, then reads again. */
    private Quote quoteRevalidatingOutsideLock(String symbol) throws InterruptedException, ExecutionException {
        Quote q;
        lock.lock();
        try {
            q = quotes.get(symbol);
        } finally {
            lock.unlock();
        }
        if (q != null && System.nanoTime() - q.fetchedAtNanos() <= maxAgeNanos) {
            return q;
        }
        long known = q == null ? 0 : q.version();
        Quote fresh = startRefresh(symbol, known).get();
        lock.lock();
        try {
            Quote now = quotes.get(symbol);
            if (fresh == null && now != null && now.version() == known) {
                now = revalidated(now);
            }
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** The refresh task: a conditional fetch, and when something newer came, a store under the cache lock. */
    private Quote refresh(String symbol, long knownVersion) {
        Quote fresh = feed.fetchIfNewer(symbol, knownVersion);
        if (fresh == null) {
            return null; // not modified: nothing to store
        }
        lock.lock();
        try {
            Quote old = quotes.get(symbol);
            if (old == null || old.version() < fresh.version()) {
                quotes.put(symbol, fresh);
            }
        } finally {
            lock.unlock();
        }
        return fresh;
    }

    /** Called holding the lock: {@code q} is still the latest, as of now. */
    private Quote revalidated(Quote q) {
        Quote now = new Quote(q.symbol(), q.priceCents(), q.version(), System.nanoTime());
        quotes.put(q.symbol(), now);
        return now;
    }

    private long knownVersion(String symbol) {
        lock.lock();
        try {
            Quote q = quotes.get(symbol);
            return q == null ? 0 : q.version();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the background thread. */
    @Override
    public void close() {
        refresherThreads.stop(refresher);
    }
}
