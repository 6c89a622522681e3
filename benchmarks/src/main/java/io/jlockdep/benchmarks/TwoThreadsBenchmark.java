package io.jlockdep.benchmarks;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Two threads on the known-chain fast path at once, depth 1, each on its own private lock
 * instances — but of the same two lock classes in one shared engine, so both threads look up the
 * same chain key in the same global chain set. Shows whether the fast path contends on anything
 * global (a shared counter, a lock, a contended cache line): if not, the per-op time stays that of
 * {@link KnownChainBenchmark} at depth 1.
 *
 * <p>Baselines with the same shape: plain private ReentrantLocks, and Guava (one shared factory,
 * private locks per thread).
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Threads(2)
public class TwoThreadsBenchmark {

  /** What the two threads share: the engine with its classes, and Guava's factory. */
  @State(Scope.Benchmark)
  public static class Shared {
    Lockdep engine;
    LockClass clsHeld;
    LockClass clsX;
    CycleDetectingLockFactory guavaFactory;

    @Setup(Level.Trial)
    public void setUp() {
      engine = new Lockdep();
      clsHeld = engine.lockClass("TwoThreads.held");
      clsX = engine.lockClass("TwoThreads.x");
      guavaFactory = CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
    }

    @TearDown(Level.Trial)
    public void checkNoFinding() {
      Benchmarks.expect(engine.findings().isEmpty(), "unexpected finding " + engine.findings());
    }
  }

  /** Each thread's private locks; the trial setup runs on that thread and leaves one lock held. */
  @State(Scope.Thread)
  public static class PerThread {
    Lockdep engine;
    ReentrantLock engineHeld;
    ReentrantLock x;
    LockClass clsX;
    ReentrantLock plainHeld;
    ReentrantLock plainX;
    ReentrantLock guavaHeld;
    ReentrantLock guavaX;
    int chainsAfterSetup;

    @Setup(Level.Trial)
    public void setUp(Shared shared) {
      engine = shared.engine;
      clsX = shared.clsX;
      engineHeld = new ReentrantLock();
      Benchmarks.expectNoFinding(engine.acquire(engineHeld, shared.clsHeld, Mode.EXCLUSIVE));
      engineHeld.lock();
      x = new ReentrantLock();
      for (int i = 0; i < 3; i++) {
        Benchmarks.expectNoFinding(engine.acquire(x, clsX, Mode.EXCLUSIVE));
        x.lock();
        x.unlock();
        Benchmarks.expect(engine.release(x), "release of x");
      }

      plainHeld = new ReentrantLock();
      plainHeld.lock();
      plainX = new ReentrantLock();

      String name = Thread.currentThread().getName();
      guavaHeld = shared.guavaFactory.newReentrantLock("TwoThreads.held@" + name);
      guavaHeld.lock();
      guavaX = shared.guavaFactory.newReentrantLock("TwoThreads.x@" + name);
      guavaX.lock();
      guavaX.unlock();
    }

    @Setup(Level.Iteration)
    public void checkHeld() {
      Benchmarks.expect(engine.depth() == 1 && engineHeld.isHeldByCurrentThread()
          && plainHeld.isHeldByCurrentThread() && guavaHeld.isHeldByCurrentThread(),
          "held locks not held by the benchmark thread");
      chainsAfterSetup = engine.statistics().chains();
    }

    @TearDown(Level.Iteration)
    public void checkFastPathOnly() {
      Benchmarks.expect(engine.statistics().chains() == chainsAfterSetup,
          "a chain was added during measurement: the slow path was measured");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      engineHeld.unlock();
      Benchmarks.expect(engine.release(engineHeld), "release of held lock");
      plainHeld.unlock();
      guavaHeld.unlock();
    }
  }

  @Benchmark
  public void engine(PerThread t, Blackhole bh) {
    bh.consume(t.engine.acquire(t.x, t.clsX, Mode.EXCLUSIVE));
    bh.consume(t.engine.release(t.x));
  }

  @Benchmark
  public void engineWithLock(PerThread t, Blackhole bh) {
    bh.consume(t.engine.acquire(t.x, t.clsX, Mode.EXCLUSIVE));
    t.x.lock();
    t.x.unlock();
    bh.consume(t.engine.release(t.x));
  }

  @Benchmark
  public void plainLock(PerThread t) {
    t.plainX.lock();
    t.plainX.unlock();
  }

  @Benchmark
  public void guava(PerThread t) {
    t.guavaX.lock();
    t.guavaX.unlock();
  }
}
