package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackRegistryTest {
    private final Counters counters = new Counters();

    /**
     * Threads by the ten thousand, most of them dead (their states collectable) while others register: no
     * registration fails on a reference cleared mid-copy, and the live ones stay findable.
     */
    @Test
    void manyShortLivedRegistrationsWhileTheCollectorClearsThem() {
        StackRegistry registry = new StackRegistry();
        List<ThreadState> alive = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ThreadState ts = new ThreadState(counters.register());
            registry.register(ts);
            if (i % 2500 == 0) {
                alive.add(ts);
                System.gc(); // clears the dead ones while the array fills and is compacted
            }
        }
        assertTrue(registry.size() >= alive.size(), () -> registry.size() + " < " + alive.size());
        assertEquals(null, registry.holderOf(new Object(), Mode.EXCLUSIVE, alive.get(0)));
    }
}
