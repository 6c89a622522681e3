package io.jlockdep.benchmarks;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.LockdepConfig;
import io.jlockdep.core.Mode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The new-edge slow path.
 *
 * <p>What exactly is measured (per op = one {@code acquire + release} pair): with one lock of class
 * {@code H} held, a blocking {@code engine.acquire(n_i, C_i, EXCLUSIVE)} where {@code C_i} is a lock
 * class never acquired before, followed by {@code engine.release(n_i)}. Each acquire therefore
 * <ul>
 *   <li>misses the chain cache (the chain {@code (H, C_i)} is new),
 *   <li>takes the graph lock and adds exactly one new edge {@code H -> C_i} (type EN),
 *   <li>runs the strong-cycle search for that edge (which finds nothing: {@code C_i} has no
 *       out-edges, so this is the cheapest possible search; a search through a large graph costs
 *       more),
 *   <li>records the stack trace of the edge when {@code captureStacks} is on (the default), and
 *   <li>records the new chain key.
 * </ul>
 * The release is the ordinary pop (releases never validate).
 *
 * <p>Not measured: creating the engine, creating the classes {@code C_i} (by name) and acquiring
 * {@code H} — all done in a per-invocation setup, outside the timed region. Each invocation runs
 * {@link #BATCH} ops on a fresh engine, so the graph stays small (1 + BATCH classes, BATCH edges),
 * every limit stays far away (no limit handling is measured; the per-invocation teardown checks that
 * the batch added exactly BATCH edges and that no limit was hit). An invocation is BATCH slow paths
 * (about 0.1 ms even without stack capture), so the two timestamps JMH takes around each invocation
 * are noise. Garbage left by earlier batches may be collected inside the timed region, as it would be
 * in a real program. Allocation figures (gc.alloc.rate.norm) do include the per-invocation setup
 * (fresh engine + BATCH classes and their names, amortized over BATCH ops).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class SlowPathBenchmark {

  /** New edges per invocation (= per fresh engine). */
  public static final int BATCH = 1024;

  /** Whether the engine records a stack trace per new edge (the default is on). */
  @Param({"true", "false"})
  public boolean captureStacks;

  private Lockdep engine;
  private final Object h = new Object();
  private final Object[] nodes = new Object[BATCH];
  private final LockClass[] classes = new LockClass[BATCH];

  @Setup(Level.Trial)
  public void allocateInstances() {
    for (int i = 0; i < BATCH; i++) {
      nodes[i] = new Object();
    }
  }

  @Setup(Level.Invocation)
  public void freshEngine() {
    engine = new Lockdep(LockdepConfig.builder().captureStacks(captureStacks).build());
    LockClass clsH = engine.lockClass("SlowPath.H");
    for (int i = 0; i < BATCH; i++) {
      classes[i] = engine.lockClass("SlowPath.C" + i);
    }
    Benchmarks.expectNoFinding(engine.acquire(h, clsH, Mode.EXCLUSIVE));
  }

  @TearDown(Level.Invocation)
  public void checkEveryOpAddedAnEdge() {
    Benchmarks.expect(engine.release(h), "release of H");
    Benchmarks.expect(engine.statistics().edges() == BATCH,
        "expected " + BATCH + " new edges, got " + engine.statistics().edges());
    for (io.jlockdep.core.Limit limit : io.jlockdep.core.Limit.values()) {
      Benchmarks.expect(engine.statistics().limitHits(limit) == 0, "limit hit: " + limit);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void newEdge(Blackhole bh) {
    Lockdep e = engine;
    Object[] n = nodes;
    LockClass[] c = classes;
    for (int i = 0; i < BATCH; i++) {
      bh.consume(e.acquire(n[i], c[i], Mode.EXCLUSIVE));
      bh.consume(e.release(n[i]));
    }
  }
}
