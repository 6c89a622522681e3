package io.jlockdep.fence;

import static io.jlockdep.fence.FenceTests.awaitBlocked;
import static io.jlockdep.fence.FenceTests.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jlockdep.fence.FenceTests.Actor;

/** Shrinker and invalidation registries: their callbacks run inside the right context. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReclaimTest {

    @AfterEach
    void noContextLeaks() {
        assertFalse(Reclaim.inReclaim());
        assertFalse(Invalidation.inInvalidation());
    }

    /** A cache of {@code objects} objects that frees what it is asked, logging the context it runs in. */
    private static final class Cache implements Shrinker {
        final AtomicLong objects;
        final List<String> log;
        final String name;

        Cache(String name, long objects, List<String> log) {
            this.name = name;
            this.objects = new AtomicLong(objects);
            this.log = log;
        }

        @Override
        public long count() {
            return objects.get();
        }

        @Override
        public long scan(long toScan) {
            log.add(name + " scan " + toScan + " inReclaim=" + Reclaim.inReclaim() + " allowed="
                    + Reclaim.isReclaimAllowed());
            long freed = Math.min(toScan, objects.get());
            objects.addAndGet(-freed);
            return freed;
        }
    }

    @Test
    void shrinkersRunInsideReclaimUntilTheTargetIsMet() {
        List<String> log = new ArrayList<>();
        ShrinkerRegistry registry = new ShrinkerRegistry();
        Cache empty = new Cache("empty", 0, log);
        Cache a = new Cache("a", 5, log);
        Cache b = new Cache("b", 10, log);
        Cache c = new Cache("c", 10, log);
        registry.register(empty);
        registry.register(a);
        registry.register(b);
        registry.register(c);
        assertEquals(List.of(empty, a, b, c), registry.shrinkers());
        assertEquals(12, registry.scan(12));
        assertEquals(List.of("a scan 5 inReclaim=true allowed=false", "b scan 7 inReclaim=true allowed=false"), log);
        assertEquals(3, b.count());
        assertEquals(10, c.count(), "the target was met before c");
        assertEquals(13, registry.scan(100), "returns what was freed, less than the target");
        assertEquals(0, registry.scan(0));
        assertThrows(IllegalArgumentException.class, () -> registry.scan(-1));
    }

    @Test
    void aShrinkerThatCannotProgressSaysStop() {
        ShrinkerRegistry registry = new ShrinkerRegistry();
        registry.register(new Shrinker() {
            @Override
            public long count() {
                return 100;
            }

            @Override
            public long scan(long toScan) {
                return STOP; // e.g. its trylock failed
            }
        });
        List<String> log = new ArrayList<>();
        registry.register(new Cache("next", 4, log));
        assertEquals(4, registry.scan(10));
        registry.register(new Shrinker() {
            @Override
            public long count() {
                return 1;
            }

            @Override
            public long scan(long toScan) {
                return -7;
            }
        });
        assertThrows(IllegalStateException.class, () -> registry.scan(10));
    }

    @Test
    void aThrowingShrinkerLeavesReclaimFirst() {
        ShrinkerRegistry registry = new ShrinkerRegistry();
        registry.register(new Shrinker() {
            @Override
            public long count() {
                return 1;
            }

            @Override
            public long scan(long toScan) {
                throw new UnsupportedOperationException("boom");
            }
        });
        assertThrows(UnsupportedOperationException.class, () -> registry.scan(1));
        assertFalse(Reclaim.inReclaim());
    }

    @Test
    void registrationRules() {
        ShrinkerRegistry registry = new ShrinkerRegistry();
        Cache a = new Cache("a", 1, new ArrayList<>());
        assertThrows(IllegalArgumentException.class, () -> registry.register(null));
        registry.register(a);
        assertThrows(IllegalArgumentException.class, () -> registry.register(a));
        assertTrue(registry.unregister(a));
        assertFalse(registry.unregister(a));
        assertEquals(0, registry.scan(5), "nothing registered");
    }

    @Test
    void invalidationCallbacksRunInsideTheInvalidationContext() {
        InvalidationRegistry registry = new InvalidationRegistry();
        List<String> log = new ArrayList<>();
        InvalidationCallback first = (s, e) -> log.add("first [" + s + "," + e + ") " + Invalidation.inInvalidation());
        InvalidationCallback second = (s, e) -> log.add("second " + Invalidation.inInvalidation());
        registry.register(first);
        registry.register(second);
        assertThrows(IllegalArgumentException.class, () -> registry.register(first));
        assertThrows(IllegalArgumentException.class, () -> registry.register(null));
        assertEquals(List.of(first, second), registry.callbacks());
        registry.invalidate(4096, 8192);
        assertEquals(List.of("first [4096,8192) true", "second true"), log);
        assertTrue(registry.unregister(second));
        assertFalse(registry.unregister(second));
        assertThrows(IllegalArgumentException.class, () -> registry.invalidate(10, 5));
        assertFalse(registry.isInvalidating());
    }

    @Test
    void readersDetectARacingInvalidation() {
        InvalidationRegistry registry = new InvalidationRegistry();
        long seq = registry.readBegin();
        assertFalse(registry.readRetry(seq));
        registry.invalidate(0, 1);
        assertTrue(registry.readRetry(seq), "an invalidation ran since readBegin");
        long again = registry.readBegin();
        assertFalse(registry.readRetry(again));
    }

    @Test
    void readBeginWaitsForARunningInvalidation() throws Exception {
        InvalidationRegistry registry = new InvalidationRegistry();
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        registry.register((s, e) -> {
            inCallback.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        try (Actor invalidator = new Actor("invalidator"); Actor reader = new Actor("reader")) {
            Future<Void> inv = invalidator.submitRun(() -> registry.invalidate(0, 100));
            inCallback.await();
            assertTrue(registry.isInvalidating());
            Future<Long> read = reader.submit(registry::readBegin);
            awaitBlocked(reader.thread());
            assertFalse(read.isDone());
            release.countDown();
            get(inv);
            long seq = get(read);
            assertFalse(registry.readRetry(seq));
        }
    }

    @Test
    void readBeginInsideItsOwnInvalidationIsRefused() {
        InvalidationRegistry registry = new InvalidationRegistry();
        List<Throwable> seen = new ArrayList<>();
        registry.register((s, e) -> {
            try {
                registry.readBegin();
            } catch (IllegalStateException ex) {
                seen.add(ex);
            }
        });
        registry.invalidate(0, 1);
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).getMessage().contains("wait for itself"), seen.get(0).getMessage());
        assertFalse(registry.isInvalidating());
    }
}
