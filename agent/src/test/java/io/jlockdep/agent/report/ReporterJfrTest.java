package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import static io.jlockdep.agent.report.Scenarios.events;
import static io.jlockdep.agent.report.Scenarios.host;
import static io.jlockdep.agent.report.Scenarios.inversion;
import static io.jlockdep.agent.report.Scenarios.runOn;
import static io.jlockdep.agent.report.Scenarios.stackText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Contract;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.FindingFilter;
import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingKind;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.Mode;
import io.jlockdep.core.PseudoLock;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The JFR side: real engine, real recording, read back with {@link RecordingFile}. */
class ReporterJfrTest {
    @TempDir
    Path dir;

    /*
     * Lock class names unique to each test. JDK 17 (seen on 17.0.15) loses a pooled JFR string (17..128
     * chars, seen twice) when the thread that pooled it ends before the recording stops: later recordings
     * in the same JVM read that string as null. Each Reporter here has its own thread that ends at finish,
     * so names shared between tests would trip it; the agent has one reporter thread alive until its
     * recording is written, which is safe (and so is JDK 25).
     */
    private String lockA;
    private String lockB;

    @BeforeEach
    void names(TestInfo info) {
        String test = info.getTestMethod().map(m -> m.getName()).orElse("test");
        lockA = "LockA." + test;
        lockB = "LockB." + test;
    }

    @Test
    void findingBecomesOnePotentialDeadlockAndOneEdgeEventPerCycleEdge() throws Exception {
        Path jfr = dir.resolve("out.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        waitUntil(reporter::committingOnAcquiringThreads);
        Finding f = inversion(engine, lockA, lockB);
        reporter.finish(host(engine));

        assertEquals(1, reporter.reportedCount());
        List<RecordedEvent> deadlocks = events(jfr, PotentialDeadlockEvent.NAME);
        assertEquals(1, deadlocks.size());
        RecordedEvent d = deadlocks.get(0);
        assertEquals(f.cycleId(), d.getString("cycleId"));
        assertTrue(d.getString("cycleId").matches("[0-9a-f]{16}"), d.getString("cycleId"));
        assertEquals("circular", d.getString("kind"));
        assertEquals(f.lockClasses(), d.getString("lockClasses"));
        assertEquals(lockB + " -> " + lockA + " -> " + lockB, d.getString("lockClasses"));
        assertEquals(2, d.getInt("length"));
        assertEquals(f.render(), d.getString("report"));
        assertTrue(d.getString("report").contains(Scenarios.HEADLINE));
        assertTrue(d.getString("report").contains("cycle id: " + f.cycleId()));
        assertEquals("worker-2", d.getString("thread"));
        assertEquals(stackText(f.stack()), d.getString("acquisitionStack"));
        assertTrue(d.getString("acquisitionStack").startsWith("\tat "), d.getString("acquisitionStack"));
        assertTrue(d.getString("acquisitionStack").contains("Scenarios"), "the acquiring frames are there");
        assertEquals("witnessed", d.getString("evidence"), "both workers took the same two instances");
        assertEquals("", d.getString("gatedBy"));
        assertEquals("", d.getString("lockOrigins"));
        // Committed on worker-2 inside its acquisition: JFR's stack trace is that acquisition's.
        assertEquals("worker-2", d.getThread().getJavaName());
        assertNotNull(d.getStackTrace(), "a JFR stack trace");
        List<String> frames = d.getStackTrace().getFrames().stream()
                .map(fr -> fr.getMethod().getType().getName() + "." + fr.getMethod().getName()).toList();
        int inEngine = frames.indexOf(Lockdep.class.getName() + ".acquire");
        int caller = -1;
        for (int i = 0; i < frames.size() && caller < 0; i++) {
            caller = frames.get(i).startsWith(Scenarios.class.getName() + ".lambda$tryInversion") ? i : -1;
        }
        assertTrue(inEngine >= 0 && caller > inEngine, "the acquisition's frames under the engine's: " + frames);

        List<RecordedEvent> edges = events(jfr, DependencyEdgeEvent.NAME);
        assertEquals(2, edges.size(), "edges=off: only the cycle's edges");
        Set<Integer> seen = new HashSet<>();
        for (RecordedEvent e : edges) {
            assertEquals(f.cycleId(), e.getString("cycleId"));
            int i = e.getInt("index");
            assertTrue(seen.add(i));
            CycleEdge expected = f.edges().get(i);
            assertEquals(expected.from(), e.getString("from"));
            assertEquals(expected.to(), e.getString("to"));
            assertEquals(expected.type().name(), e.getString("type"));
            assertEquals("EN", e.getString("type"));
            assertEquals(expected.thread(), e.getString("thread"));
            assertEquals(stackText(expected.stack()), e.getString("stack"));
            assertFalse(e.getString("stack").isEmpty());
            assertEquals("observed", e.getString("origin"));
            assertNull(e.getStackTrace());
        }
        assertEquals(Set.of(0, 1), seen);
        // edge 0 is the closing edge, taken by worker-2; edge 1 was first seen in worker-1
        RecordedEvent first = edges.get(0).getInt("index") == 0 ? edges.get(0) : edges.get(1);
        assertEquals("worker-2", first.getString("thread"));
        assertEquals(lockB, first.getString("from"));
        assertEquals(lockA, first.getString("to"));
    }

    @Test
    void edgesOnRecordsEveryNewEdgeWithEmptyCycleId() throws Exception {
        Path jfr = dir.resolve("edges.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).edges(true).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).reportEdges(true).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, lockA, lockB);
        reporter.finish(host(engine));

        List<RecordedEvent> edges = events(jfr, DependencyEdgeEvent.NAME);
        List<RecordedEvent> plain = new ArrayList<>();
        List<RecordedEvent> ofCycle = new ArrayList<>();
        for (RecordedEvent e : edges) {
            (e.getString("cycleId").isEmpty() ? plain : ofCycle).add(e);
        }
        assertEquals(2, ofCycle.size());
        assertEquals(2, plain.size(), "A -> B and B -> A, each once");
        Set<String> orders = new HashSet<>();
        for (RecordedEvent e : plain) {
            assertEquals(DependencyEdgeEvent.NO_INDEX, e.getInt("index"));
            assertEquals(-1, e.getInt("index"));
            orders.add(e.getString("from") + "->" + e.getString("to"));
            assertEquals("EN", e.getString("type"));
            assertEquals("observed", e.getString("origin"));
            assertTrue(e.getString("stack").startsWith("\tat "), e.getString("stack"));
            String expectedThread = e.getString("from").equals(lockA) ? "worker-1" : "worker-2";
            assertEquals(expectedThread, e.getString("thread"));
        }
        assertEquals(Set.of(lockA + "->" + lockB, lockB + "->" + lockA), orders);
        for (RecordedEvent e : ofCycle) {
            assertEquals(f.cycleId(), e.getString("cycleId"));
        }
    }

    @Test
    void exactlyOneStatisticsEventWithTheEngineCounters() throws Exception {
        Path jfr = dir.resolve("stats.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).edges(true).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).reportEdges(true).build());
        reporter.start(host(engine));
        inversion(engine, lockA, lockB);
        // a known chain, many times: chain-cache hits
        LockClass c = engine.lockClass("LockC");
        Object lc = new Object();
        for (int i = 0; i < 100; i++) {
            engine.acquire(lc, c, Mode.EXCLUSIVE);
            engine.release(lc);
        }
        reporter.finish(host(engine));

        List<RecordedEvent> stats = events(jfr, StatisticsEvent.NAME);
        assertEquals(1, stats.size());
        RecordedEvent s = stats.get(0);
        assertEquals(3, s.getInt("classes"));
        assertEquals(2, s.getInt("edges"));
        assertTrue(s.getInt("chains") >= 3, "chains " + s.getInt("chains"));
        assertTrue(s.getLong("acquisitions") >= 104, "acquisitions " + s.getLong("acquisitions"));
        double rate = s.getDouble("chainHitRate");
        assertTrue(rate > 0.5 && rate <= 1.0, "chainHitRate " + rate);
        assertEquals(0, s.getLong("limitHits"));
        assertEquals(1, s.getLong("findings"));
        assertEquals(0, s.getLong("dropped"));
        assertTrue(s.getBoolean("edgesRecorded"), "this run has edges=on");
        assertEquals(engine.statistics().classes(), s.getLong("classes"), "int fields read as long too");
    }

    @Test
    void eventTypesCarryCategoryLabelsDescriptionsAndExactFieldNames() throws Exception {
        Path jfr = dir.resolve("meta.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, lockA, lockB);
        reporter.finish(host(engine));

        List<EventType> types;
        try (RecordingFile rf = new RecordingFile(jfr)) {
            types = rf.readEventTypes();
        }
        assertFields(types, PotentialDeadlockEvent.NAME,
                List.of("cycleId", "kind", "lockClasses", "length", "report", "thread", "acquisitionStack",
                        "evidence", "gatedBy", "lockOrigins"));
        assertFields(types, DependencyEdgeEvent.NAME,
                List.of("cycleId", "index", "from", "to", "type", "thread", "stack", "origin", "context"));
        assertFields(types, StatisticsEvent.NAME, List.of("classes", "edges", "chains", "acquisitions",
                "chainHitRate", "limitHits", "findings", "gated", "suppressed", "dropped", "edgesRecorded"));
        // Committed on the acquiring thread: its stack trace is the acquisition's. The others are committed on
        // the reporter thread, whose stack would say nothing.
        assertTrue(PotentialDeadlockEvent.class.getAnnotation(StackTrace.class).value());
        for (Class<? extends Event> c : List.of(DependencyEdgeEvent.class, StatisticsEvent.class)) {
            assertFalse(c.getAnnotation(StackTrace.class).value(), c + ": no JFR stack trace (the reporter thread's)");
        }
    }

    private static void assertFields(List<EventType> types, String name, List<String> fields) {
        EventType type = null;
        for (EventType t : types) {
            if (t.getName().equals(name)) {
                type = t;
            }
        }
        assertNotNull(type, name);
        assertEquals(List.of("jlockdep"), type.getCategoryNames());
        assertNotNull(type.getLabel(), name);
        assertNotNull(type.getDescription(), name);
        List<String> actual = new ArrayList<>();
        for (ValueDescriptor v : type.getFields()) {
            actual.add(v.getName());
        }
        assertTrue(actual.containsAll(fields), name + " " + actual);

        for (ValueDescriptor v : type.getFields()) {
            if (fields.contains(v.getName())) {
                assertNotNull(v.getLabel(), name + "." + v.getName());
                assertNotNull(v.getDescription(), name + "." + v.getName());
            }
        }
    }

    @Test
    void otherKindsAndPrimedOriginsReachTheEvents() throws Exception {
        Path jfr = dir.resolve("kinds.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        // recursive: a pseudo-lock (not reentrant) taken twice
        AtomicReference<Finding> recursive = new AtomicReference<>();
        runOn("again", () -> {
            PseudoLock p = engine.pseudoLock("section");
            p.acquire(Mode.EXCLUSIVE);
            recursive.set(p.acquire(Mode.EXCLUSIVE));
        });
        assertNotNull(recursive.get());
        assertEquals(FindingKind.RECURSIVE, recursive.get().kind());
        // primed: the contract says X -> Y; running Y -> X closes the cycle at once
        engine.prime(Contract.parse(new StringReader("# orders\nOrderX -> OrderY\n"), "contract.txt"));
        AtomicReference<Finding> primed = new AtomicReference<>();
        runOn("reverse", () -> {
            Object x = new Object();
            Object y = new Object();
            engine.acquire(y, engine.lockClass("OrderY"), Mode.EXCLUSIVE);
            primed.set(engine.acquire(x, engine.lockClass("OrderX"), Mode.EXCLUSIVE));
        });
        assertNotNull(primed.get());
        reporter.finish(host(engine));

        List<RecordedEvent> deadlocks = events(jfr, PotentialDeadlockEvent.NAME);
        assertEquals(2, deadlocks.size());
        RecordedEvent r = deadlocks.get(0).getString("cycleId").equals(recursive.get().cycleId())
                ? deadlocks.get(0) : deadlocks.get(1);
        assertEquals("recursive", r.getString("kind"));
        assertEquals(recursive.get().length(), r.getInt("length"));
        assertEquals(recursive.get().lockClasses(), r.getString("lockClasses"));
        assertEquals("again", r.getString("thread"));

        boolean sawContract = false;
        for (RecordedEvent e : events(jfr, DependencyEdgeEvent.NAME)) {
            if (e.getString("cycleId").equals(primed.get().cycleId()) && e.getString("from").equals("OrderX")) {
                assertEquals("contract.txt:2", e.getString("origin"));
                assertEquals("", e.getString("stack"), "a primed order has no stack");
                sawContract = true;
            }
        }
        assertTrue(sawContract);
    }

    @Test
    void suppressedFindingIsNeitherRecordedNorLoggedButCounted() throws Exception {
        Path jfr = dir.resolve("suppressed.jfr");
        Path log = dir.resolve("suppressed.log");
        FindingFilter filter = finding -> finding.lockClasses().contains("Known");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).jfrFile(jfr).build());
        // the engine decides, as in the agent: a suppressed finding never reaches the reporter
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).filter(filter).build());
        reporter.start(host(engine));
        // a cycle's id depends only on its lock classes: an engine without the filter names it
        String suppressId = inversion(new Lockdep(), "KnownA", "KnownB").cycleId();
        assertNull(Scenarios.tryInversion(engine, "KnownA", "KnownB"), "suppressed: the caller does not get it either");
        Finding reportedOne = inversion(engine, "NewA", "NewB");
        reporter.finish(host(engine));

        assertEquals(1, engine.statistics().suppressed());
        assertEquals(1, reporter.reportedCount());
        List<RecordedEvent> deadlocks = events(jfr, PotentialDeadlockEvent.NAME);
        assertEquals(1, deadlocks.size());
        assertEquals(reportedOne.cycleId(), deadlocks.get(0).getString("cycleId"));
        for (RecordedEvent e : events(jfr, DependencyEdgeEvent.NAME)) {
            assertFalse(e.getString("cycleId").equals(suppressId));
        }
        String text = Scenarios.read(log);
        assertFalse(text.contains(suppressId), text);
        assertFalse(text.contains("KnownA"), text);
        assertTrue(text.contains(reportedOne.cycleId()));
        assertTrue(text.contains("; 1 suppressed"), text);
        assertEquals(2, events(jfr, StatisticsEvent.NAME).get(0).getLong("findings"),
                "the engine's own count, suppressed included");
        assertEquals(1, events(jfr, StatisticsEvent.NAME).get(0).getLong("suppressed"));
    }

    @Test
    void gatedFindingIsOnlyCountedInTheSummaryAndTheStatisticsEvent() throws Exception {
        Path jfr = dir.resolve("gated.jfr");
        Path log = dir.resolve("gated.log");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.file(log)).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        assertNull(Scenarios.gatedInversion(engine, "Gate." + lockA, lockA, lockB));
        reporter.finish(host(engine));

        assertEquals(0, reporter.reportedCount());
        assertTrue(events(jfr, PotentialDeadlockEvent.NAME).isEmpty());
        assertEquals(1, events(jfr, StatisticsEvent.NAME).get(0).getLong("gated"));
        String text = Scenarios.read(log);
        assertTrue(text.contains("jlockdep: 0 potential deadlocks reported; 1 gated by a lock held on every edge"
                + " (not reported; gated=report shows it)"), text);
    }

    @Test
    void reportedGatedFindingCarriesItsGateAndOrigins() throws Exception {
        Path jfr = dir.resolve("gated-report.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).reportGated(true).build());
        engine.lockClass(lockA).noteOrigin("com.acme.Bank.<init>(Bank.java:12)");
        reporter.start(host(engine));
        Finding f = Scenarios.gatedInversion(engine, "Gate." + lockA, lockA, lockB);
        reporter.finish(host(engine));

        assertEquals("Gate." + lockA, f.gatedBy());
        RecordedEvent d = events(jfr, PotentialDeadlockEvent.NAME).get(0);
        assertEquals("witnessed", d.getString("evidence"));
        assertEquals("Gate." + lockA, d.getString("gatedBy"));
        assertEquals(lockA + "\tcom.acme.Bank.<init>(Bank.java:12)", d.getString("lockOrigins"));
        assertTrue(d.getString("report").contains("gated by Gate." + lockA + " (instance held on every edge)"),
                d.getString("report"));
        assertEquals(0, events(jfr, StatisticsEvent.NAME).get(0).getLong("gated"));
    }

    @Test
    void throwingFilterMeansNotSuppressed() throws Exception {
        Path jfr = dir.resolve("filter.jfr");
        FindingFilter filter = finding -> {
            throw new IllegalStateException("broken filter");
        };
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).filter(filter).build());
        reporter.start(host(engine));
        inversion(engine, lockA, lockB);
        reporter.finish(host(engine));
        assertEquals(1, reporter.reportedCount());
        assertEquals(1, events(jfr, PotentialDeadlockEvent.NAME).size());
    }

    @Test
    void aRecordingStartedByTheUserReceivesTheEventsToo() throws Exception {
        Path userFile = dir.resolve("user.jfr");
        try (Recording user = new Recording(Configuration.getConfiguration("default"))) {
            user.start();
            // no jfr file of our own: the events only reach the user's recording
            Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).edges(true).build());
            Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).reportEdges(true).build());
            reporter.start(host(engine));
            waitUntil(reporter::committingOnAcquiringThreads);
            Finding f = inversion(engine, "UserA", "UserB");
            reporter.finish(host(engine));
            user.stop();
            user.dump(userFile);
            List<RecordedEvent> deadlocks = events(userFile, PotentialDeadlockEvent.NAME);
            assertEquals(1, deadlocks.size());
            assertEquals(f.cycleId(), deadlocks.get(0).getString("cycleId"));
            assertEquals("worker-2", deadlocks.get(0).getThread().getJavaName());
            assertNotNull(deadlocks.get(0).getStackTrace(), "the user's recording gets the stack trace too");
            assertEquals(4, events(userFile, DependencyEdgeEvent.NAME).size(), "2 of the cycle + 2 new edges");
            assertEquals(1, events(userFile, StatisticsEvent.NAME).size());
        }
    }

    @Test
    void aFindingMadeBeforeTheReporterStartedIsRecordedWithoutAStackTrace() throws Exception {
        Path jfr = dir.resolve("early.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        Finding f = inversion(engine, lockA, lockB); // queued: nothing runs until start
        reporter.start(host(engine));
        reporter.finish(host(engine));

        List<RecordedEvent> deadlocks = events(jfr, PotentialDeadlockEvent.NAME);
        assertEquals(1, deadlocks.size());
        assertEquals(f.cycleId(), deadlocks.get(0).getString("cycleId"));
        assertEquals(Reporter.THREAD_NAME, deadlocks.get(0).getThread().getJavaName());
        assertTrue(deadlocks.get(0).getString("acquisitionStack").contains("Scenarios"),
                "the acquisition's stack as text all the same");
    }

    @Name("test.Unrelated")
    static final class UnrelatedEvent extends Event {
        String payload;
    }

    @Test
    void ourRecordingHoldsOnlyJlockdepEvents() throws Exception {
        FlightRecorder.register(UnrelatedEvent.class);
        Path jfr = dir.resolve("only.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        inversion(engine, lockA, lockB);
        waitUntil(() -> reporter.reportedCount() == 1);
        UnrelatedEvent u = new UnrelatedEvent();
        u.payload = "application event";
        u.commit();
        Thread.sleep(50);
        reporter.finish(host(engine));
        Set<String> names = new HashSet<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            names.add(e.getEventType().getName());
        }
        assertEquals(Set.of(PotentialDeadlockEvent.NAME, DependencyEdgeEvent.NAME, StatisticsEvent.NAME), names);
    }

    @Test
    void jfrFileInAMissingDirectoryIsCreated() throws Exception {
        Path jfr = dir.resolve("a/b/c.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        reporter.finish(host(engine));
        assertTrue(Files.size(jfr) > 0);
        assertEquals(1, events(jfr, StatisticsEvent.NAME).size());
        assertEquals(0, events(jfr, PotentialDeadlockEvent.NAME).size());
    }

    /**
     * A JVM that deadlocks for real is killed, and never exits: the finding must reach the file while the
     * program runs, within about a second. Before, the file was written only at exit (and was empty until).
     * The file is replaced in one step, so every read sees a whole recording; no temporary file stays.
     */
    @Test
    void aFindingReachesTheFileWhileTheProgramRuns() throws Exception {
        Path jfr = dir.resolve("live.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        Finding f = inversion(engine, lockA, lockB);
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            try {
                for (RecordedEvent e : events(jfr, PotentialDeadlockEvent.NAME)) {
                    seen.add(e.getString("cycleId"));
                }
            } catch (IOException notYet) {
                // empty until the first dump
            }
        }
        assertEquals(List.of(f.cycleId()), seen, "the finding is in the file before exit");
        assertEquals(0, events(jfr, StatisticsEvent.NAME).size(), "the Statistics event comes at exit");
        reporter.finish(host(engine));
        assertEquals(1, events(jfr, PotentialDeadlockEvent.NAME).size(), "once, after the final write too");
        assertEquals(1, events(jfr, StatisticsEvent.NAME).size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(jfr), files.collect(Collectors.toList()), "no temporary file left");
        }
    }

    /**
     * Findings that never stop coming must not make the agent dump without end: each dump rotates JFR's
     * chunk (two chunks of about 100 KB) and copies the whole recording. Dumps are at least a second apart,
     * so the file has at most two chunks per second of streaming, plus the first and the final ones.
     */
    @Test
    void dumpsWhileFindingsStreamAreRateLimited() throws Exception {
        Path jfr = dir.resolve("stream.jfr");
        Reporter reporter = new Reporter(ReportSettings.builder().log(LogTarget.OFF).jfrFile(jfr).build());
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(reporter).build());
        reporter.start(host(engine));
        long t0 = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - t0 < 3_000_000_000L) {
            inversion(engine, lockA + n, lockB + n);
            n++;
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L + 1;
        reporter.finish(host(engine));
        assertEquals(n, events(jfr, PotentialDeadlockEvent.NAME).size());
        int chunks = chunks(jfr);
        assertTrue(chunks <= 2 * (seconds + 1) + 4, chunks + " chunks for " + n + " findings in " + seconds + " s");
    }

    /** The chunks of a JFR file: each starts with {@code FLR\0}, its size a big-endian long at offset 8. */
    private static int chunks(Path file) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
        int count = 0;
        int pos = 0;
        while (pos < b.limit()) {
            assertEquals(0x464c5200, b.getInt(pos), "chunk magic at " + pos);
            long size = b.getLong(pos + 8);
            assertTrue(size > 0);
            pos += (int) size;
            count++;
        }
        return count;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }
}
