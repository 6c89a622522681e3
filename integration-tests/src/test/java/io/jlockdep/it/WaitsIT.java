package io.jlockdep.it;

import static io.jlockdep.it.CliIT.arg;
import static io.jlockdep.it.CliIT.cli;
import static io.jlockdep.it.Sources.fileLine;
import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jlockdep.it.CliIT.CliRun;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.Waits;
import io.jlockdep.it.programs.WaitsClean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Waits and events (issue 13, docs/engine.md "Waits and events"): every kind of wait a thread can do while
 * holding a lock the code producing its event needs is reported once, as a {@code circular} finding between the
 * lock class and the event class, worded for waits ({@link Waits}: the producing half runs first, so nothing
 * hangs). Correct uses, really concurrent, are silent ({@link WaitsClean}). {@code timedWaits=ignore} drops the
 * findings closed by a timed wait, {@code events=off} every one; two JVMs each running one half of the latch
 * scenario are merged by the CLI into the one-JVM finding.
 */
class WaitsIT {
    private static final Class<?> P = Waits.class;
    private static final String TIMED_NOTE = "the wait has a timeout: the threads stall until it expires rather than"
            + " hang for good";

    /** How a finding closes: the waiter waits (lock held, event new), or the producer produces (event, lock held/taken). */
    enum Side { WAIT, PRODUCE }

    /** What one scenario of {@link Waits} must produce. */
    record Expected(String scenario, String lock, String event, Side side, String thread, String closingMarker,
                    boolean timed) {
    }

    /** {@code Kind@Declaring.method#n} for an object made by a call (not {@code new}) on a marked line. */
    private static String made(String kind, Class<?> c, String method, String marker, int n) {
        Sources.line(c, marker); // the line must exist
        return kind + "@" + c.getName() + "." + method + "#" + n;
    }

    /** The scenarios of {@link Waits} that report on {@code jvm} (virtual threads from JDK 21). */
    static List<Expected> expected(Jvm jvm) {
        List<Expected> l = expected();
        if (!jvm.hasVirtualThreads()) {
            l.removeIf(x -> x.scenario().equals("join-virtual"));
        }
        if (jvm.feature() < 19) {
            l.removeIf(x -> x.scenario().equals("join-duration"));
        }
        return l;
    }

    static List<Expected> expected() {
        String p = "io.jlockdep.it.programs.Waits$";
        List<Expected> l = new ArrayList<>();
        l.add(new Expected("future-get", site("ReentrantLock", cls("FutureGet"), "run", "fg-lock"),
                "event completion of task lambda #1 in " + p + "FutureGet.run", Side.WAIT, "main", "fg-get", false));
        l.add(new Expected("async-join", site("Object", cls("AsyncJoin"), "run", "aj-monitor"),
                "event completion of task lambda #1 in " + p + "AsyncJoin.run", Side.WAIT, "main", "aj-join", false));
        l.add(new Expected("invoke-all", site("ReentrantLock", cls("InvokeAll"), "run", "ia-lock"),
                "event completion of task " + p + "InvokeAll$Reindex", Side.WAIT, "main", "ia-invoke", false));
        l.add(new Expected("await-termination", site("ReentrantLock", cls("AwaitTermination"), "run", "at-lock"),
                "event termination of " + made("ExecutorService", cls("AwaitTermination"), "run", "at-executor", 1),
                Side.WAIT, "main", "at-await", true));
        l.add(new Expected("latch", site("ReentrantLock", cls("Latch"), "<clinit>", "latch-lock"),
                "event countDown of " + site("CountDownLatch", cls("Latch"), "<clinit>", "latch"),
                Side.WAIT, "main", "latch-await", false));
        l.add(new Expected("timed-latch", site("ReentrantLock", cls("TimedLatch"), "run", "tl-lock"),
                "event countDown of " + site("CountDownLatch", cls("TimedLatch"), "run", "tl-latch"),
                Side.WAIT, "main", "tl-await", true));
        l.add(new Expected("nested-monitor", site("Object", cls("NestedMonitor"), "run", "nm-outer"),
                "event notify of " + site("Object", cls("NestedMonitor"), "run", "nm-inner"),
                Side.PRODUCE, "notifier", "nm-notify", false));
        l.add(new Expected("nested-condition", site("ReentrantLock", cls("NestedCondition"), "run", "nc-outer"),
                "event signal of " + made("Condition", cls("NestedCondition"), "run", "nc-condition", 1),
                Side.PRODUCE, "signaller", "nc-signal", false));
        l.add(new Expected("queue", site("ReentrantLock", cls("Queue"), "run", "q-lock"),
                "event insertion into " + site("ArrayBlockingQueue", cls("Queue"), "run", "q-queue"),
                Side.WAIT, "main", "q-take", false));
        l.add(new Expected("join-subclass", site("Object", cls("JoinSubclass"), "run", "js-monitor"),
                "event end of thread " + p + "JoinSubclass$Flusher", Side.WAIT, "main", "js-join", false));
        l.add(new Expected("join-runnable", site("ReentrantLock", cls("JoinRunnable"), "run", "jr-lock"),
                "event end of thread running lambda #1 in " + p + "JoinRunnable.run", Side.WAIT, "main", "jr-join", false));
        l.add(new Expected("join-virtual", site("ReentrantLock", cls("JoinVirtual"), "run", "jv-lock"),
                "event end of thread running lambda #1 in " + p + "JoinVirtual.run", Side.WAIT, "main", "jv-join", false));
        l.add(new Expected("join-duration", site("ReentrantLock", cls("JoinDuration"), "run", "jd-lock"),
                "event end of thread running lambda #1 in " + p + "JoinDuration.run", Side.WAIT, "main", "jd-join", true));
        l.add(new Expected("semaphore", site("ReentrantLock", cls("Semaphores"), "run", "s-lock"),
                "event release of " + site("Semaphore", cls("Semaphores"), "run", "s-semaphore"),
                Side.WAIT, "main", "s-acquire", false));
        // The second party to arrive closes the cycle: either shard thread.
        l.add(new Expected("barrier", site("ReentrantLock", cls("Barrier$Shard"), "<init>", "b-shard-lock"),
                "event arrival at " + site("CyclicBarrier", cls("Barrier"), "run", "b-barrier"),
                Side.PRODUCE, null, "b-await", false));
        l.add(new Expected("phaser", site("ReentrantLock", cls("Phasers"), "run", "p-lock"),
                "event arrival at " + site("Phaser", cls("Phasers"), "run", "p-phaser"),
                Side.WAIT, "main", "p-await", false));
        // A monitor of an application type allocated in a method: named by its site, kind = the type's own name.
        l.add(new Expected("cache", "Waits$Cache$" + site("LoadingCache", cls("Cache"), "run", "c-cache"),
                "event completion of " + site("CompletableFuture", cls("Cache$LoadingCache"), "reserve", "c-future"),
                Side.WAIT, "main", "c-join", false));
        l.add(new Expected("pool", site("ReentrantLock", cls("Pool$ConnectionPool"), "<init>", "pool-lock"),
                "event insertion into " + site("LinkedBlockingQueue", cls("Pool$ConnectionPool"), "<init>", "pool-queue"),
                Side.WAIT, "main", "pool-take", false));
        return l;
    }

    private static Class<?> cls(String nested) {
        try {
            return Class.forName(P.getName() + "$" + nested);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Memo<Jvm, RunResult> ALL = new Memo<>(jvm -> Fork.program(Waits.class).on(jvm).jfr()
            .args(Waits.ALL).label("Waits-jdk" + jvm.feature()).run());
    private static final Memo<Jvm, RunResult> IGNORE_TIMED = new Memo<>(jvm -> Fork.program(Waits.class).on(jvm)
            .agent("timedWaits=ignore").jfr().args(Waits.ALL).label("Waits-untimed-jdk" + jvm.feature()).run());
    private static final Memo<Jvm, RunResult> EVENTS_OFF = new Memo<>(jvm -> Fork.program(Waits.class).on(jvm)
            .agent("events=off").jfr().args(Waits.ALL).label("Waits-off-jdk" + jvm.feature()).run());
    private static final Memo<Jvm, RunResult> CLEAN = new Memo<>(jvm -> Fork.program(WaitsClean.class).on(jvm)
            .jfr().args(WaitsClean.ALL).label("WaitsClean-jdk" + jvm.feature()).run());
    /** The halves of "latch" in two JVMs, with {@code edges=on} for merging: producer on JDK 17, waiter on 25. */
    private static final Memo<String, RunResult> HALVES = new Memo<>(half -> {
        Jvm jvm = half.equals("latch-producer") ? Jvm.JDK17 : CliIT.second();
        return Fork.program(Waits.class).on(jvm).agent("edges=on").jfr().args(half)
                .label("Waits-" + half + "-jdk" + jvm.feature()).run().assertExit(0);
    });

    private static RunResult ran(Memo<Jvm, RunResult> memo, Jvm jvm, String[] scenarios) {
        jvm.assumeAvailable();
        RunResult r = memo.get(jvm).assertExit(0);
        for (String s : scenarios) {
            r.assertStdoutLine("END " + s);
        }
        assertFalse(r.stderr().contains("WATCHDOG"), r::describe);
        return r;
    }

    /** The one finding between {@code x.lock()} and {@code x.event()}, of kind circular, of exactly those classes. */
    private static Finding finding(JfrData jfr, Expected x) {
        Finding f = jfr.single("circular", x.lock(), x.event());
        assertEquals(Set.of(x.lock(), x.event()), Set.copyOf(f.classes()), () -> x.scenario() + ": " + f);
        assertEquals(2, f.classes().size(), f::toString);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void everyWaitIsReportedOnceWithItsEventAndLock(Jvm jvm) {
        RunResult r = ran(ALL, jvm, Waits.ALL);
        JfrData jfr = r.jfr();
        List<Expected> all = expected(jvm);
        assertEquals(Waits.ALL.length - (jvm.hasVirtualThreads() ? 0 : 2), all.size()); // 17: no virtual, no Duration
        StringBuilder problems = new StringBuilder();
        for (Expected x : all) {
            List<Finding> l = jfr.where(f -> f.classes().contains(x.lock()) || f.classes().contains(x.event()));
            if (l.size() != 1 || !Set.copyOf(l.get(0).classes()).equals(Set.of(x.lock(), x.event()))
                    || !l.get(0).kind().equals("circular")) {
                problems.append(x.scenario()).append(": expected one circular finding of ").append(x.lock())
                        .append(" and ").append(x.event()).append(", found ").append(l).append('\n');
            }
        }
        if (problems.length() > 0) {
            fail(problems + "all findings:\n" + jfr.describeFindings() + r.describe());
        }
        assertEquals(all.size(), jfr.findings().size(), () -> jfr.describeFindings() + r.describe());
        assertEquals(all.size(), r.stderrReports().size(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void eachReportIsWordedForItsWait(Jvm jvm) {
        RunResult r = ran(ALL, jvm, Waits.ALL);
        JfrData jfr = r.jfr();
        Map<String, String> reports = r.stderrReports();
        for (Expected x : expected(jvm)) {
            Finding f = finding(jfr, x);
            String what = x.scenario() + " (" + f + ")";
            if (x.thread() != null) {
                assertEquals(x.thread(), f.thread(), what);
            }
            String frame = "(" + fileLine(P, x.closingMarker()) + ")";
            assertTrue(f.acquisitionStack().contains(frame), () -> what + ": no frame " + frame + " in\n"
                    + f.acquisitionStack());
            String log = reports.get(f.cycleId());
            assertTrue(log != null, () -> what + ": no report in the log" + r.describe());
            assertEquals(log, f.report(), () -> what + ": the recording's report differs from the log's");
            if (x.side() == Side.WAIT) {
                String head = "\" is about to wait for:\n  " + x.event() + "\nwhile it holds lock:\n  " + x.lock()
                        + " (allocated at ";
                assertTrue(log.contains(head), () -> what + ": no '" + head + "' in\n" + log);
                assertTrue(log.contains("\nwhich is produced by code that takes this lock.\n"), () -> what + log);
                assertTrue(log.contains("first seen in thread \"") && log.contains(", taken by code that produces "
                        + x.event() + " -("), () -> what + ": the chain line\n" + log);
            } else {
                String head = "\" holds lock:\n  " + x.lock() + " (allocated at ";
                String tail = "while it produces:\n  " + x.event() + "\nfor which a thread waits while holding this"
                        + " lock.\n";
                assertTrue(log.contains(head) && log.contains(tail), () -> what + ": not worded for a producer\n" + log);
                assertTrue(log.contains(", waited for while holding " + x.lock() + " -("), () -> what + log);
            }
            assertTrue(log.contains("produce(" + x.event() + "):\n"), () -> what + ": scenario\n" + log);
            assertTrue(log.contains("wait(" + x.event() + ");\n"), () -> what + ": scenario\n" + log);
            assertEquals(x.timed(), log.contains(TIMED_NOTE), () -> what + ": the timed-wait note\n" + log);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void correctWaitsAreSilent(Jvm jvm) {
        RunResult r = ran(CLEAN, jvm, WaitsClean.ALL);
        r.jfr().assertNoFindings();
        assertTrue(r.stderrReports().isEmpty(), r::describe);
        assertFalse(r.stderr().contains("WARNING"), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void timedWaitsIgnoredDropsOnlyTheTimedOnes(Jvm jvm) {
        RunResult r = ran(IGNORE_TIMED, jvm, Waits.ALL);
        JfrData jfr = r.jfr();
        int untimed = 0;
        for (Expected x : expected(jvm)) {
            if (x.timed()) {
                jfr.assertNoneInvolving(x.event());
            } else {
                finding(jfr, x);
                untimed++;
            }
        }
        assertEquals(untimed, jfr.findings().size(), () -> jfr.describeFindings() + r.describe());
        assertFalse(r.stderr().contains(TIMED_NOTE), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void eventsOffReportsNoneOfThem(Jvm jvm) {
        RunResult r = ran(EVENTS_OFF, jvm, Waits.ALL);
        r.jfr().assertNoFindings();
        assertFalse(r.stderr().contains("WARNING"), r::describe);
    }

    @ParameterizedTest(name = "tool on {0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void mergedTheHalvesOfALatchWaitAreTheOneJvmCycle(Jvm tool) {
        tool.assumeAvailable();
        Expected latch = expected().stream().filter(x -> x.scenario().equals("latch")).findFirst().orElseThrow();
        String oneJvm = finding(ran(ALL, Jvm.JDK17, Waits.ALL).jfr(), latch).cycleId();
        RunResult producer = HALVES.get("latch-producer");
        RunResult waiter = HALVES.get("latch-waiter");
        producer.jfr().assertNoFindings();
        waiter.jfr().assertNoFindings();
        String p = arg(producer.dir().resolve("jlockdep.jfr"));
        String w = arg(waiter.dir().resolve("jlockdep.jfr"));
        CliRun m = cli(tool, "merge", p, w).assertExit(1).assertQuiet();
        String out = m.stdout();
        assertTrue(out.contains("WARNING: possible circular locking dependency across recordings\n"), m::describe);
        assertTrue(out.contains("\ncycle id: " + oneJvm + "\n"), () -> "the one-JVM id " + oneJvm + m.describe());
        assertTrue(out.contains("(" + latch.lock() + "): first seen in " + p + ", thread \"starter\", taken by code"
                + " that produces " + latch.event() + " -(SN)->\n"), m::describe);
        assertTrue(out.contains("(" + latch.event() + "): first seen in " + w + ", thread \"main\", waited for while"
                + " holding " + latch.lock() + " -(EN)->\n"), m::describe);
        assertTrue(out.contains("(" + fileLine(P, "latch-countdown") + ")\n"), m::describe);
        assertTrue(out.contains("(" + fileLine(P, "latch-await") + ")\n"), m::describe);
        assertTrue(out.contains("produce(" + latch.event() + "):\n"), m::describe);
        assertTrue(out.contains("wait(" + latch.event() + ");\n"), m::describe);
        assertTrue(m.lastLine().startsWith("1 potential deadlock (1 circular) across 2 recordings"), m::describe);
    }
}
