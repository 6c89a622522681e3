package io.jlockdep.demo.everyday;

import java.util.HashMap;
import java.util.Map;

/**
 * A market data feed (a remote service, simulated): the latest price of each symbol, fetched conditionally as
 * with an HTTP {@code If-None-Match}: a caller that already has the latest version gets "not modified".
 */
public final class PriceFeed {
    private final Map<String, Quote> latest = new HashMap<>();
    private int fetches;

    /** The price of {@code symbol} moves to {@code priceCents}. */
    public synchronized void tick(String symbol, long priceCents) {
        Quote q = latest.get(symbol);
        latest.put(symbol, new Quote(symbol, priceCents, q == null ? 1 : q.version() + 1, 0));
    }

    /** The latest quote of {@code symbol} if it is newer than {@code knownVersion}, else null (not modified). */
    public Quote fetchIfNewer(String symbol, long knownVersion) {
        Quote q;
        synchronized (this) {
            fetches++;
            q = latest.get(symbol);
        }
        if (q == null) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        return q.version() > knownVersion ? new Quote(symbol, q.priceCents(), q.version(), System.nanoTime()) : null;
    }

    /** How many fetches it answered. */
    public synchronized int fetches() {
        return fetches;
    }
}
