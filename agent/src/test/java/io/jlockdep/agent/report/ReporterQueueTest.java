package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import static io.jlockdep.agent.report.Scenarios.events;
import static io.jlockdep.agent.report.Scenarios.host;
import static io.jlockdep.agent.report.Scenarios.inversion;
import static io.jlockdep.agent.report.Scenarios.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Limit;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded queue between the application's threads and the reporter thread. */
class ReporterQueueTest {
    @TempDir
    Path dir;

    /** A real finding and a real edge to flood with. */
    private static Finding sample() {
        return inversion(new Lockdep(), "LockA", "LockB");
    }

    @Test
    void floodBeyondTheCapsIsDroppedAndCounted() throws Exception {
        Finding f = sample();
        CycleEdge edge = f.edges().get(0);
        Path jfr = dir.resolve("flood.jfr");
        Path log = dir.resolve("flood.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).jfrFile(jfr).edges(true)
                .findingQueueCapacity(8).edgeQueueCapacity(100).build());
        // before start nothing drains: the caps decide alone
        for (int i = 0; i < 1000; i++) {
            reporter.onFinding(f);
        }
        for (int i = 0; i < 10_000; i++) {
            reporter.onEdge(edge);
        }
        reporter.onLimit(Limit.DEPTH, "one notice too many");
        assertEquals(992 + 1, reporter.droppedFindingCount());
        assertEquals(992 + 1 + 9900, reporter.droppedCount());
        Lockdep engine = new Lockdep();
        reporter.start(host(engine));
        reporter.finish(host(engine));
        assertEquals(8, reporter.reportedCount());
        assertEquals(8, events(jfr, PotentialDeadlockEvent.NAME).size());
        int plainEdges = 0;
        for (var e : events(jfr, DependencyEdgeEvent.NAME)) {
            if (e.getString("cycleId").isEmpty()) {
                plainEdges++;
            }
        }
        assertEquals(100, plainEdges);
        assertEquals(992 + 1 + 9900, events(jfr, StatisticsEvent.NAME).get(0).getLong("dropped"));
        String text = read(log);
        assertTrue(text.contains("jlockdep: 8 potential deadlocks reported (cycle ids: "), text);
        assertTrue(text.endsWith("; dropped (queue full or too late): 993 findings or notices, 9900 edges"
                + System.lineSeparator()), text);
    }

    @Test
    void defaultCapsBoundMemoryUnderAHugeFlood() {
        Finding f = sample();
        CycleEdge edge = f.edges().get(0);
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).edges(true).build());
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            reporter.onEdge(edge);
            if (i % 100 == 0) {
                reporter.onFinding(f);
            }
        }
        assertEquals(n - ReportSettings.DEFAULT_EDGE_QUEUE_CAPACITY
                + (n / 100 - ReportSettings.DEFAULT_FINDING_QUEUE_CAPACITY), reporter.droppedCount());
        reporter.finish(null);
    }

    @Test
    void edgesAreIgnoredWhenEdgesAreOff() {
        Finding f = sample();
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).edgeQueueCapacity(1).build());
        for (int i = 0; i < 10; i++) {
            reporter.onEdge(f.edges().get(0));
        }
        assertEquals(0, reporter.droppedCount(), "not queued at all, so not dropped either");
        reporter.finish(null);
    }

    @Test
    void concurrentProducersRacingWithFinishLoseNothingUncounted() throws Exception {
        Finding f = sample();
        CycleEdge edge = f.edges().get(0);
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).edges(true)
                .findingQueueCapacity(64).edgeQueueCapacity(256).build());
        Lockdep engine = new Lockdep();
        reporter.start(host(engine));
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong findingsOffered = new AtomicLong();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread p = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    reporter.onEdge(edge);
                    if (i % 4 == 0) {
                        reporter.onFinding(f);
                        findingsOffered.incrementAndGet();
                    }
                }
            });
            p.start();
            producers.add(p);
        }
        go.countDown();
        Thread.sleep(5);
        Scenarios.runOn("exiting", () -> reporter.finish(host(engine)));
        for (Thread p : producers) {
            p.join();
        }
        assertEquals(threads * perThread / 4, findingsOffered.get());
        assertEquals(findingsOffered.get(), reporter.reportedCount() + reporter.droppedFindingCount(),
                "every finding was either reported or counted as dropped");
    }
}
