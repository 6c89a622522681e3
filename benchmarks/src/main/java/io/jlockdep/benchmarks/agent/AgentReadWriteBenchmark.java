package io.jlockdep.benchmarks.agent;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import io.jlockdep.core.Lockdep;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * One uncontended acquire + release of a {@code ReentrantReadWriteLock}'s read side, or of its write side, while
 * {@code depth - 1} other locks (0 or 1 {@code ReentrantLock}) are held: the read/write rows of the lock table,
 * run the three ways of {@link AgentLockBenchmark} ({@code plain}, {@code agent}, {@code guava} with
 * {@code CycleDetectingLockFactory.newReentrantReadWriteLock}). The trial setup takes each side a few times, so the
 * agent has validated both chains and Guava has recorded its edges before measurement; in the agent variant each
 * iteration checks that the engine added no chain, edge or finding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AgentReadWriteBenchmark {

    /** plain, agent or guava; see {@link Variant}. */
    @Param({"plain", "agent", "guava"})
    public String variant;

    /** Locks held once the measured side is taken, the measured one included. */
    @Param({"1", "2"})
    public int depth;

    private ReentrantLock held;
    private Lock read;
    private Lock write;
    private AgentChecks checks;
    private java.util.List<io.jlockdep.core.LockClass> contexts;

    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.current(variant);
        checks = AgentChecks.of(v);
        contexts = checks.leaveEventContexts();
        ReentrantReadWriteLock rw;
        if (v == Variant.GUAVA) {
            CycleDetectingLockFactory f = CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
            rw = f.newReentrantReadWriteLock("AgentReadWrite-rw");
            held = depth > 1 ? f.newReentrantLock("AgentReadWrite-held") : null;
        } else {
            rw = new ReentrantReadWriteLock();
            held = depth > 1 ? new ReentrantLock() : null;
        }
        read = rw.readLock();
        write = rw.writeLock();
        if (held != null) {
            held.lock();
        }
        for (int i = 0; i < 3; i++) {
            read.lock();
            expectHeld(depth);
            read.unlock();
            write.lock();
            expectHeld(depth);
            write.unlock();
        }
        checks.reenter(contexts);
    }

    /** Under the agent: the engine sees the held lock and the measured side, nothing else. */
    private void expectHeld(int n) {
        Lockdep e = Variant.agentEngine();
        if (e != null) {
            AgentChecks.expect(e.heldLocks().size() == n, "the engine sees " + e.heldLocks() + ", expected " + n);
        }
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        AgentChecks.expect(held == null || held.isHeldByCurrentThread(), "the held lock is not held");
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
        if (held != null) {
            held.unlock();
        }
    }

    /** The read side taken and released. */
    @Benchmark
    public void readLockUnlock() {
        read.lock();
        read.unlock();
    }

    /** The write side taken and released. */
    @Benchmark
    public void writeLockUnlock() {
        write.lock();
        write.unlock();
    }
}
