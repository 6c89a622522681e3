package io.jlockdep.benchmarks.agent;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import io.jlockdep.core.Lockdep;
import java.lang.reflect.Method;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a forked benchmark JVM runs the workload: the {@code variant} parameter of every agent benchmark.
 * {@link AgentBenchmarks} forks {@code agent} with {@code -javaagent} and the other two without; each
 * fork checks at trial setup that the parameter and the JVM agree, so a mislabelled result cannot reach
 * the table.
 */
enum Variant {
    /** No agent; plain {@code ReentrantLock}s and monitors. */
    PLAIN("plain"),
    /** The same code as {@link #PLAIN}, in a JVM started with the jlockdep agent. */
    AGENT("agent"),
    /** No agent; the locks come from Guava's {@code CycleDetectingLockFactory} ({@code Policies.WARN}). */
    GUAVA("guava"),
    /**
     * The same code as {@link #PLAIN}, in a JVM started with the agent and its option {@code events=off}: locks
     * and monitors tracked, the waits and events of {@code java.util.concurrent}, {@code Thread} and monitors not
     * advised (only {@link AgentEventBenchmark} runs it).
     */
    EVENTS_OFF("events-off");

    private static final String ENGINE_HOLDER = "io.jlockdep.bootstrap.EngineHolder";

    final String id;

    Variant(String id) {
        this.id = id;
    }

    /** The variant named {@code id}, after checking that this JVM runs with the agent exactly when it should. */
    static Variant current(String id) {
        Variant v = null;
        for (Variant candidate : values()) {
            if (candidate.id.equals(id)) {
                v = candidate;
            }
        }
        if (v == null) {
            throw new IllegalStateException("unknown variant '" + id + "' (plain, agent, guava or events-off)");
        }
        Lockdep engine = agentEngine();
        if (v.withAgent() && engine == null) {
            throw new IllegalStateException("variant=" + id + ", but this JVM runs without the jlockdep agent: run the "
                    + "agent benchmarks through io.jlockdep.benchmarks.agent.AgentBenchmarks (benchmarks/"
                    + "run-agent-benchmarks.sh), which forks this variant with -javaagent");
        }
        if (!v.withAgent() && engine != null) {
            throw new IllegalStateException("variant=" + id + ", but this JVM runs with the jlockdep agent");
        }
        return v;
    }

    /** Whether this variant's forks run with the agent ({@code agent}, {@code events-off}). */
    boolean withAgent() {
        return this == AGENT || this == EVENTS_OFF;
    }

    /**
     * The agent's engine, or null when the JVM runs without the agent. The agent puts the engine and its
     * hooks on the bootstrap class path, so {@code io.jlockdep.core} resolves to that copy here too.
     */
    static Lockdep agentEngine() {
        Class<?> holder;
        try {
            holder = Class.forName(ENGINE_HOLDER, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            Method engine = holder.getMethod("engine");
            Lockdep e = (Lockdep) engine.invoke(null);
            if (e == null) {
                throw new IllegalStateException("the jlockdep agent is loaded but has no engine installed");
            }
            return e;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot reach the jlockdep agent's engine", e);
        }
    }

    /**
     * {@code n} Guava cycle-detecting locks of distinct names from one fresh factory (Policies.WARN),
     * so {@code n - 1} held ones and a measured one are distinct nodes of Guava's lock graph.
     */
    static ReentrantLock[] guavaLocks(int n, String prefix) {
        CycleDetectingLockFactory factory =
                CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
        ReentrantLock[] locks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            locks[i] = factory.newReentrantLock(prefix + "-" + i);
        }
        return locks;
    }

    /** A Guava factory shared by several threads (each with its own locks). */
    static Object newGuavaFactory() {
        return CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
    }

    /** A lock from a factory made by {@link #newGuavaFactory}. */
    static ReentrantLock guavaLock(Object factory, String name) {
        return ((CycleDetectingLockFactory) factory).newReentrantLock(name);
    }
}
