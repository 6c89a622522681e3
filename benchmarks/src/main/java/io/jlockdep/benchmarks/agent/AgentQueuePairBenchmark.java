package io.jlockdep.benchmarks.agent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * A real producer/consumer pair on one {@code ArrayBlockingQueue} (capacity 1024): one thread {@code put}s, the
 * other {@code take}s, both blocking when the queue is full or empty (a JMH group of two threads; the score is
 * per {@code put} or {@code take}, the group's ns/op the time of one put/take pair's slower side). With
 * {@code held = 1} each thread holds a {@code ReentrantLock} of its own class around its ops (producer and
 * consumer locks are of distinct classes, so the edges {@code insertion -> producer lock} and
 * {@code consumer lock -> insertion} make no cycle). Variants as in {@link AgentEventBenchmark}.
 *
 * <p>JMH stops the two threads one after the other at the end of an iteration: with {@code put}/{@code take}
 * the one still running could block for good once its partner has left. So the ops are the blocking forms with
 * a timeout, retried until they succeed or the iteration is over: {@code offer(e, 100 µs)} and
 * {@code poll(100 µs)}. They block (park) exactly like {@code put}/{@code take} and the agent advises them the
 * same way (an insertion event once {@code offer} returns true; a wait, timed, before {@code poll}; timed waits
 * are checked by default, {@code timedWaits=check}).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AgentQueuePairBenchmark {

    /** plain, agent or events-off; see {@link Variant}. */
    @Param({"plain", "agent", "events-off"})
    public String variant;

    /** Locks each thread holds around its ops: 0 or 1. */
    @Param({"0", "1"})
    public int held;

    private ArrayBlockingQueue<Integer> queue;
    private final Integer item = 7;
    private AgentChecks checks;

    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.current(variant);
        AgentChecks.expect(v == Variant.PLAIN || v.withAgent(), "variant must be plain, agent or events-off");
        checks = AgentChecks.of(v);
        queue = new ArrayBlockingQueue<>(1024);
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        checks.beginIteration();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        checks.endIteration();
        queue.clear();
    }

    /** The producer thread's lock (held = 1), taken on that thread. */
    @State(Scope.Thread)
    public static class Producer {
        ReentrantLock lock;
        AgentChecks checks;
        java.util.List<io.jlockdep.core.LockClass> contexts;

        int held;

        @Setup(Level.Trial)
        public void setUp(AgentQueuePairBenchmark b) {
            checks = b.checks;
            held = b.held;
            lock = new ReentrantLock();
            if (b.held == 1) {
                lock.lock();
            }
        }

        /** Out of JMH's task context for the iteration (JMH runs each iteration as a new task). */
        @Setup(Level.Iteration)
        public void leaveContexts() {
            contexts = checks.leaveEventContexts();
            if (checks.active()) {
                AgentChecks.expect(checks.held().size() == held, "the engine sees " + checks.held()
                        + " held by a benchmark thread, expected " + held + " lock(s)");
            }
        }

        @TearDown(Level.Iteration)
        public void reenterContexts() {
            checks.reenter(contexts);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    /** The consumer thread's lock (held = 1), of another class than the producer's. */
    @State(Scope.Thread)
    public static class Consumer {
        ReentrantLock lock;
        AgentChecks checks;
        java.util.List<io.jlockdep.core.LockClass> contexts;

        int held;

        @Setup(Level.Trial)
        public void setUp(AgentQueuePairBenchmark b) {
            checks = b.checks;
            held = b.held;
            lock = new ReentrantLock();
            if (b.held == 1) {
                lock.lock();
            }
        }

        /** Out of JMH's task context for the iteration (JMH runs each iteration as a new task). */
        @Setup(Level.Iteration)
        public void leaveContexts() {
            contexts = checks.leaveEventContexts();
            if (checks.active()) {
                AgentChecks.expect(checks.held().size() == held, "the engine sees " + checks.held()
                        + " held by a benchmark thread, expected " + held + " lock(s)");
            }
        }

        @TearDown(Level.Iteration)
        public void reenterContexts() {
            checks.reenter(contexts);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    /** One insertion: a blocking {@code offer} (the producer waits while the queue is full). */
    @Benchmark
    @Group("pair")
    @GroupThreads(1)
    public boolean put(Producer p, Control control) throws InterruptedException {
        boolean done;
        do {
            done = queue.offer(item, SLICE_NANOS, TimeUnit.NANOSECONDS);
        } while (!done && !control.stopMeasurement);
        return done;
    }

    /** One removal: a blocking {@code poll} (the consumer waits while the queue is empty). */
    @Benchmark
    @Group("pair")
    @GroupThreads(1)
    public Integer take(Consumer c, Control control) throws InterruptedException {
        Integer x;
        do {
            x = queue.poll(SLICE_NANOS, TimeUnit.NANOSECONDS);
        } while (x == null && !control.stopMeasurement);
        return x;
    }

    /** How long one blocking call waits before the op looks whether the iteration is over: 100 µs. */
    private static final long SLICE_NANOS = 100_000L;
}
