package io.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Lockdep#setContext}: each edge keeps the label current when it was first seen. */
class ContextTest {
    @Test
    void edgesKeepTheContextOfTheirFirstSighting() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        ld.setContext("test FooTest.first()");
        EngineTests.nest(ld, a, b);
        ld.setContext("test FooTest.second()");
        EngineTests.nest(ld, a, b); // known edge: keeps its first context
        assertEquals("test FooTest.second()", ld.context());

        Finding f = EngineTests.nest(ld, b, a);
        assertNotNull(f);
        List<String> contexts = new ArrayList<>();
        for (CycleEdge e : f.edges()) {
            contexts.add(e.from() + "->" + e.to() + " " + e.context());
        }
        assertTrue(contexts.contains("B->A test FooTest.second()"), contexts.toString());
        assertTrue(contexts.contains("A->B test FooTest.first()"), contexts.toString());

        String report = f.render();
        assertTrue(report.contains("first seen in thread \"" + Thread.currentThread().getName()
                + "\" during test FooTest.first(), taken while holding A"), report);
        assertTrue(report.contains("now, in thread \"" + Thread.currentThread().getName()
                + "\" during test FooTest.second() -(EN)->"), report);
    }

    @Test
    void withoutAContextReportsSayNothingExtra() {
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        ld.setContext("gone");
        ld.setContext(null);
        assertNull(ld.context());
        EngineTests.nest(ld, a, b);
        Finding f = EngineTests.nest(ld, b, a);
        assertNotNull(f);
        for (CycleEdge e : f.edges()) {
            assertNull(e.context());
        }
        assertFalse(f.render().contains(" during "), f.render());
    }

    @Test
    void toldEdgesCarryTheContext() {
        final List<CycleEdge> seen = new ArrayList<>();
        Lockdep ld = new Lockdep(LockdepConfig.builder().reportEdges(true).listener(new LockdepListener() {
            @Override
            public void onEdge(CycleEdge edge) {
                seen.add(edge);
            }
        }).build());
        ld.setContext("test X.y()");
        EngineTests.nest(ld, ld.lockClass("A"), ld.lockClass("B"));
        assertEquals(1, seen.size());
        assertEquals("test X.y()", seen.get(0).context());
    }
}
