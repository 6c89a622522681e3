package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LockdepListener#onEdge}: every new observed class edge once, only when asked for. */
class EdgeListenerTest {
    private static final class Edges implements LockdepListener {
        final List<CycleEdge> seen = new ArrayList<>();

        @Override
        public synchronized void onEdge(CycleEdge edge) {
            seen.add(edge);
        }
    }

    @Test
    void newEdgesAreToldOncePerType() {
        Edges edges = new Edges();
        Lockdep ld = new Lockdep(LockdepConfig.builder().listener(edges).reportEdges(true).build());
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        EngineTests.nest(ld, a, b);
        EngineTests.nest(ld, a, b);
        EngineTests.nest(ld, a, Mode.EXCLUSIVE, b, Mode.SHARED_RECURSIVE);
        assertEquals(2, edges.seen.size(), edges.seen.toString());
        CycleEdge first = edges.seen.get(0);
        assertEquals("A", first.from());
        assertEquals("B", first.to());
        assertEquals(EdgeType.EN, first.type());
        assertEquals(Thread.currentThread().getName(), first.thread());
        assertEquals("observed", first.origin());
        assertNotNull(first.stack());
        assertTrue(first.stack().length > 0);
        assertEquals(EdgeType.ER, edges.seen.get(1).type());
    }

    @Test
    void primedEdgesAndDefaultConfigTellNothing() throws Exception {
        Edges edges = new Edges();
        Lockdep ld = new Lockdep(LockdepConfig.builder().listener(edges).build());
        EngineTests.nest(ld, ld.lockClass("A"), ld.lockClass("B"));
        assertTrue(edges.seen.isEmpty());

        Lockdep primed = new Lockdep(LockdepConfig.builder().listener(edges).reportEdges(true).build());
        primed.prime(Contract.parse(new java.io.StringReader("C -> D\n"), "test"));
        assertTrue(edges.seen.isEmpty());
    }

    @Test
    void anIgnoredThreadIsNotTracked() throws Exception {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        EngineTests.onThread("reporter", () -> {
            ld.ignoreCurrentThread();
            EngineTests.nest(ld, a, b);
            assertEquals(0, ld.depth());
        });
        assertEquals(0, EngineTests.edgeTypes(ld, "A", "B"));
    }
}
