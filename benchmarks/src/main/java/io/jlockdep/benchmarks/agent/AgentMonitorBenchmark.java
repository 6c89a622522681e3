package io.jlockdep.benchmarks.agent;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 * An uncontended {@code synchronized} block and {@code synchronized} method, nothing else held; plain and
 * agent only (Guava has no monitors).
 *
 * <ul>
 *   <li>{@code syncBlock}: {@code synchronized (lock) { count++; }} on a {@code private final Object lock =
 *       new Object()}-style monitor. Under the agent the block's {@code MONITORENTER}/{@code MONITOREXIT}
 *       are preceded by hook calls and the lock is named by the field it was stored into
 *       ({@code Object …AgentMonitorBenchmark.lock}), found per acquisition in the agent's identity
 *       table.</li>
 *   <li>{@code syncMethod}: a call of {@code synchronized void inc()} on a {@link Target}. Under the agent the
 *       method gets enter/exit advice; a type with synchronized methods is named where its object was made
 *       ({@code AgentMonitorBenchmark$Target …AgentMonitorBenchmark.target}), found in the same table.</li>
 * </ul>
 *
 * <p>Both monitor regions sit in a method C2 must not inline ({@code @CompilerControl(DONT_INLINE)}), so
 * one op is exactly one monitor enter + exit in both variants: inlined into JMH's loop, the plain
 * variant's back-to-back regions on one object could be coarsened by C2 (merged across iterations),
 * which the agent's hook calls prevent; the comparison would then not be like for like.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AgentMonitorBenchmark {

    /** plain or agent; see {@link Variant}. */
    @Param({"plain", "agent"})
    public String variant;

    private Object lock;
    private Target target;
    private int count;
    private AgentChecks checks;
    private java.util.List<io.jlockdep.core.LockClass> contexts;

    /** The receiver of the synchronized method. */
    static final class Target {
        int count;
        boolean sawHeld;

        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        synchronized void inc() {
            count++;
        }

        synchronized void check(AgentChecks checks, String owner) {
            sawHeld = checks.isHeld(this);
            checks.expectChain(1, "AgentMonitorBenchmark$Target " + owner + ".target");
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.current(variant);
        AgentChecks.expect(v != Variant.GUAVA, "Guava has no monitors: variant must be plain or agent");
        checks = AgentChecks.of(v);
        // Out of JMH's own task context: nothing held (see AgentChecks.leaveEventContexts), again per iteration.
        contexts = checks.leaveEventContexts();
        lock = new Object();
        target = new Target();
        // Fields are named after their holder's runtime type: JMH's generated subclass of this state.
        String owner = getClass().getName();
        synchronized (lock) {
            AgentChecks.expect(checks.isHeld(lock), "the synchronized block is not instrumented");
            checks.expectChain(1, "Object " + owner + ".lock");
        }
        target.check(checks, owner);
        AgentChecks.expect(target.sawHeld, "the synchronized method is not instrumented");
        for (int i = 0; i < 3; i++) {
            syncBlock();
            syncMethod();
        }
        checks.reenter(contexts);
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        contexts = checks.leaveEventContexts();
        checks.beginIteration();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        checks.reenter(contexts);
        checks.endIteration();
    }

    /** The measured op: enter + exit of an uncontended synchronized block (in a method not inlined). */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void syncBlock() {
        synchronized (lock) {
            count++;
        }
    }

    /** The measured op: one call of an uncontended synchronized method (not inlined). */
    @Benchmark
    public void syncMethod() {
        target.inc();
    }
}
