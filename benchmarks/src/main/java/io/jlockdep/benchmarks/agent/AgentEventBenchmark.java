package io.jlockdep.benchmarks.agent;

import io.jlockdep.core.GraphSnapshot;
import io.jlockdep.core.Lockdep;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The agent's waits-and-events hooks on {@code java.util.concurrent} hot paths, one operation per
 * {@code ns/op}, each with nothing held ({@code held = 0}: the hooks can return after one thread-local read;
 * JMH's own task context is left for each iteration, see {@link AgentChecks#leaveEventContexts}) and
 * with one {@code ReentrantLock} of another class held around it ({@code held = 1}: every wait and event is
 * an edge to or from that lock, a known chain after the first op). Variants {@code plain} (no agent),
 * {@code agent} (events on, the default) and {@code events-off} (the agent with {@code events=off}: what
 * the lock and allocation hooks alone cost on the same code).
 *
 * <p>Everything the ops use is allocated in this class (application code), so the agent names the latches,
 * queues, futures, the condition and the executor by their sites and their events are tracked.
 * {@code lockControl} and {@code monitorControl} touch no event and show that the lock fast path is the same
 * with events on and off. The trial set-up checks that the hooks are active exactly as the variant says (a
 * probe {@code countDown} under a lock must give an event edge with events on, and with events off no edge
 * touches an event) and, with a lock held, that the workload's own op produced its edge; every iteration checks
 * that the engine sees exactly {@code held} entries on the benchmark thread, that nothing was reported, and
 * counts the engine's slow-path entries (a workload whose ops may all take the slow path is reported, see
 * {@link #SLOW_PATH_EXPECTED}, not hidden).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AgentEventBenchmark {
    /** The benchmark methods, in the launcher's run order. */
    static final String[] OPS = {
        "lockControl", "monitorControl", "latchCountDown", "latchNew", "conditionSignal", "notifyNoWaiter",
        "queueOfferPoll", "queuePutTake", "semaphoreAcquireRelease", "futureNew", "futureAsyncJoin", "futureChain",
        "submitGet",
    };

    /**
     * Ops that with a lock held wait for an event and signal it inside the same hold. Once a hold has waited for
     * an event, a signal of it inside that hold is "the waiter's own": the engine adds no edge but caches no
     * chain either, so if the first signal under that chain comes after a wait (a semaphore acquired then
     * released under a lock), every such signal takes the engine's slow path. Measured as they are; their
     * slow-path count per iteration is printed, not failed on.
     */
    static final String[] SLOW_PATH_EXPECTED = {"latchNew", "queuePutTake", "semaphoreAcquireRelease", "futureNew"};

    /** A task's body run on the calling thread: {@code supplyAsync} then runs it inside {@code execute}. */
    static final Executor DIRECT = Runnable::run;
    static final Supplier<Integer> SUPPLIER = () -> 42;
    static final Function<Integer, Integer> INCREMENT = i -> i + 1;

    /** plain, agent or events-off; see {@link Variant}. */
    @Param({"plain", "agent", "events-off"})
    public String variant;

    /** Locks held around the op: 0, or 1 (a {@code ReentrantLock} of a class of its own). */
    @Param({"0", "1"})
    public int held;

    private AgentChecks checks;
    private java.util.List<io.jlockdep.core.LockClass> contexts;
    private String op;
    private boolean slowExpected;

    private ReentrantLock outer;
    private ReentrantLock x;
    private Object monitor;
    private CountDownLatch bigLatch;
    private ReentrantLock conditionLock;
    private Condition condition;
    private ArrayBlockingQueue<Integer> queue;
    private Semaphore semaphore;
    private ExecutorService executor;
    private final Integer item = 7;
    private int count;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        Variant v = Variant.current(variant);
        AgentChecks.expect(v == Variant.PLAIN || v.withAgent(), "variant must be plain, agent or events-off");
        checks = AgentChecks.of(v);
        String bench = params.getBenchmark();
        op = bench.substring(bench.lastIndexOf('.') + 1);
        for (String s : SLOW_PATH_EXPECTED) {
            slowExpected |= s.equals(op) && held == 1;
        }
        outer = new ReentrantLock();
        x = new ReentrantLock();
        monitor = new Object();
        bigLatch = new CountDownLatch(Integer.MAX_VALUE);
        conditionLock = new ReentrantLock();
        condition = conditionLock.newCondition();
        queue = new ArrayBlockingQueue<>(16);
        semaphore = new Semaphore(1);
        executor = Executors.newSingleThreadExecutor();

        // Not inside JMH's own task: held = 0 is nothing held at all (see AgentChecks.leaveEventContexts; JMH
        // runs each iteration as a new task, so this is done again per iteration).
        contexts = checks.leaveEventContexts();
        probe(v);
        String outerName = null;
        if (held == 1) {
            outer.lock();
            outerName = checks.active() ? topName() : null;
        }
        // The first ops (new chains, edges, perhaps a finding) happen here, before anything is measured.
        for (int i = 0; i < 3; i++) {
            runOnce();
        }
        if (checks.active()) {
            AgentChecks.expect(checks.held().size() == held, "the engine sees " + checks.held()
                    + " held by the benchmark thread, expected " + held + " lock(s)");
        }
        // futureChain: its join is on the thenApply stage, which has no role (only the supplyAsync future is
        // named after its task), so the agent records no wait there and no edge touches the held lock.
        if (v == Variant.AGENT && held == 1 && !op.endsWith("Control") && !op.equals("futureChain")) {
            boolean edge = false;
            for (GraphSnapshot.Edge e : checks.engine().snapshot().edges()) {
                edge |= (e.from().equals(outerName) && e.to().startsWith("event "))
                        || (e.to().equals(outerName) && e.from().startsWith("event "));
            }
            AgentChecks.expect(edge, op + " with a lock held gave no edge between '" + outerName
                    + "' and an event: the event hooks are not active");
        }
        checks.reenter(contexts);
    }

    /**
     * The hooks are active exactly as the variant says: a {@code countDown} under a lock gives the edge
     * {@code event countDown of CountDownLatch …} -> that lock with events on, no event class with events off.
     */
    private void probe(Variant v) {
        if (!checks.active()) {
            return;
        }
        Lockdep engine = checks.engine();
        ReentrantLock probeLock = new ReentrantLock();
        CountDownLatch probeLatch = new CountDownLatch(2);
        String lockName;
        probeLock.lock();
        try {
            AgentChecks.expect(checks.isHeld(probeLock), "ReentrantLock is not instrumented");
            lockName = topName();
            probeLatch.countDown();
        } finally {
            probeLock.unlock();
        }
        boolean edge = false;
        boolean anyEvent = false;
        GraphSnapshot g = engine.snapshot();
        for (GraphSnapshot.Edge e : g.edges()) {
            edge |= e.from().startsWith("event countDown of CountDownLatch") && e.to().equals(lockName);
            // Event classes exist with events=off too (synchronizers are named where allocated); edges do not.
            anyEvent |= e.from().startsWith("event ") || e.to().startsWith("event ");
        }
        if (v == Variant.AGENT) {
            AgentChecks.expect(edge, "events on, but a countDown under '" + lockName
                    + "' gave no event edge: the event hooks are not active; edges: " + g.edges());
        } else {
            AgentChecks.expect(!edge && !anyEvent, "events=off, but the engine has edges to or from events: "
                    + g.edges());
        }
    }

    /** The class name of the lock the calling thread took last, as the engine sees it. */
    private String topName() {
        java.util.List<io.jlockdep.core.HeldLock> h = checks.held();
        return h.get(h.size() - 1).className();
    }

    private Object runOnce() throws Exception {
        switch (op) {
            case "lockControl": lockControl(); return null;
            case "monitorControl": monitorControl(); return null;
            case "latchCountDown": latchCountDown(); return null;
            case "latchNew": return latchNew();
            case "conditionSignal": conditionSignal(); return null;
            case "notifyNoWaiter": notifyNoWaiter(); return null;
            case "queueOfferPoll": return queueOfferPoll();
            case "queuePutTake": return queuePutTake();
            case "semaphoreAcquireRelease": semaphoreAcquireRelease(); return null;
            case "futureNew": return futureNew();
            case "futureAsyncJoin": return futureAsyncJoin();
            case "futureChain": return futureChain();
            case "submitGet": return submitGet();
            default: throw new IllegalStateException("unknown op " + op);
        }
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        AgentChecks.expect(held == 0 || outer.isHeldByCurrentThread(), "the held lock is not held");
        AgentChecks.expect(held == 1 || !outer.isLocked(), "the outer lock is locked");
        AgentChecks.expect(checks.isHeld(outer) == (held == 1 || !checks.active()), "the engine's view of the held lock");
        if (bigLatch.getCount() < Integer.MAX_VALUE / 2) {
            bigLatch = new CountDownLatch(Integer.MAX_VALUE);
        }
        contexts = checks.leaveEventContexts();
        if (checks.active()) {
            AgentChecks.expect(checks.held().size() == held, "the engine sees " + checks.held()
                    + " held by the benchmark thread, expected " + held + " lock(s)");
        }
        checks.beginIteration();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        checks.reenter(contexts);
        long slow = checks.endIteration(slowExpected ? Long.MAX_VALUE : AgentChecks.MISS_SLACK);
        if (slowExpected && checks.active()) {
            System.out.println("(" + op + ", held=" + held + ", " + variant + ": " + slow
                    + " slow-path entries in the iteration)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (held == 1) {
            outer.unlock();
        }
        executor.shutdown();
        AgentChecks.expect(executor.awaitTermination(10, TimeUnit.SECONDS), "the executor did not stop");
    }

    /** Control: an uncontended {@code ReentrantLock} lock + unlock (the lock fast path, no event). */
    @Benchmark
    public void lockControl() {
        x.lock();
        x.unlock();
    }

    /** Control: an uncontended {@code synchronized} block (not inlined, see {@link AgentMonitorBenchmark}). */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void monitorControl() {
        synchronized (monitor) {
            count++;
        }
    }

    /** {@code countDown()} on a latch that never reaches 0: one event (signal), no wake-up. */
    @Benchmark
    public void latchCountDown() {
        bigLatch.countDown();
    }

    /**
     * A one-shot latch: {@code new CountDownLatch(1)} (a noted allocation under the agent), {@code countDown()}
     * to 0 (an event), {@code await()} (a wait that does not block).
     */
    @Benchmark
    public CountDownLatch latchNew() throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        l.countDown();
        l.await();
        return l;
    }

    /** {@code lock(); condition.signal(); unlock()} with no waiter: a lock + unlock and one event. */
    @Benchmark
    public void conditionSignal() {
        conditionLock.lock();
        try {
            condition.signal();
        } finally {
            conditionLock.unlock();
        }
    }

    /** {@code synchronized (o) { o.notifyAll(); }} with no waiter (a rewritten notify in application code). */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void notifyNoWaiter() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** One thread: {@code offer} (an event) then {@code poll()} (untimed poll is not a wait) on an {@code ArrayBlockingQueue}. */
    @Benchmark
    public Integer queueOfferPoll() {
        queue.offer(item);
        return queue.poll();
    }

    /** One thread: {@code put} (an event) then {@code take} (a wait that does not block). */
    @Benchmark
    public Integer queuePutTake() throws InterruptedException {
        queue.put(item);
        return queue.take();
    }

    /**
     * A semaphore of one permit used as a mutex: {@code acquire()} (a wait that does not block) then
     * {@code release()} (an event). With a lock held the wait comes first in the hold, so every release is the
     * waiter's own signal (see {@link #SLOW_PATH_EXPECTED}).
     */
    @Benchmark
    public void semaphoreAcquireRelease() throws InterruptedException {
        semaphore.acquire();
        semaphore.release();
    }

    /** {@code new CompletableFuture<>()} (noted), {@code complete} (an event), {@code join} (a wait, done). */
    @Benchmark
    public Integer futureNew() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        f.complete(item);
        return f.join();
    }

    /**
     * {@code supplyAsync(SUPPLIER, DIRECT).join()} with an executor that runs the task on the calling thread: a
     * task created (its future named after its lambda), its body bracketed as the code its future waits for, a
     * {@code join} (a wait for that task, recorded) that does not block.
     */
    @Benchmark
    public Integer futureAsyncJoin() {
        return CompletableFuture.supplyAsync(SUPPLIER, DIRECT).join();
    }

    /**
     * {@code supplyAsync(SUPPLIER, DIRECT).thenApply(INCREMENT).join()} with an executor that runs the task on
     * the calling thread: a task created (named after its lambda), its body bracketed as the code its future
     * waits for, a dependent stage, a {@code join} on that stage that does not block. The stage has no role, so
     * the agent records no wait for that {@code join} (nothing a lock held around it could deadlock with is
     * known). No thread hand-off: what is measured is the hooks around a task, not a context switch.
     */
    @Benchmark
    public Integer futureChain() {
        return CompletableFuture.supplyAsync(SUPPLIER, DIRECT).thenApply(INCREMENT).join();
    }

    /**
     * {@code executor.submit(SUPPLIER::get).get()} on a single-thread executor: a {@code FutureTask} created and
     * named, handed to the worker thread, run there (bracketed), and waited for. Dominated by the hand-off
     * between two threads (park/unpark), so the spread is large.
     */
    @Benchmark
    public Integer submitGet() throws InterruptedException, ExecutionException {
        Future<Integer> f = executor.submit(TASK);
        return f.get();
    }

    private static final java.util.concurrent.Callable<Integer> TASK = () -> 42;
}
