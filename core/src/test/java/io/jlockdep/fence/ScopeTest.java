package io.jlockdep.fence;

import static io.jlockdep.fence.FenceTests.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Signalling sections, reclaim, no-reclaim and invalidation scopes: cookies, nesting and misuse. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
// try-with-resources scopes are the idiom under test; their variables need no reference.
@SuppressWarnings("try")
class ScopeTest {

    @AfterEach
    void noScopeLeaks() {
        assertFalse(Signalling.inSection());
        assertFalse(Reclaim.inReclaim());
        assertTrue(Reclaim.isReclaimAllowed());
        assertFalse(Invalidation.inInvalidation());
    }

    @Test
    void aSectionBeginsAndEnds() {
        assertEquals(0, Signalling.depth());
        Scope s = Signalling.begin();
        assertTrue(Signalling.inSection());
        assertFalse(s.isEnded());
        Signalling.end(s);
        assertTrue(s.isEnded());
        assertFalse(Signalling.inSection());
        try (Scope t = Signalling.begin()) {
            assertTrue(Signalling.inSection());
            assertTrue(t.toString().contains("signalling section"));
        }
        assertFalse(Signalling.inSection());
    }

    @Test
    void sectionsNest() {
        try (Scope outer = Signalling.begin()) {
            try (Scope inner = Signalling.begin()) {
                assertEquals(2, Signalling.depth());
                try (Scope innermost = Signalling.begin()) {
                    assertEquals(3, Signalling.depth());
                }
            }
            assertEquals(1, Signalling.depth());
        }
        assertEquals(0, Signalling.depth());
    }

    @Test
    void signalBracketsItselfInASection() {
        Fence f = new Fence(Timeline.allocateContexts(1), 1, null);
        AtomicInteger depth = new AtomicInteger(-1);
        f.addCallback(x -> depth.set(Signalling.depth()));
        f.signal();
        assertEquals(1, depth.get());
        Fence g = new Fence(Timeline.allocateContexts(1), 1, null);
        g.addCallback(x -> depth.set(Signalling.depth()));
        try (Scope s = Signalling.begin()) {
            g.signal();
        }
        assertEquals(2, depth.get(), "nested in the caller's section");
    }

    @Test
    void endingTwiceIsAnError() {
        Scope s = Signalling.begin();
        Signalling.end(s);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Signalling.end(s));
        assertEquals("signalling section already ended", e.getMessage());
        assertThrows(IllegalStateException.class, s::close);
    }

    @Test
    void endingOnAnotherThreadIsAnErrorAndChangesNothing() throws Exception {
        Scope s = Signalling.begin();
        Throwable t = run("other", () -> Signalling.end(s)).joinFailure();
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().contains("cannot end on thread \"other\""), t.getMessage());
        assertTrue(Signalling.inSection());
        Signalling.end(s);
    }

    @Test
    void endingOutOfOrderIsAnErrorAndChangesNothing() {
        Scope outer = Signalling.begin();
        Scope inner = Signalling.begin();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Signalling.end(outer));
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        assertEquals(2, Signalling.depth());
        Signalling.end(inner);
        Signalling.end(outer);
    }

    @Test
    void cookiesOfOtherKindsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Signalling.end(null));
        Scope reclaim = Reclaim.enter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signalling.end(reclaim));
        assertTrue(e.getMessage().contains("reclaim context cookie"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reclaim.restore(reclaim));
        assertThrows(IllegalArgumentException.class, () -> Invalidation.exit(reclaim));
        Reclaim.exit(reclaim);
    }

    @Test
    void scopesOfDifferentKindsInterleave() {
        Scope section = Signalling.begin();
        Scope reclaim = Reclaim.enter();
        Scope inval = Invalidation.enter();
        Scope noReclaim = Reclaim.noReclaim();
        Signalling.end(section);
        assertTrue(Reclaim.inReclaim());
        Reclaim.exit(reclaim);
        Invalidation.exit(inval);
        Reclaim.restore(noReclaim);
    }

    @Test
    void reclaimContexts() {
        assertTrue(Reclaim.isReclaimAllowed());
        try (Scope r = Reclaim.enter()) {
            assertTrue(Reclaim.inReclaim());
            assertFalse(Reclaim.isReclaimAllowed(), "reclaim does not recurse into reclaim");
            Reclaim.mightReclaim(); // does nothing here
        }
        Scope r = Reclaim.enter();
        Reclaim.exit(r);
        assertThrows(IllegalStateException.class, () -> Reclaim.exit(r));
        assertFalse(Reclaim.inReclaim());
    }

    @Test
    void noReclaimScopesSwitchTheProbeOff() {
        try (Scope outer = Reclaim.noReclaim()) {
            assertFalse(Reclaim.isReclaimAllowed());
            assertFalse(Reclaim.inReclaim());
            try (Scope inner = Reclaim.noReclaim()) {
                assertFalse(Reclaim.isReclaimAllowed());
            }
            assertFalse(Reclaim.isReclaimAllowed(), "the outer scope still holds");
            Reclaim.mightReclaim();
        }
        assertTrue(Reclaim.isReclaimAllowed());
        Scope a = Reclaim.noReclaim();
        Scope b = Reclaim.noReclaim();
        assertThrows(IllegalStateException.class, () -> Reclaim.restore(a));
        b.close();
        a.close();
    }

    @Test
    void invalidationContexts() throws Exception {
        try (Scope i = Invalidation.enter()) {
            assertTrue(Invalidation.inInvalidation());
            Throwable t = run("other", i::close).joinFailure();
            assertInstanceOf(IllegalStateException.class, t);
        }
        assertFalse(Invalidation.inInvalidation());
        Invalidation.mightInvalidate();
    }

    @Test
    void scopesArePerThread() throws Exception {
        try (Scope s = Signalling.begin()) {
            run("other", () -> {
                assertFalse(Signalling.inSection());
                assertTrue(Reclaim.isReclaimAllowed());
            }).join();
        }
    }
}
