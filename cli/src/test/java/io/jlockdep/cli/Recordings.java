package io.jlockdep.cli;

import io.jlockdep.cli.EventSchema.DependencyEdge;
import io.jlockdep.cli.EventSchema.PotentialDeadlock;
import io.jlockdep.cli.EventSchema.Statistics;
import io.jlockdep.core.CycleEdge;
import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.LockdepListener;
import io.jlockdep.core.Mode;
import io.jlockdep.fence.FenceLockdep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;

/**
 * Real JFR recordings for the tests, written in this JVM with event classes declared here from the shared
 * {@link EventSchema} (as the agent's are): events with chosen field values ({@link #builder}), or what the real
 * engine reported for a program ({@link #engine}). Round trips through the agent's own writer are tested in the
 * agent module.
 *
 * <p>Events are committed on the calling (test) thread, which outlives every recording: JDK 17 loses a
 * pooled string (17 to 128 characters) that a thread which has ended since wrote into an earlier recording
 * (see the agent's ReporterJfrTest). Tests still use lock class names unique to each test.
 */
final class Recordings {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Recordings() {
    }

    /** A unique suffix for lock class names. */
    static String unique() {
        return "u" + SEQ.incrementAndGet();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Events to commit into one recording. */
    static final class Builder {
        private final List<Event> events = new ArrayList<>();

        /** A PotentialDeadlock event (its edges are added separately with {@link #edge}). */
        Builder finding(String cycleId, String kind, String lockClasses, int length, String report, String thread,
                        String acquisitionStack) {
            FindingEvent e = new FindingEvent();
            e.cycleId = cycleId;
            e.kind = kind;
            e.lockClasses = lockClasses;
            e.length = length;
            e.report = report;
            e.thread = thread;
            e.acquisitionStack = acquisitionStack;
            events.add(e);
            return this;
        }

        /**
         * Sets the evidence fields of the last {@link #finding}: {@code evidence}, {@code gatedBy} and
         * {@code lockOrigins} (left unset they are null, as a reader sees them in an older agent's events).
         */
        Builder evidence(String evidence, String gatedBy, String lockOrigins) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof FindingEvent) {
                    FindingEvent e = (FindingEvent) events.get(i);
                    e.evidence = evidence;
                    e.gatedBy = gatedBy;
                    e.lockOrigins = lockOrigins;
                    return this;
                }
            }
            throw new IllegalStateException("no finding yet");
        }

        /** A PotentialDeadlock event as agents before the evidence fields wrote it (an event type without them). */
        Builder oldFinding(String cycleId, String kind, String lockClasses, String report) {
            OldFindingEvent e = new OldFindingEvent();
            e.cycleId = cycleId;
            e.kind = kind;
            e.lockClasses = lockClasses;
            e.length = 2;
            e.report = report;
            e.thread = "main";
            e.acquisitionStack = "";
            events.add(e);
            return this;
        }

        /** A circular finding {@code a -> b -> a} with its two edges, report and stacks. */
        Builder circular(String cycleId, String a, String b, String stackA, String stackB) {
            String report = "======\nWARNING: possible circular locking dependency detected\n" + a + " / " + b
                    + "\ncycle id: " + cycleId + "\n";
            finding(cycleId, "circular", b + " -> " + a + " -> " + b, 2, report, "worker-2", stackB);
            edge(cycleId, 0, b, a, "EN", "worker-2", stackB, "observed", "");
            edge(cycleId, 1, a, b, "EN", "worker-1", stackA, "observed", "test com.acme.BankTest.audit()");
            return this;
        }

        /** A DependencyEdge event. */
        Builder edge(String cycleId, int index, String from, String to, String type, String thread, String stack,
                     String origin, String context) {
            EdgeEvent e = new EdgeEvent();
            e.cycleId = cycleId;
            e.index = index;
            e.from = from;
            e.to = to;
            e.type = type;
            e.thread = thread;
            e.stack = stack;
            e.origin = origin;
            e.context = context;
            events.add(e);
            return this;
        }

        /** An edge as {@code edges=on} records it (empty cycle id, index -1). */
        Builder plainEdge(String from, String to, String type, String thread, String stack, String context) {
            return edge("", -1, from, to, type, thread, stack, "observed", context);
        }

        /** The Statistics event of a clean exit. */
        Builder statistics() {
            return statistics(false);
        }

        /** The Statistics event of an agent run, which says whether it ran with {@code edges=on}. */
        Builder statistics(boolean edgesRecorded) {
            StatisticsEvent e = new StatisticsEvent();
            e.classes = 3;
            e.edges = 2;
            e.findings = 0L;
            e.edgesRecorded = edgesRecorded;
            events.add(e);
            return this;
        }

        /** The Statistics event of an agent run with these counters. */
        Builder statistics(int classes, int edges, long suppressed, long gated) {
            StatisticsEvent e = new StatisticsEvent();
            e.classes = classes;
            e.edges = edges;
            e.findings = suppressed;
            e.suppressed = suppressed;
            e.gated = gated;
            events.add(e);
            return this;
        }

        /** Commits the events into a new recording and writes it to {@code file}. */
        Path write(Path file) throws IOException {
            try (Recording r = new Recording()) {
                r.enable(PotentialDeadlock.NAME).withoutStackTrace();
                r.enable(DependencyEdge.NAME).withoutStackTrace();
                r.enable(Statistics.NAME).withoutStackTrace();
                r.enable(OtherEvent.NAME).withoutStackTrace();
                r.start();
                for (Event e : events) {
                    e.commit();
                }
                r.stop();
                r.dump(file);
            }
            return file;
        }
    }

    /** An event that is not jlockdep's. */
    @Name(OtherEvent.NAME)
    static final class OtherEvent extends Event {
        static final String NAME = "test.cli.Other";
        String text;
    }

    /** A valid recording with one non-jlockdep event and nothing of jlockdep's. */
    static Path foreign(Path file) throws IOException {
        try (Recording r = new Recording()) {
            r.enable(OtherEvent.NAME).withoutStackTrace();
            r.start();
            OtherEvent e = new OtherEvent();
            e.text = "not jlockdep";
            e.commit();
            r.stop();
            r.dump(file);
        }
        return file;
    }

    /** The agent's {@code io.jlockdep.PotentialDeadlock}, declared from the schema. */
    @Name(PotentialDeadlock.NAME)
    @StackTrace(false)
    static final class FindingEvent extends Event {
        @Name(PotentialDeadlock.CYCLE_ID)
        String cycleId;
        @Name(PotentialDeadlock.KIND)
        String kind;
        @Name(PotentialDeadlock.LOCK_CLASSES)
        String lockClasses;
        @Name(PotentialDeadlock.LENGTH)
        int length;
        @Name(PotentialDeadlock.REPORT)
        String report;
        @Name(PotentialDeadlock.THREAD)
        String thread;
        @Name(PotentialDeadlock.ACQUISITION_STACK)
        String acquisitionStack;
        @Name(PotentialDeadlock.EVIDENCE)
        String evidence;
        @Name(PotentialDeadlock.GATED_BY)
        String gatedBy;
        @Name(PotentialDeadlock.LOCK_ORIGINS)
        String lockOrigins;
    }

    /** {@code io.jlockdep.PotentialDeadlock} as it was before the evidence fields. */
    @Name(PotentialDeadlock.NAME)
    @StackTrace(false)
    static final class OldFindingEvent extends Event {
        @Name(PotentialDeadlock.CYCLE_ID)
        String cycleId;
        @Name(PotentialDeadlock.KIND)
        String kind;
        @Name(PotentialDeadlock.LOCK_CLASSES)
        String lockClasses;
        @Name(PotentialDeadlock.LENGTH)
        int length;
        @Name(PotentialDeadlock.REPORT)
        String report;
        @Name(PotentialDeadlock.THREAD)
        String thread;
        @Name(PotentialDeadlock.ACQUISITION_STACK)
        String acquisitionStack;
    }

    /** The agent's {@code io.jlockdep.DependencyEdge}, declared from the schema. */
    @Name(DependencyEdge.NAME)
    @StackTrace(false)
    static final class EdgeEvent extends Event {
        @Name(DependencyEdge.CYCLE_ID)
        String cycleId;
        @Name(DependencyEdge.INDEX)
        int index;
        @Name(DependencyEdge.FROM)
        String from;
        @Name(DependencyEdge.TO)
        String to;
        @Name(DependencyEdge.TYPE)
        String type;
        @Name(DependencyEdge.THREAD)
        String thread;
        @Name(DependencyEdge.STACK)
        String stack;
        @Name(DependencyEdge.ORIGIN)
        String origin;
        @Name(DependencyEdge.CONTEXT)
        String context;
    }

    /** The agent's {@code io.jlockdep.Statistics} (the fields the reader and these tests use), from the schema. */
    @Name(Statistics.NAME)
    @StackTrace(false)
    static final class StatisticsEvent extends Event {
        @Name(Statistics.CLASSES)
        int classes;
        @Name(Statistics.EDGES)
        int edges;
        @Name(Statistics.FINDINGS)
        long findings;
        @Name(Statistics.EDGES_RECORDED)
        boolean edgesRecorded;
        @Name(Statistics.GATED)
        long gated;
        @Name(Statistics.SUPPRESSED)
        long suppressed;
    }

    /** A stack as the agent's reporter writes it: one {@code \tat frame} line per frame, innermost first. */
    static String stackText(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : stack) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("\tat ").append(e);
        }
        return sb.toString();
    }

    /** Runs {@code body} on a new thread named {@code name} and waits for it; its failure fails the test. */
    static void runOn(String name, Runnable body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("thread " + name + " failed", failure.get());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Recordings made by the real engine and reporter

    /** What {@link #engine} recorded. */
    static final class EngineRun {
        final Path file;
        final List<Finding> findings;

        EngineRun(Path file, List<Finding> findings) {
            this.file = file;
            this.findings = findings;
        }
    }

    /** A program for {@link #engine}: acquisitions on the given engine. */
    interface Program {
        void run(Lockdep engine);
    }

    /**
     * Runs {@code program} on a fresh engine and records what it reports as the agent does (the
     * reporter's event mapping: a PotentialDeadlock event and its cycle's DependencyEdge events per finding,
     * with {@code edges} every new edge with an empty cycle id, a Statistics event at the end).
     *
     * <p>The events are committed here, on the calling thread, not by a {@code Reporter}: on JDK 17 a
     * string a reporter thread pooled reads back as null from a later recording that another reporter
     * thread writes in the same JVM (seen here with lock class names: {@code to = N/A}), and merge tests
     * need the same names in several recordings. The agent has one reporter thread per JVM, so the real
     * path is covered by the integration tests.
     */
    static EngineRun engine(Path file, boolean edges, Program program) {
        return engine(file, edges, false, program);
    }

    /** As {@link #engine(Path, boolean, Program)}, the fence contract primed first when asked (as the agent does). */
    static EngineRun engine(Path file, boolean edges, boolean fence, Program program) {
        final List<Object> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        LockdepListener capture = new LockdepListener() {
            @Override
            public void onFinding(Finding finding) {
                reported.add(finding);
            }

            @Override
            public void onEdge(CycleEdge edge) {
                reported.add(edge);
            }
        };
        Lockdep engine = new Lockdep(LockdepConfig.builder().listener(capture).reportEdges(edges).build());
        if (fence) {
            new FenceLockdep(engine).prime();
        }
        program.run(engine);
        Builder b = builder();
        synchronized (reported) {
            for (Object o : reported) {
                if (o instanceof Finding) {
                    Finding f = (Finding) o;
                    b.finding(f.cycleId(), f.kind().id(), f.lockClasses(), f.length(), f.render(), f.threadName(),
                            stackText(f.stack()));
                    b.evidence(f.evidence().id(), f.gatedBy() == null ? "" : f.gatedBy(),
                            EventSchema.originLines(f.origins()));
                    int i = 0;
                    for (CycleEdge e : f.edges()) {
                        b.edge(f.cycleId(), i++, e.from(), e.to(), e.type().name(), e.thread(),
                                stackText(e.stack()), e.origin(), e.context() == null ? "" : e.context());
                    }
                } else {
                    CycleEdge e = (CycleEdge) o;
                    b.plainEdge(e.from(), e.to(), e.type().name(), e.thread(), stackText(e.stack()),
                            e.context() == null ? "" : e.context());
                }
            }
        }
        b.statistics(edges);
        try {
            b.write(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new EngineRun(file, engine.findings());
    }

    /** On a new thread named {@code thread}: takes {@code outer} then {@code inner} (modes as given), returns a finding. */
    static Finding nest(Lockdep engine, String thread, String outer, Mode outerMode, String inner, Mode innerMode) {
        LockClass co = engine.lockClass(outer);
        LockClass ci = engine.lockClass(inner);
        AtomicReference<Finding> found = new AtomicReference<>();
        runOn(thread, () -> nested(3, () -> {
            Object lo = new Object();
            Object li = new Object();
            Finding f1 = engine.acquire(lo, co, outerMode);
            Finding f2 = engine.acquire(li, ci, innerMode);
            found.set(f2 != null ? f2 : f1);
            engine.release(li);
            engine.release(lo);
        }));
        return found.get();
    }

    /** Runs {@code body} {@code depth} calls deep: recorded stacks with a few frames of this class. */
    private static void nested(int depth, Runnable body) {
        if (depth == 0) {
            body.run();
        } else {
            nested(depth - 1, body);
        }
    }

    /** Writes {@code bytes} to {@code file}. */
    static Path bytes(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }
}
