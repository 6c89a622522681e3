package io.jlockdep.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fence contexts and timelines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelineTest {

    @Test
    void contextsAreNewAndConsecutive() {
        long first = Timeline.allocateContexts(3);
        long next = Timeline.allocateContexts(1);
        assertTrue(first >= 1);
        assertTrue(next >= first + 3, "the three contexts are reserved");
        assertThrows(IllegalArgumentException.class, () -> Timeline.allocateContexts(0));
        assertNotEquals(new Timeline("a").context(), new Timeline("b").context());
    }

    @Test
    void seqnosIncreaseMonotonicallyAcrossThreads() throws Exception {
        Timeline tl = new Timeline("render");
        assertEquals(0, tl.lastSeqno());
        assertEquals(1, tl.nextSeqno());
        List<FenceTests.Worker<List<Long>>> ws = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            ws.add(FenceTests.start("seqno-" + t, () -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    mine.add(tl.nextSeqno());
                }
                return mine;
            }));
        }
        Set<Long> all = new HashSet<>();
        for (FenceTests.Worker<List<Long>> w : ws) {
            List<Long> mine = w.join();
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i) > mine.get(i - 1), "increasing within a thread");
            }
            all.addAll(mine);
        }
        assertEquals(4000, all.size(), "no seqno handed out twice");
        assertEquals(4001, tl.lastSeqno());
    }

    @Test
    void fencesComeFromTheTimeline() {
        ReentrantLock driverLock = new ReentrantLock();
        Timeline tl = new Timeline("display", driverLock);
        assertSame(driverLock, tl.lock());
        Fence a = tl.createFence(null);
        Fence b = tl.createInPlaceFence(FenceOps.DEFAULT);
        assertEquals(tl.context(), a.context());
        assertEquals(tl.context(), b.context());
        assertEquals(1, a.seqno());
        assertEquals(2, b.seqno());
        assertSame(driverLock, a.lock());
        assertSame(FenceOps.DEFAULT, a.ops());
        assertEquals("display", tl.name());
        assertTrue(tl.toString().contains("display"));
    }

    @Test
    void badTimelinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Timeline(null));
        assertThrows(IllegalArgumentException.class, () -> new Timeline(""));
        assertThrows(IllegalArgumentException.class, () -> new Timeline("x", null));
    }
}
