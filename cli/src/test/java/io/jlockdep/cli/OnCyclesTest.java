package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The merge's pre-filter: only edges inside a strongly connected component can close a cycle. */
class OnCyclesTest {
    @Test
    void edgesInsideAComponentMayCloseOthersCannot() {
        Merger.OnCycles g = new Merger.OnCycles();
        g.add("A", "B");
        g.add("B", "C");
        g.add("C", "A"); // A, B, C: one component
        g.add("D", "A"); // into it, never back
        g.add("C", "E"); // out of it
        g.add("E", "F");
        g.add("F", "G");
        g.add("G", "E"); // E, F, G: a second component
        g.solve();
        assertTrue(g.mayClose("A", "B"));
        assertTrue(g.mayClose("C", "A"));
        assertTrue(g.mayClose("G", "E"));
        assertFalse(g.mayClose("D", "A"));
        assertFalse(g.mayClose("C", "E"), "between two components: on no cycle");
        assertFalse(g.mayClose("X", "A"), "unknown class");
    }

    @Test
    void aLongChainIsSolvedWithoutRecursion() {
        Merger.OnCycles g = new Merger.OnCycles();
        int n = 200_000; // far deeper than a recursive search's stack
        for (int i = 0; i < n; i++) {
            g.add("L" + i, "L" + (i + 1));
        }
        g.add("L" + n, "L0");
        g.add("L" + n, "M");
        g.solve();
        assertTrue(g.mayClose("L0", "L1"));
        assertTrue(g.mayClose("L" + n, "L0"));
        assertFalse(g.mayClose("L" + n, "M"));
    }
}
