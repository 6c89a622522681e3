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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The known-chain fast path: one uncontended acquire + release of a lock while {@code depth} other
 * locks (of distinct classes) are held, where the resulting chain was already validated in setup.
 *
 * <p>The engine work per op is: compute the chain key of (held chain, class X, W), find it in the
 * global chain set (a hit), push the held entry; then pop it. No graph work, no global lock, and by
 * the design's quality bar, no allocation and at most 15 ns added, flat in depth.
 *
 * <p>Variants, all at the same depth in the same run:
 * <ul>
 *   <li>{@code engine}: {@code engine.acquire(x) + engine.release(x)} alone (no real lock);
 *   <li>{@code engineWithLock}: {@code engine.acquire + ReentrantLock.lock + unlock + engine.release}
 *       (what an instrumented {@code lock()/unlock()} pair costs; subtract {@code plainLock});
 *   <li>{@code plainLock}: {@code ReentrantLock.lock + unlock} with {@code depth} ReentrantLocks held;
 *   <li>{@code guava}: a {@code CycleDetectingLockFactory.newInstance(Policies.WARN)} lock, with
 *       {@code depth} Guava locks of distinct names held.
 * </ul>
 *
 * <p>{@code @State(Scope.Thread)}: the trial-level setup runs on the benchmark thread, so the held
 * locks (real ones, the engine's per-thread stack, Guava's per-thread list) belong to the thread that
 * runs the measured op. Per-iteration checks make sure of that and that the measured op never took
 * the slow path (no chain or edge was added during an iteration, no finding).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class KnownChainBenchmark {

  /** Number of locks (of distinct classes) held while the measured lock is taken and released. */
  @Param({"1", "5", "20"})
  public int depth;

  // --- engine (+ the real locks it tracks) ---
  private Lockdep engine;
  private ReentrantLock[] engineHeld;
  private ReentrantLock x;
  private LockClass clsX;
  private int chainsAfterSetup;
  private int edgesAfterSetup;

  // --- plain baseline ---
  private ReentrantLock[] plainHeld;
  private ReentrantLock plainX;

  // --- Guava baseline ---
  private ReentrantLock[] guavaHeld;
  private ReentrantLock guavaX;

  @Setup(Level.Trial)
  public void setUp() {
    engine = new Lockdep();
    engineHeld = new ReentrantLock[depth];
    for (int i = 0; i < depth; i++) {
      engineHeld[i] = new ReentrantLock();
      LockClass cls = engine.lockClass("KnownChain.held-" + i);
      Benchmarks.expectNoFinding(engine.acquire(engineHeld[i], cls, Mode.EXCLUSIVE));
      engineHeld[i].lock();
    }
    x = new ReentrantLock();
    clsX = engine.lockClass("KnownChain.x");
    // Validate the chain (held..., X) once: from here on acquiring X at this depth is a known chain.
    for (int i = 0; i < 3; i++) {
      Benchmarks.expectNoFinding(engine.acquire(x, clsX, Mode.EXCLUSIVE));
      x.lock();
      x.unlock();
      Benchmarks.expect(engine.release(x), "release of x");
    }
    chainsAfterSetup = engine.statistics().chains();
    edgesAfterSetup = engine.statistics().edges();

    plainHeld = new ReentrantLock[depth];
    for (int i = 0; i < depth; i++) {
      plainHeld[i] = new ReentrantLock();
      plainHeld[i].lock();
    }
    plainX = new ReentrantLock();

    CycleDetectingLockFactory guavaFactory =
        CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
    guavaHeld = new ReentrantLock[depth];
    for (int i = 0; i < depth; i++) {
      guavaHeld[i] = guavaFactory.newReentrantLock("KnownChain.held-" + i);
      guavaHeld[i].lock();
    }
    guavaX = guavaFactory.newReentrantLock("KnownChain.x");
    // Guava records the (held -> x) edges on the first acquisition: do it outside measurement.
    guavaX.lock();
    guavaX.unlock();
  }

  @Setup(Level.Iteration)
  public void checkHeld() {
    Benchmarks.expect(engine.depth() == depth,
        "engine depth " + engine.depth() + " != " + depth + ": setup ran on another thread?");
    for (int i = 0; i < depth; i++) {
      Benchmarks.expect(engineHeld[i].isHeldByCurrentThread()
          && plainHeld[i].isHeldByCurrentThread()
          && guavaHeld[i].isHeldByCurrentThread(), "held locks not held by the benchmark thread");
    }
  }

  @TearDown(Level.Iteration)
  public void checkFastPathOnly() {
    Benchmarks.expect(engine.statistics().chains() == chainsAfterSetup
        && engine.statistics().edges() == edgesAfterSetup,
        "a chain or edge was added during measurement: the slow path was measured");
    Benchmarks.expect(engine.findings().isEmpty(), "unexpected finding " + engine.findings());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (int i = depth - 1; i >= 0; i--) {
      engineHeld[i].unlock();
      Benchmarks.expect(engine.release(engineHeld[i]), "release of held lock " + i);
      plainHeld[i].unlock();
      guavaHeld[i].unlock();
    }
  }

  /** Engine bookkeeping alone: acquire + release of a known chain, no real lock. */
  @Benchmark
  public void engine(Blackhole bh) {
    bh.consume(engine.acquire(x, clsX, Mode.EXCLUSIVE));
    bh.consume(engine.release(x));
  }

  /** What an instrumented lock()/unlock() pair costs: engine bookkeeping around a real lock. */
  @Benchmark
  public void engineWithLock(Blackhole bh) {
    bh.consume(engine.acquire(x, clsX, Mode.EXCLUSIVE));
    x.lock();
    x.unlock();
    bh.consume(engine.release(x));
  }

  /** Baseline: an uninstrumented ReentrantLock at the same depth. */
  @Benchmark
  public void plainLock() {
    plainX.lock();
    plainX.unlock();
  }

  /** Peer: Guava's CycleDetectingLockFactory (Policies.WARN) at the same depth. */
  @Benchmark
  public void guava() {
    guavaX.lock();
    guavaX.unlock();
  }
}
