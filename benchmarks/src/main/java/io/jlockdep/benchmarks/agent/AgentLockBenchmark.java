package io.jlockdep.benchmarks.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/**
 * One uncontended {@code lock()} + {@code unlock()} of a {@code ReentrantLock} while {@code depth - 1}
 * other locks, of distinct lock classes, are held by the same thread: {@code depth = 1} is a lone
 * lock/unlock, 5 and 20 put the measured lock at the end of a long chain, and 2 (one lock held) is the
 * smallest real chain ("depth 1" of the design's quality bar, which counts the locks held).
 *
 * <p>The benchmark code is the same in all three variants: {@code plain} (no agent), {@code agent} (the
 * JVM runs with {@code -javaagent:jlockdep-agent.jar}, so {@code ReentrantLock.lock/unlock} themselves
 * are instrumented and every lock here is named by its allocation site in {@link DistinctLocks}) and
 * {@code guava} (the locks come from {@code CycleDetectingLockFactory.newInstance(Policies.WARN)}).
 * The trial setup, on the benchmark thread, takes the held locks and takes and releases the measured one
 * a few times, so the agent has validated the chain and Guava has recorded its edges before measurement.
 * In the agent variant each iteration then checks that the engine added no chain, edge or finding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AgentLockBenchmark {

    /** plain, agent or guava; see {@link Variant}. */
    @Param({"plain", "agent", "guava"})
    public String variant;

    /** Locks held once the measured one is taken, the measured one included. */
    @Param({"1", "2", "5", "20"})
    public int depth;

    private ReentrantLock[] held;
    private ReentrantLock x;
    private AgentChecks checks;
    private java.util.List<io.jlockdep.core.LockClass> contexts;

    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.current(variant);
        checks = AgentChecks.of(v);
        // Out of JMH's own task context, so depth 1 is nothing held (see AgentChecks.leaveEventContexts; JMH runs
        // each iteration as a new task, so this is done again per iteration).
        contexts = checks.leaveEventContexts();
        ReentrantLock[] locks = v == Variant.GUAVA ? Variant.guavaLocks(depth, "AgentLock") : DistinctLocks.create(depth);
        held = new ReentrantLock[depth - 1];
        System.arraycopy(locks, 0, held, 0, depth - 1);
        x = locks[depth - 1];
        for (ReentrantLock h : held) {
            h.lock();
        }
        for (int i = 0; i < 3; i++) {
            x.lock();
            if (i == 0) {
                checks.expectChain(depth, "ReentrantLock@" + DistinctLocks.class.getName() + ".create#");
            }
            x.unlock();
        }
        checks.reenter(contexts);
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        for (ReentrantLock h : held) {
            AgentChecks.expect(h.isHeldByCurrentThread(), "held locks not held by the benchmark thread");
        }
        AgentChecks.expect(!x.isLocked(), "the measured lock is still locked");
        contexts = checks.leaveEventContexts();
        checks.beginIteration();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        checks.reenter(contexts);
        checks.endIteration();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (int i = held.length - 1; i >= 0; i--) {
            held[i].unlock();
        }
    }

    /** The measured op: one uncontended acquire + release, {@code depth - 1} other locks held. */
    @Benchmark
    public void lockUnlock() {
        x.lock();
        x.unlock();
    }
}
