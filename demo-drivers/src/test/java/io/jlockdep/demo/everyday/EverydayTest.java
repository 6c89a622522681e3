package io.jlockdep.demo.everyday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The fixed twins of everyday Java are real fixes: run at the very moment the mistake would hang (both halves
 * at once, the price moved, the barista already waiting, the worker not done yet), they complete. Without the
 * agent.
 */
class EverydayTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void transfersBothWaysAtOnceCompleteAndKeepTheMoney() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Bank bank = new Bank(false);
            Account alice = bank.open("alice", 1_000_00);
            Account bob = bank.open("bob", 1_000_00);
            CountDownLatch start = new CountDownLatch(1);
            Thread a = new Thread(() -> transfers(start, bank, alice, bob), "a");
            Thread b = new Thread(() -> transfers(start, bank, bob, alice), "b");
            a.start();
            b.start();
            start.countDown();
            a.join();
            b.join();
            assertEquals(20_000, bank.transfers());
            assertEquals(2_000_00, alice.balanceCents() + bob.balanceCents());
        });
    }

    private static void transfers(CountDownLatch start, Bank bank, Account from, Account to) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 10_000; i++) {
            bank.transfer(from, to, 1);
        }
    }

    @Test
    void aQuoteWhosePriceMovedIsStoredByTheRefreshWhileTheRequestWaits() {
        assertTimeoutPreemptively(LIMIT, () -> {
            PriceFeed feed = new PriceFeed();
            feed.tick("ACME", 100_00);
            try (PriceCache cache = new PriceCache(feed, 0, false)) {
                assertEquals(1, cache.refreshInBackground("ACME").get().version());
                feed.tick("ACME", 101_00);
                Thread.sleep(2);
                // The refresh takes the cache lock to store version 2: the request waits for it unlocked.
                Quote q = cache.quote("ACME");
                assertEquals(2, q.version());
                assertEquals(101_00, q.priceCents());
            }
        });
    }

    @Test
    void anOrderPlacedWhileTheBaristaWaitsIsServed() {
        assertTimeoutPreemptively(LIMIT, () -> {
            OrderDesk desk = new OrderDesk(false);
            AtomicReference<Order> got = new AtomicReference<>();
            Thread barista = new Thread(() -> {
                try {
                    got.set(desk.next(10_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "barista");
            barista.start();
            while (barista.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(1);
            }
            desk.place("espresso");
            barista.join();
            assertEquals("espresso", got.get().item());
            assertEquals(1, desk.served());
            assertNull(desk.next(1));
        });
    }

    @Test
    void aBatchCollectedBeforeTheWorkerIsDoneIsCollectedWhenItIs() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Dispatcher dispatcher = new Dispatcher(false)) {
                List<String> jobs = List.of("a", "b", "c", "d", "e", "f", "g", "h");
                Batch b = dispatcher.dispatch(jobs);
                // Collect at once: it awaits under the dispatcher's monitor while the worker counts down.
                assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H"), dispatcher.collect(b));
                assertEquals(0, b.remaining());
                assertEquals(8, dispatcher.completed());
            }
        });
    }
}
