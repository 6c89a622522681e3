package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LockSites}: identity semantics, replacement, removal, weak keys, concurrent readers. */
class LockSitesTest {
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

    @Test
    void keysAreComparedByIdentity() {
        LockSites<Object> sites = new LockSites<>();
        Sneaky a = new Sneaky();
        Sneaky b = new Sneaky();
        sites.put(a, "a");
        assertEquals("a", sites.get(a));
        assertNull(sites.get(b));
        sites.put(b, "b");
        assertEquals("a", sites.get(a));
        assertEquals("b", sites.get(b));
    }

    @Test
    void putReplacesAndRemoveForgetsWithoutLosingOthers() {
        LockSites<Object> sites = new LockSites<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object k = new Object();
            keys.add(k);
            sites.put(k, i);
        }
        sites.put(keys.get(7), "seven");
        for (int i = 0; i < keys.size(); i += 2) {
            sites.remove(keys.get(i));
        }
        for (int i = 0; i < keys.size(); i++) {
            Object v = sites.get(keys.get(i));
            if (i % 2 == 0) {
                assertNull(v, "removed key " + i);
            } else if (i == 7) {
                assertEquals("seven", v);
            } else {
                assertEquals(i, v);
            }
        }
        assertEquals(2500, sites.size());
    }

    @Test
    @Timeout(60)
    void collectedKeysAreDroppedSoTheTableFollowsTheLiveLocks() throws Exception {
        LockSites<Object> sites = new LockSites<>();
        Object keep = new Object();
        sites.put(keep, "kept");
        // A million short-lived locks: the table must not keep them (or their slots) alive.
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 10_000; i++) {
                sites.put(new Object(), "gone");
            }
            System.gc();
        }
        assertEquals("kept", sites.get(keep));
        assertTrue(sites.size() < 200_000, "live entries: " + sites.size());
        // With the collected keys swept, the table shrinks back towards the live entries.
        Thread sweeper = new Thread(() -> {
            try {
                while (true) {
                    sites.awaitCollected(0);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        sweeper.setDaemon(true);
        sweeper.start();
        for (int i = 0; i < 50 && sites.capacity() > 4096; i++) {
            System.gc();
            Thread.sleep(100);
            sites.put(new Object(), "nudge");
        }
        sweeper.interrupt();
        assertEquals("kept", sites.get(keep));
        assertTrue(sites.capacity() <= 4096, "capacity after sweeping: " + sites.capacity());
    }

    @Test
    @Timeout(60)
    void readersNeverSeeAWrongValueWhileWritersGrowTheTable() throws Exception {
        LockSites<Object> sites = new LockSites<>();
        Object[] stable = new Object[1000];
        for (int i = 0; i < stable.length; i++) {
            stable[i] = new Object();
            sites.put(stable[i], i);
        }
        AtomicReference<String> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 300_000; i++) {
                sites.put(new Object(), -1);
            }
        });
        Thread reader = new Thread(() -> {
            for (int round = 0; round < 300 && failure.get() == null; round++) {
                for (int i = 0; i < stable.length; i++) {
                    Object v = sites.get(stable[i]);
                    // A rebuild fills the new table before publishing it, so a present key is always
                    // found with its value, whichever table the reader sees.
                    if (v == null || (Integer) v != i) {
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
        assertSame(Integer.valueOf(5), sites.get(stable[5]));
    }
}
