package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import static io.jlockdep.agent.report.Scenarios.events;
import static io.jlockdep.agent.report.Scenarios.host;
import static io.jlockdep.agent.report.Scenarios.inversion;
import static io.jlockdep.agent.report.Scenarios.read;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.Limit;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start / finish: the reporter thread, idempotence, the dump, and what happens around them. */
class ReporterLifecycleTest {
    @TempDir
    Path dir;

    private static Set<Thread> reporterThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(Reporter.THREAD_NAME) && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The reporter thread {@code start} made (other tests' threads may still be ending). */
    private static Thread startedBy(Runnable start) {
        Set<Thread> before = reporterThreads();
        start.run();
        Set<Thread> after = reporterThreads();
        after.removeAll(before);
        return after.isEmpty() ? null : after.iterator().next();
    }

    @Test
    void reporterThreadIsADaemonIgnoredByTheEngineAndEndsAtFinish() throws Exception {
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        Thread t = startedBy(() -> reporter.start(host(engine)));
        assertTrue(t != null && t.isDaemon(), "daemon thread " + Reporter.THREAD_NAME);
        assertEquals(null, startedBy(() -> reporter.start(host(engine))), "a second start does nothing");
        inversion(engine, "LockA", "LockB");
        ReporterJfrTest.waitUntil(() -> reporter.reportedCount() == 1);
        long acquisitions = engine.statistics().acquisitions();
        reporter.finish(host(engine));
        t.join(5000);
        assertFalse(t.isAlive(), "the reporter thread ends after finish");
        assertEquals(acquisitions, engine.statistics().acquisitions(), "its own work is not tracked");
    }

    @Test
    void textDumpOfTheLearnedGraph() throws Exception {
        Path dump = dir.resolve("out/graph.txt");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).dump(dump).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        String text = read(dump);
        assertEquals(engine.snapshot().toText(), text);
        assertTrue(text.startsWith("# jlockdep dependency graph: 2 classes, 2 edges\n"), text);
        assertTrue(text.contains("LockA -> LockB [EN]\n"), text);
        assertTrue(text.contains("LockB -> LockA [EN]\n"), text);
    }

    @Test
    void dotDumpChosenByExtension() throws Exception {
        Path dump = dir.resolve("graph.DOT");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).dump(dump).build());
        assertTrue(reporter.settings().dumpDot());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        String dot = read(dump);
        assertEquals(engine.snapshot().toDot(), dot);
        assertTrue(dot.startsWith("digraph jlockdep {"), dot);
        assertTrue(dot.contains("\"LockA\" -> \"LockB\""), dot);
    }

    @Test
    void finishTwiceIsHarmless() throws Exception {
        Path jfr = dir.resolve("twice.jfr");
        Path log = dir.resolve("twice.log");
        Path dump = dir.resolve("twice.txt");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).jfrFile(jfr).dump(dump).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        String logText = read(log);
        String dumpText = read(dump);
        long jfrSize = Files.size(jfr);
        long t0 = System.nanoTime();
        assertDoesNotThrow(() -> reporter.finish(host(engine)));
        assertDoesNotThrow(() -> reporter.finish(null));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "a second finish returns at once");
        assertEquals(logText, read(log));
        assertEquals(dumpText, read(dump));
        assertEquals(jfrSize, Files.size(jfr));
        assertEquals(1, events(jfr, StatisticsEvent.NAME).size());
        assertEquals(1, reporter.reportedCount());
    }

    /**
     * Several threads calling {@code System.exit} at once all reach {@code finish}. Before, the later calls
     * returned at once and their thread went on to the shutdown hooks and {@code halt} while the first was
     * still writing the files: they must wait until it has.
     */
    @Test
    void concurrentFinishWaitsUntilTheFirstHasWrittenEverything() throws Exception {
        CountDownLatch shuttingDown = new CountDownLatch(1);
        AtomicReference<Boolean> written = new AtomicReference<>(false);
        ReportSink slow = new ReportSink() {
            @Override
            public void check() {
            }

            @Override
            public void startup(Lines lines) {
            }

            @Override
            public void finding(Finding finding, String report) {
            }

            @Override
            public void edge(CycleEdge edge) {
            }

            @Override
            public void line(String line) {
            }

            @Override
            public void shutdown(Exit exit, Lines lines) {
                shuttingDown.countDown();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.set(true);
            }
        };
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).build(), slow);
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        Thread first = new Thread(() -> reporter.finish(host(engine)), "exiting-1");
        first.start();
        shuttingDown.await();
        AtomicReference<Boolean> writtenWhenSecondReturned = new AtomicReference<>();
        Scenarios.runOn("exiting-2", () -> {
            reporter.finish(host(engine));
            writtenWhenSecondReturned.set(written.get());
        });
        first.join();
        assertEquals(true, writtenWhenSecondReturned.get(), "the second finish returned before the files were written");
    }

    @Test
    void listenerNeverThrowsAfterFinishAndCountsWhatItDrops() throws Exception {
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).edges(true).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).reportEdges(true).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        assertEquals(0, reporter.droppedCount());
        assertDoesNotThrow(() -> {
            reporter.onFinding(f);
            reporter.onEdge(f.edges().get(0));
            reporter.onLimit(Limit.CHAINS, "late");
            reporter.onFinding(null);
            reporter.onEdge(null);
            reporter.onLimit(null, null);
        });
        assertEquals(4, reporter.droppedCount(), "the three calls plus the null limit notice; null finding/edge ignored");
        assertEquals(3, reporter.droppedFindingCount());
        // and the engine keeps working with a finished reporter as its listener
        Finding again = inversion(engine, "LockC", "LockD");
        assertTrue(again != null);
        assertEquals(1, reporter.reportedCount());
        assertEquals(7, reporter.droppedCount(), "its two new edges and the finding");
    }

    @Test
    void startAfterFinishDoesNothing() throws Exception {
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.finish(host(engine));
        assertEquals(null, startedBy(() -> reporter.start(host(engine))));
    }

    @Test
    void finishWithoutStartStillReportsWhatWasQueuedAndWritesTheFiles() throws Exception {
        Path jfr = dir.resolve("nostart.jfr");
        Path log = dir.resolve("nostart.log");
        Path dump = dir.resolve("nostart.txt");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).jfrFile(jfr).dump(dump).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        Finding f = inversion(engine, "LockA", "LockB");
        // finish runs on a thread of the program: it is then ignored by the engine, so use a throwaway one
        Scenarios.runOn("exiting", () -> reporter.finish(host(engine)));
        assertEquals(1, reporter.reportedCount());
        assertTrue(read(log).contains(f.cycleId()));
        assertEquals(1, events(jfr, PotentialDeadlockEvent.NAME).size());
        assertEquals(1, events(jfr, StatisticsEvent.NAME).size());
        assertTrue(read(dump).contains("LockA -> LockB"));
    }

    @Test
    void finishWithoutEngineSkipsStatisticsAndDump() throws Exception {
        Path jfr = dir.resolve("noengine.jfr");
        Path dump = dir.resolve("noengine.txt");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).dump(dump).build());
        reporter.start(null);
        reporter.finish(null);
        assertEquals(0, events(jfr, StatisticsEvent.NAME).size());
        assertFalse(Files.exists(dump));
    }

    @Test
    void findingsQueuedBeforeStartAreReportedOnceStarted() throws Exception {
        Path log = dir.resolve("early.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        Finding f = inversion(engine, "LockA", "LockB");
        reporter.start(host(engine));
        ReporterJfrTest.waitUntil(() -> reporter.reportedCount() == 1);
        assertTrue(read(log).contains(f.cycleId()), "reported while running, before finish");
        reporter.finish(host(engine));
    }

    @Test
    void finishIsBoundedWhenTheReporterThreadIsStuck() throws Exception {
        Path jfr = dir.resolve("stuck.jfr");
        Path dump = dir.resolve("stuck.txt");
        Object gate = new Object();
        AtomicReference<Boolean> release = new AtomicReference<>(false);
        CountDownLatch stuck = new CountDownLatch(1);
        ReportSink blocking = new ReportSink() {
            @Override
            public void check() {
            }

            @Override
            public void startup(Lines lines) {
            }

            @Override
            public void finding(Finding finding, String report) {
                stuck.countDown();
                synchronized (gate) {
                    while (!release.get()) {
                        try {
                            gate.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }

            @Override
            public void edge(CycleEdge edge) {
            }

            @Override
            public void line(String line) {
            }

            @Override
            public void shutdown(Exit exit, Lines lines) {
                throw new AssertionError("finish must leave the sink the reporter thread is stuck in alone");
            }
        };
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).dump(dump)
                .finishTimeoutMillis(300).build(), blocking);
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, "LockA", "LockB");
        inversion(engine, "LockC", "LockD");
        stuck.await(); // the reporter thread is now stuck in a sink on the first finding
        long t0 = System.nanoTime();
        Scenarios.runOn("exiting", () -> reporter.finish(host(engine)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 3000, "finish took " + millis + " ms");
        assertEquals(1, reporter.droppedCount(), "the second finding never got its turn");
        assertTrue(read(dump).contains("LockC -> LockD"), "the dump is still written");
        assertEquals(1, events(jfr, StatisticsEvent.NAME).size(), "the recording is still written");
        assertEquals(1, events(jfr, StatisticsEvent.NAME).get(0).getLong("dropped"));
        synchronized (gate) {
            release.set(true);
            gate.notifyAll();
        }
    }

    @Test
    void aFailingSinkStopsNoOther() throws Exception {
        Path log = dir.resolve("others.log");
        Path jfr = dir.resolve("others.jfr");
        Path dump = dir.resolve("others.txt");
        List<String> calls = new CopyOnWriteArrayList<>();
        ReportSink failing = new ReportSink() {
            private void fail(String call) {
                calls.add(call);
                throw new IllegalStateException(call);
            }

            @Override
            public void check() {
            }

            @Override
            public void startup(Lines lines) {
                fail("startup");
            }

            @Override
            public void finding(Finding finding, String report) {
                fail("finding");
            }

            @Override
            public void edge(CycleEdge edge) {
                fail("edge");
            }

            @Override
            public void line(String line) {
                fail("line");
            }

            @Override
            public void shutdown(Exit exit, Lines lines) {
                fail("shutdown");
            }
        };
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).jfrFile(jfr).dump(dump)
                .build(), failing);
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, "LockA", "LockB");
        reporter.finish(host(engine));
        assertEquals(List.of("startup", "finding", "line", "shutdown"), calls, "it was asked each time");
        assertEquals(1, reporter.reportedCount());
        assertTrue(read(log).contains(f.cycleId()));
        assertTrue(read(log).contains("jlockdep: 1 potential deadlock reported"), read(log));
        assertEquals(1, events(jfr, PotentialDeadlockEvent.NAME).size());
        assertEquals(1, events(jfr, StatisticsEvent.NAME).size());
        assertTrue(read(dump).contains("LockA -> LockB"));
    }

    @Test
    void ownLocksOfTheExitingThreadStayOutOfTheGraphWhenFinishDoesTheWork() throws Exception {
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        LockClass a = engine.lockClass("A");
        Scenarios.runOn("exiting", () -> {
            reporter.finish(host(engine));
            Object lock = new Object();
            engine.acquire(lock, a, Mode.EXCLUSIVE);
            assertEquals(0, engine.depth(), "ignored after doing the reporter's work");
        });
    }
}
