package io.jlockdep.benchmarks.agent;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * What noting allocations costs: allocation-heavy code whose objects the agent names by site (it calls
 * {@code AllocationHooks} after each constructor and enters the object in its weak identity table), next
 * to an allocation it does not note. Plain and agent only (Guava notes nothing).
 *
 * <ul>
 *   <li>{@code newStringBuffer}: {@code new StringBuffer(16)} in an instance method
 *       ({@code AllocationHooks.allocatedBy}, {@code StringBuffer@…newStringBuffer#1});</li>
 *   <li>{@code newHashtable}: {@code new Hashtable<>(4)}, the same way;</li>
 *   <li>{@code newSynchronizedType}: {@code new Counter()}, an application type with a {@code synchronized}
 *       method;</li>
 *   <li>{@code storeHashtable}: {@code this.table = new Hashtable<>(4)}, named after the field
 *       ({@code AllocationHooks.stored}, {@code Hashtable …AgentAllocationBenchmark.table});</li>
 *   <li>{@code newArrayList}: {@code new ArrayList<>(4)}, which is never noted: the baseline for what the
 *       agent costs an allocation it does not name (nothing, if the rewriting leaves it alone).</li>
 * </ul>
 * Each op returns the new object to JMH, so it escapes and is really allocated; the agent's table entry
 * dies with it and is swept, which {@code -prof gc} counts in B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// A fixed, pre-touched heap: without it the plain run measures page faults of a young generation still growing.
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AgentAllocationBenchmark {

    /** plain or agent; see {@link Variant}. */
    @Param({"plain", "agent"})
    public String variant;

    private AgentChecks checks;
    private Hashtable<String, String> table;

    /** An application type with a synchronized method: the agent classes its objects by site. */
    static final class Counter {
        private int count;

        synchronized int inc() {
            return ++count;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.current(variant);
        AgentChecks.expect(v != Variant.GUAVA, "Guava notes no allocations: variant must be plain or agent");
        checks = AgentChecks.of(v);
        // Out of JMH's own task context while checking the chains (AgentChecks.leaveEventContexts).
        java.util.List<io.jlockdep.core.LockClass> contexts = checks.leaveEventContexts();
        String me = AgentAllocationBenchmark.class.getName();
        StringBuffer sb = newStringBuffer();
        synchronized (sb) {
            checks.expectChain(1, "StringBuffer@" + me + ".newStringBuffer#1");
        }
        Hashtable<String, String> h = newHashtable();
        synchronized (h) {
            checks.expectChain(1, "Hashtable@" + me + ".newHashtable#1");
        }
        Counter c = newSynchronizedType();
        synchronized (c) {
            checks.expectChain(1, "AgentAllocationBenchmark$Counter@" + me + ".newSynchronizedType#1");
        }
        Hashtable<String, String> stored = storeHashtable();
        synchronized (stored) {
            checks.expectChain(1, "Hashtable " + getClass().getName() + ".table"); // JMH subclasses this state
        }
        checks.reenter(contexts);
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        checks.beginIteration();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        checks.endIteration();
    }

    /** The measured op: one {@code StringBuffer} allocated (noted under the agent). */
    @Benchmark
    public StringBuffer newStringBuffer() {
        return new StringBuffer(16);
    }

    /** The measured op: one {@code Hashtable} allocated (noted under the agent). */
    @Benchmark
    public Hashtable<String, String> newHashtable() {
        return new Hashtable<>(4);
    }

    /** The measured op: one object of a type with a synchronized method (noted under the agent). */
    @Benchmark
    public Counter newSynchronizedType() {
        return new Counter();
    }

    /** The measured op: a {@code Hashtable} allocated into a field (noted as that field's role). */
    @Benchmark
    public Hashtable<String, String> storeHashtable() {
        table = new Hashtable<>(4);
        return table;
    }

    /** The measured op: one {@code ArrayList} allocated (never noted). */
    @Benchmark
    public List<String> newArrayList() {
        return new ArrayList<>(4);
    }
}
