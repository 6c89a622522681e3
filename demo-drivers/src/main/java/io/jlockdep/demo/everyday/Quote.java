package io.jlockdep.demo.everyday;

/** A price quote: {@code version} goes up each time the price of {@code symbol} moves. */
public record Quote(String symbol, long priceCents, long version, long fetchedAtNanos) {
}
