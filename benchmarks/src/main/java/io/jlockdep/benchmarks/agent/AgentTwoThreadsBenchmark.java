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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two threads at once, each doing {@code lock()} + {@code unlock()} of its own {@code ReentrantLock}
 * (nothing else held). Both locks are allocated at the same site, so under the agent they are one lock
 * class and both threads look up the same chain in the engine's shared chain set: if the agent's fast
 * path writes nothing shared, the per-op time stays that of {@link AgentLockBenchmark} at depth 1. Guava:
 * one shared factory, a private lock per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Threads(2)
public class AgentTwoThreadsBenchmark {

    /** What the threads share: the variant and Guava's factory. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** plain, agent or guava; see {@link Variant}. */
        @Param({"plain", "agent", "guava"})
        public String variant;

        Variant v;
        Object guavaFactory;

        @Setup(Level.Trial)
        public void setUp() {
            v = Variant.current(variant);
            if (v == Variant.GUAVA) {
                guavaFactory = Variant.newGuavaFactory();
            }
        }
    }

    /** One thread's lock; the trial setup runs on that thread. */
    @State(Scope.Thread)
    public static class PerThread {
        ReentrantLock x;
        AgentChecks checks;
        private java.util.List<io.jlockdep.core.LockClass> contexts;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            checks = AgentChecks.of(shared.v);
            // Out of JMH's own task context, so that the lock is taken with nothing held (AgentChecks.leaveEventContexts;
            // JMH runs each iteration as a new task, so this is done again per iteration).
            contexts = checks.leaveEventContexts();
            x = shared.v == Variant.GUAVA ? Variant.guavaLock(shared.guavaFactory, "AgentTwoThreads.x") : newLock();
            for (int i = 0; i < 3; i++) {
                x.lock();
                if (i == 0) {
                    checks.expectChain(1, "ReentrantLock@" + PerThread.class.getName() + ".newLock#1");
                }
                x.unlock();
            }
            checks.reenter(contexts);
        }

        /** One allocation site for both threads' locks: one lock class under the agent. */
        private static ReentrantLock newLock() {
            return new ReentrantLock();
        }

        @Setup(Level.Iteration)
        public void beginIteration() {
            AgentChecks.expect(!x.isLocked(), "the measured lock is still locked");
            contexts = checks.leaveEventContexts();
            checks.beginIteration();
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            checks.reenter(contexts);
            checks.endIteration();
        }
    }

    /** The measured op, on each of two threads: acquire + release of the thread's own lock. */
    @Benchmark
    public void lockUnlock(PerThread t) {
        t.x.lock();
        t.x.unlock();
    }
}
