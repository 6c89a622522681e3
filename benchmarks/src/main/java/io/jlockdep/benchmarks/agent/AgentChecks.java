package io.jlockdep.benchmarks.agent;

import io.jlockdep.core.HeldLock;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Statistics;
import io.jlockdep.core.LockClass;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of the agent variant, all outside the measured region: that the workload's locks reach the
 * agent's engine under the lock classes the benchmark means (allocation sites, monitor types), and that
 * no iteration measured the slow path (see {@link #endIteration}). For the other
 * variants every method does nothing.
 */
final class AgentChecks {
    private final Lockdep engine;
    /** Slow-path entries tolerated per iteration, from threads other than the benchmark's. */
    static final long MISS_SLACK = 16;

    private long misses;
    private long findings;

    private AgentChecks(Lockdep engine) {
        this.engine = engine;
    }

    /** Checks for {@code v}: real ones for the agent variant, no-ops otherwise. */
    static AgentChecks of(Variant v) {
        return new AgentChecks(v.withAgent() ? Variant.agentEngine() : null);
    }

    boolean active() {
        return engine != null;
    }

    /** The engine's view of the calling thread's held locks (agent variant only). */
    List<HeldLock> held() {
        return engine.heldLocks();
    }

    /** Whether the engine sees {@code lock} held by the calling thread (true when not the agent variant). */
    boolean isHeld(Object lock) {
        return engine == null || engine.isHeld(lock);
    }

    /**
     * With the measured lock held on top of the others: the engine sees exactly {@code depth} held locks
     * on this thread, of {@code depth} distinct classes, each named with {@code classPrefix}.
     */
    void expectChain(int depth, String classPrefix) {
        if (engine == null) {
            return;
        }
        List<HeldLock> held = engine.heldLocks();
        expect(held.size() == depth, "the engine sees " + held.size() + " held locks, expected " + depth + ": " + held);
        Set<String> classes = new HashSet<>();
        for (HeldLock h : held) {
            expect(h.className().startsWith(classPrefix),
                    "lock class '" + h.className() + "' is not named '" + classPrefix + "…'");
            classes.add(h.className());
        }
        expect(classes.size() == depth, "held locks share lock classes: " + held);
    }

    /** At the start of an iteration: remember the engine's slow-path count and findings. */
    void beginIteration() {
        if (engine == null) {
            return;
        }
        Statistics s = engine.statistics();
        misses = s.chainMisses();
        findings = s.findings();
    }

    /**
     * At the end of an iteration: the engine's slow path ran at most {@link #MISS_SLACK} times in the whole
     * JVM while the iteration ran (so the measured acquisitions, millions of them, all hit known chains), and
     * nothing was reported. The count is global: JMH's own threads take JDK locks between and around
     * iterations, and the first time one of them takes a lock on its own that is a new one-lock chain (seen
     * as 1 or 2 misses in the first iterations), which this slack tolerates.
     */
    void endIteration() {
        endIteration(MISS_SLACK);
    }

    /**
     * As {@link #endIteration()}, with {@code slack} slow-path entries tolerated (a workload whose every op is
     * known to take the slow path passes {@code Long.MAX_VALUE} and reports the count); returns the count.
     */
    long endIteration(long slack) {
        if (engine == null) {
            return 0;
        }
        Statistics s = engine.statistics();
        long slow = s.chainMisses() - misses;
        expect(slow <= slack, "the engine's slow path ran " + slow
                + " times during the iteration: the slow path was measured (" + s + ")");
        expect(s.findings() == findings, "the engine reported a finding during the iteration (" + s + ")");
        expect(s.internalErrors() == 0, "the engine counted internal errors (" + s + ")");
        return slow;
    }

    /**
     * Leaves the event contexts the calling thread is in, and returns them for {@link #reenter}. Under the agent
     * a JMH benchmark thread runs the benchmark inside a {@code FutureTask} that JMH submitted to its executor
     * ({@code BenchmarkHandler$BenchmarkTask}), so the engine sees it inside that task's event context
     * ({@code event completion of task org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask}), one held entry:
     * the waits and events hooks can then never take their "nothing held" exit. A workload measuring that exit
     * leaves the context in its trial set-up (and re-enters it in the tear-down, so JMH's task ends balanced).
     */
    List<LockClass> leaveEventContexts() {
        List<LockClass> left = new ArrayList<>();
        if (engine == null) {
            return left;
        }
        List<HeldLock> held = engine.heldLocks();
        for (int i = held.size() - 1; i >= 0; i--) {
            String name = held.get(i).className();
            if (name.startsWith(LockClass.EVENT_PREFIX)) {
                LockClass c = engine.pseudoClass(name);
                engine.leaveEvent(c);
                left.add(0, c);
            }
        }
        return left;
    }

    /** Enters again the contexts {@link #leaveEventContexts} left, bottom first. */
    void reenter(List<LockClass> contexts) {
        if (engine == null) {
            return;
        }
        for (LockClass c : contexts) {
            engine.enterEvent(c);
        }
    }

    /** The engine (agent variants), else null. */
    Lockdep engine() {
        return engine;
    }

    /** The engine's slow-path count so far (0 without the agent). */
    long chainMisses() {
        return engine == null ? 0 : engine.statistics().chainMisses();
    }

    static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark precondition failed: " + what);
        }
    }
}
