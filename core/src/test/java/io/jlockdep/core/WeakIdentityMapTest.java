package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WeakIdentityMap}: identity semantics, replacement, removal, weak keys, concurrent readers (the
 * cases of the hooks' lock table), and the values of collected keys handed back once, as the engine's
 * instance orders need them.
 */
class WeakIdentityMapTest {
    /** A key whose equals/hashCode would mislead a non-identity map. */
    private static final class Sneaky {
        @Override
        public boolean equals(Object o) {
            return true;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** Collects garbage until {@code done} holds (the collector clears weak keys in its own time). */
    private static void collectUntil(BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void keysAreComparedByIdentity() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Sneaky a = new Sneaky();
        Sneaky b = new Sneaky();
        map.put(a, "a");
        assertEquals("a", map.get(a));
        assertNull(map.get(b));
        map.put(b, "b");
        assertEquals("a", map.get(a));
        assertEquals("b", map.get(b));
    }

    @Test
    void putReplacesAndRemoveForgetsWithoutLosingOthers() {
        WeakIdentityMap<Object> map = new WeakIdentityMap<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object k = new Object();
            keys.add(k);
            map.put(k, i);
        }
        map.put(keys.get(7), "seven");
        for (int i = 0; i < keys.size(); i += 2) {
            map.remove(keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            Object v = map.get(keys.get(i));
            if (i % 2 == 0) {
                assertNull(v, "removed key " + i);
            } else if (i == 7) {
                assertEquals("seven", v);
            } else {
                assertEquals(i, v);
            }
        }
        assertEquals(2500, map.size());
    }

    @Test
    void putNewFillsTombstonesWithoutLosingOtherKeys() {
        WeakIdentityMap<Object> map = new WeakIdentityMap<>(16);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Object k = new Object();
            keys.add(k);
            map.putNew(k, i);
            if (i % 3 == 0) {
                map.remove(k); // leaves tombstones that later putNew calls reuse
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i % 3 == 0 ? null : (Object) i, map.get(keys.get(i)), "key " + i);
        }
        assertEquals(2000, map.size());
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndReturnsTheOneStored() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>(16);
        Object k = new Object();
        assertEquals("first", map.putIfAbsent(k, "first"));
        assertEquals("first", map.putIfAbsent(k, "second"));
        assertEquals("first", map.get(k));
        map.remove(k);
        assertEquals("third", map.putIfAbsent(k, "third"));
    }

    @Test
    void nullIsNeverAKey() {
        WeakIdentityMap<String> map = new WeakIdentityMap<>(16);
        map.put(null, "null");
        assertNull(map.get(null));
        assertEquals(0, map.size());
        assertThrows(IllegalArgumentException.class, () -> new WeakIdentityMap<String>(12));
    }

    @Test
    @Timeout(60)
    void collectedKeysAreDroppedSoTheTableFollowsTheLiveLocks() throws Exception {
        WeakIdentityMap<String> map = new WeakIdentityMap<>();
        Object keep = new Object();
        map.put(keep, "kept");
        // A million short-lived locks: the table must not keep them (or their slots) alive.
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 10_000; i++) {
                map.put(new Object(), "gone");
            }
            System.gc();
        }
        assertEquals("kept", map.get(keep));
        assertTrue(map.size() < 200_000, "live entries: " + map.size());
        // With the collected keys swept, the table shrinks back towards the live entries.
        Thread sweeper = new Thread(() -> {
            try {
                while (true) {
                    map.awaitCollected(0);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        sweeper.setDaemon(true);
        sweeper.start();
        for (int i = 0; i < 50 && map.capacity() > 4096; i++) {
            System.gc();
            Thread.sleep(100);
            map.put(new Object(), "nudge");
        }
        sweeper.interrupt();
        assertEquals("kept", map.get(keep));
        assertTrue(map.capacity() <= 4096, "capacity after sweeping: " + map.capacity());
    }

    @Test
    @Timeout(60)
    void readersNeverSeeAWrongValueWhileWritersGrowTheTable() throws Exception {
        WeakIdentityMap<Integer> map = new WeakIdentityMap<>();
        Object[] stable = new Object[1000];
        for (int i = 0; i < stable.length; i++) {
            stable[i] = new Object();
            map.put(stable[i], i);
        }
        AtomicReference<String> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 300_000; i++) {
                map.put(new Object(), -1);
            }
        });
        Thread reader = new Thread(() -> {
            for (int round = 0; round < 300 && failure.get() == null; round++) {
                for (int i = 0; i < stable.length; i++) {
                    Integer v = map.get(stable[i]);
                    // A rebuild fills the new table before publishing it, so a present key is always
                    // found with its value, whichever table the reader sees.
                    if (v == null || v != i) {
                        failure.set("key " + i + " read as " + v);
                        return;
                    }
                }
            }
        });
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        assertNull(failure.get(), failure.get());
        assertSame(Integer.valueOf(5), map.get(stable[5]));
    }

    @Test
    @Timeout(60)
    void expungeHandsTheValueOfEachCollectedKeyToTheSinkOnce() throws Exception {
        WeakIdentityMap<Integer> map = new WeakIdentityMap<>(16);
        Object[] keys = new Object[2000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
            map.put(keys[i], i);
        }
        for (int i = 0; i < keys.length; i += 2) {
            keys[i] = null; // the even keys die
        }
        int[] told = new int[keys.length];
        int[] total = new int[1];
        WeakIdentityMap.Sink<Integer> sink = v -> {
            told[v]++;
            total[0]++;
        };
        collectUntil(() -> {
            map.expunge(sink);
            return total[0] >= keys.length / 2;
        });
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i % 2 == 0 ? 1 : 0, told[i], "value " + i + " told");
        }
        assertEquals(keys.length / 2, map.size());
        assertEquals(3, map.get(keys[3]));
    }

    @Test
    @Timeout(60)
    void aCollectedKeyWhoseSlotARebuildDroppedStillReachesTheSink() throws Exception {
        WeakIdentityMap<String> map = new WeakIdentityMap<>(16);
        int capacity = map.capacity();
        map.put(new Object(), "dead");
        collectUntil(() -> map.size() == 0);
        assertEquals(0, map.size(), "the key was cleared");
        List<Object> live = new ArrayList<>();
        while (map.capacity() == capacity) { // inserts until the table is rebuilt without the cleared entry
            Object k = new Object();
            live.add(k);
            map.put(k, "live");
        }
        List<String> told = new ArrayList<>();
        collectUntil(() -> {
            map.expunge(told::add);
            return !told.isEmpty();
        });
        assertEquals(List.of("dead"), told);
        assertEquals(live.size(), map.size());
    }

    @Test
    @Timeout(60)
    void replacedAndRemovedValuesAreNotToldWhenTheirKeysDie() throws Exception {
        WeakIdentityMap<String> map = new WeakIdentityMap<>(16);
        Object replaced = new Object();
        map.put(replaced, "old");
        map.put(replaced, "new");
        Object removed = new Object();
        map.put(removed, "removed");
        map.remove(removed);
        replaced = null;
        removed = null;
        List<String> told = new ArrayList<>();
        collectUntil(() -> {
            map.expunge(told::add);
            return !told.isEmpty();
        });
        // Give a late-queued retired entry the chance to show up.
        System.gc();
        Thread.sleep(50);
        map.expunge(told::add);
        assertEquals(List.of("new"), told);
    }

    @Test
    @Timeout(60)
    void forEachLiveVisitsTheLiveEntriesOnly() throws Exception {
        WeakIdentityMap<Integer> map = new WeakIdentityMap<>(16);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Object k = new Object();
            if (i % 3 == 0) {
                kept.add(k);
            }
            map.put(k, i);
        }
        collectUntil(() -> map.size() == kept.size());
        Map<Object, Integer> seen = new IdentityHashMap<>();
        map.forEachLive((k, v) -> assertNull(seen.put(k, v), "visited once"));
        assertEquals(kept.size(), seen.size());
        for (int j = 0; j < kept.size(); j++) {
            assertEquals(j * 3, seen.get(kept.get(j)));
        }
    }
}
