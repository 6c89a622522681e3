package io.jlockdep.it.programs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Deadlocks through waits (docs/engine.md, "Waits and events"): a thread waits while holding a lock that the
 * code producing what it waits for needs. One scenario per kind of wait, each in its own nested class so that
 * its lock, synchronizer, task and thread roles (allocation sites, {@code lambda #1 in Waits$Kind.run}) are its own.
 * The producing half always runs first and the wait comes after the event has happened (a future already
 * done, a latch already at zero, a thread already ended...), so the wait returns at once and nothing ever
 * deadlocks for real; the agent reports the order anyway. Where a wait cannot return at once (a monitor's or a
 * condition's {@code wait}), a third thread wakes the waiter without the contended lock first.
 */
public final class Waits {
    private Waits() {
    }

    /** Every scenario, in order. */
    public static final String[] ALL = {
        "future-get", "async-join", "invoke-all", "await-termination", "latch", "timed-latch", "nested-monitor",
        "nested-condition", "queue", "join-subclass", "join-runnable", "join-virtual", "join-duration", "semaphore",
        "barrier", "phaser", "cache", "pool",
    };

    public static void main(String[] args) {
        Prog.watchdog("Waits", 60);
        Prog.run(args.length == 1 && args[0].equals("all") ? ALL : args, Prog.scenarios(
                "future-get", (Prog.Scenario) FutureGet::run,
                "async-join", (Prog.Scenario) AsyncJoin::run,
                "invoke-all", (Prog.Scenario) InvokeAll::run,
                "await-termination", (Prog.Scenario) AwaitTermination::run,
                "latch", (Prog.Scenario) Latch::run,
                "timed-latch", (Prog.Scenario) TimedLatch::run,
                "nested-monitor", (Prog.Scenario) NestedMonitor::run,
                "nested-condition", (Prog.Scenario) NestedCondition::run,
                "queue", (Prog.Scenario) Queue::run,
                "join-subclass", (Prog.Scenario) JoinSubclass::run,
                "join-runnable", (Prog.Scenario) JoinRunnable::run,
                "join-virtual", (Prog.Scenario) JoinVirtual::run,
                "join-duration", (Prog.Scenario) JoinDuration::run,
                "semaphore", (Prog.Scenario) Semaphores::run,
                "barrier", (Prog.Scenario) Barrier::run,
                "phaser", (Prog.Scenario) Phasers::run,
                "cache", (Prog.Scenario) Cache::run,
                "pool", (Prog.Scenario) Pool::run,
                // The halves of "latch" for merging recordings of two JVMs: each alone is clean.
                "latch-producer", (Prog.Scenario) Latch::producer,
                "latch-waiter", (Prog.Scenario) Latch::waiter));
    }

    /** Until {@code f} is done, without waiting on it (a wait with nothing held records nothing anyway). */
    static void awaitDone(Future<?> f) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!f.isDone() && System.nanoTime() < deadline) {
            Prog.sleep(1);
        }
        Prog.check(f.isDone(), "the task finished");
    }

    /** Until {@code t} ended, without joining it. */
    static void awaitEnded(Thread t) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (t.getState() != Thread.State.TERMINATED && System.nanoTime() < deadline) {
            Prog.sleep(1);
        }
        Prog.check(t.getState() == Thread.State.TERMINATED, "thread " + t.getName() + " ended");
    }

    /** {@code Future.get()} under a lock its task (a lambda, single-thread executor) takes. */
    static final class FutureGet {
        static void run() throws Exception {
            ReentrantLock registry = new ReentrantLock(); // @fg-lock
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> size = executor.submit(() -> {
                    registry.lock();
                    try {
                        return 1;
                    } finally {
                        registry.unlock();
                    }
                });
                awaitDone(size);
                registry.lock();
                try {
                    Prog.check(size.get() == 1, "the task's value"); // @fg-get
                } finally {
                    registry.unlock();
                }
            } finally {
                executor.shutdown();
            }
        }
    }

    /** {@code CompletableFuture.join()} of a {@code supplyAsync} body synchronizing on the object held. */
    static final class AsyncJoin {
        static void run() {
            Object catalog = new Object(); // @aj-monitor
            CompletableFuture<String> title = CompletableFuture.supplyAsync(() -> {
                synchronized (catalog) {
                    return "t";
                }
            });
            awaitDone(title);
            synchronized (catalog) {
                Prog.check(title.join().equals("t"), "the async value"); // @aj-join
            }
        }
    }

    /**
     * {@code invokeAll} under a lock its tasks' code takes: a first batch runs unlocked and takes the lock, a
     * second batch of the same task type is waited for under it (those happen not to need it, so this run
     * cannot hang; a batch that did would).
     */
    static final class InvokeAll {
        /** A task that takes the index lock when asked to. */
        static final class Reindex implements Callable<Integer> {
            private final ReentrantLock index;
            private final boolean locking;

            Reindex(ReentrantLock index, boolean locking) {
                this.index = index;
                this.locking = locking;
            }

            @Override
            public Integer call() {
                if (!locking) {
                    return 0;
                }
                index.lock();
                try {
                    return 1;
                } finally {
                    index.unlock();
                }
            }
        }

        static void run() throws Exception {
            ReentrantLock index = new ReentrantLock(); // @ia-lock
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                List<Reindex> first = List.of(new Reindex(index, true), new Reindex(index, true));
                for (Future<Integer> f : executor.invokeAll(first)) {
                    Prog.check(f.isDone(), "done");
                }
                index.lock();
                try {
                    List<Future<Integer>> second = executor.invokeAll(List.of(new Reindex(index, false))); // @ia-invoke
                    Prog.check(second.size() == 1, "one result");
                } finally {
                    index.unlock();
                }
            } finally {
                executor.shutdown();
            }
        }
    }

    /** {@code awaitTermination} under a lock a task submitted to the executor took (a timed wait by nature). */
    static final class AwaitTermination {
        static void run() throws Exception {
            ReentrantLock journal = new ReentrantLock(); // @at-lock
            ExecutorService executor = Executors.newSingleThreadExecutor(); // @at-executor
            Future<?> write = executor.submit(() -> {
                journal.lock();
                journal.unlock();
            });
            awaitDone(write);
            executor.shutdown();
            journal.lock();
            try {
                Prog.check(executor.awaitTermination(30, TimeUnit.SECONDS), "terminated"); // @at-await
            } finally {
                journal.unlock();
            }
        }
    }

    /** {@code CountDownLatch.await()} holding a lock the counting thread holds when it counts down. */
    static final class Latch {
        static final ReentrantLock STATE = new ReentrantLock(); // @latch-lock
        static final CountDownLatch READY = new CountDownLatch(1); // @latch

        static void run() {
            producer();
            waiter();
        }

        static void producer() {
            Prog.onThread("starter", () -> {
                STATE.lock();
                try {
                    READY.countDown(); // @latch-countdown
                } finally {
                    STATE.unlock();
                }
            });
        }

        static void waiter() {
            READY.countDown(); // outside any lock: no edge (and the wait below returns at once)
            STATE.lock();
            try {
                READY.await(); // @latch-await
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                STATE.unlock();
            }
        }
    }

    /** The same with {@code await(timeout)}: reported, unless {@code timedWaits=ignore}. */
    static final class TimedLatch {
        static void run() throws Exception {
            ReentrantLock settings = new ReentrantLock(); // @tl-lock
            CountDownLatch loaded = new CountDownLatch(1); // @tl-latch
            Prog.onThread("loader", () -> {
                settings.lock();
                try {
                    loaded.countDown();
                } finally {
                    settings.unlock();
                }
            });
            settings.lock();
            try {
                Prog.check(loaded.await(30, TimeUnit.SECONDS), "loaded"); // @tl-await
            } finally {
                settings.unlock();
            }
        }
    }

    /**
     * The nested-monitor lockout: {@code inner.wait()} inside {@code synchronized (outer)}, while the notifier
     * must take {@code outer} before it can notify. The lock orders agree (outer, inner), so plain lockdep sees
     * nothing. Here the waiter is woken by a rescuer that needs only {@code inner}; the notifier runs after.
     */
    static final class NestedMonitor {
        private static boolean ready;

        static void run() {
            Object outer = new Object(); // @nm-outer
            Object inner = new Object(); // @nm-inner
            Thread waiter = Prog.start("waiter", () -> {
                synchronized (outer) {
                    synchronized (inner) {
                        while (!ready) {
                            inner.wait(); // @nm-wait
                        }
                    }
                }
            });
            Prog.awaitParked(waiter);
            synchronized (inner) {
                ready = true;
                inner.notifyAll();
            }
            Prog.join(waiter);
            Prog.onThread("notifier", () -> {
                synchronized (outer) {
                    synchronized (inner) {
                        inner.notifyAll(); // @nm-notify
                    }
                }
            });
        }
    }

    /** The nested lockout with {@code Condition.await()} of an inner {@code ReentrantLock}, an outer one held. */
    static final class NestedCondition {
        private static volatile boolean ready;

        static void run() {
            ReentrantLock outer = new ReentrantLock(); // @nc-outer
            ReentrantLock inner = new ReentrantLock(); // @nc-inner
            Condition changed = inner.newCondition(); // @nc-condition
            Thread waiter = Prog.start("waiter", () -> {
                outer.lock();
                try {
                    inner.lock();
                    try {
                        while (!ready) {
                            changed.await(); // @nc-await
                        }
                    } finally {
                        inner.unlock();
                    }
                } finally {
                    outer.unlock();
                }
            });
            Prog.awaitParked(waiter);
            inner.lock();
            try {
                ready = true;
                changed.signalAll();
            } finally {
                inner.unlock();
            }
            Prog.join(waiter);
            Prog.onThread("signaller", () -> {
                outer.lock();
                try {
                    inner.lock();
                    try {
                        changed.signalAll(); // @nc-signal
                    } finally {
                        inner.unlock();
                    }
                } finally {
                    outer.unlock();
                }
            });
        }
    }

    /** {@code BlockingQueue.take()} holding a lock the producer holds around its {@code put}. */
    static final class Queue {
        static void run() throws Exception {
            ReentrantLock ledger = new ReentrantLock(); // @q-lock
            ArrayBlockingQueue<String> orders = new ArrayBlockingQueue<>(4); // @q-queue
            Prog.onThread("producer", () -> {
                ledger.lock();
                try {
                    orders.put("o1");
                } finally {
                    ledger.unlock();
                }
            });
            ledger.lock();
            try {
                Prog.check(orders.take().equals("o1"), "the order"); // @q-take
            } finally {
                ledger.unlock();
            }
        }
    }

    /** {@code Thread.join()} holding a monitor the joined thread's {@code run()} (a subclass) takes. */
    static final class JoinSubclass {
        /** Flushes buffers under their monitor. */
        static final class Flusher extends Thread {
            private final Object buffers;

            Flusher(Object buffers) {
                super("flusher");
                this.buffers = buffers;
            }

            @Override
            public void run() {
                synchronized (buffers) {
                    Prog.check(Thread.holdsLock(buffers), "holds the buffers");
                }
            }
        }

        static void run() throws Exception {
            Object buffers = new Object(); // @js-monitor
            Flusher flusher = new Flusher(buffers);
            flusher.start();
            awaitEnded(flusher);
            synchronized (buffers) {
                flusher.join(); // @js-join
            }
        }
    }

    /** {@code Thread.join()} holding a lock the joined thread's {@code Runnable} (a lambda) takes. */
    static final class JoinRunnable {
        static void run() throws Exception {
            ReentrantLock catalog = new ReentrantLock(); // @jr-lock
            Thread indexer = new Thread(() -> {
                catalog.lock();
                catalog.unlock();
            }, "indexer");
            indexer.start();
            awaitEnded(indexer);
            catalog.lock();
            try {
                indexer.join(); // @jr-join
            } finally {
                catalog.unlock();
            }
        }
    }

    /**
     * {@code Thread.join()} of a virtual thread (JDK 21+; this class is compiled for 17, so it is made
     * reflectively, and the scenario does nothing before 21) holding a lock its task (a lambda) takes.
     */
    static final class JoinVirtual {
        static void run() throws Exception {
            if (Runtime.version().feature() < 21) {
                System.out.println("SKIPPED join-virtual");
                return;
            }
            ReentrantLock shelf = new ReentrantLock(); // @jv-lock
            Runnable task = () -> {
                shelf.lock();
                shelf.unlock();
            };
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Thread stocker = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                    .invoke(builder, task);
            stocker.start();
            awaitEnded(stocker);
            shelf.lock();
            try {
                stocker.join(); // @jv-join
            } finally {
                shelf.unlock();
            }
        }
    }

    /**
     * {@code Thread.join(Duration)} (JDK 19+, called reflectively; nothing before 19), a timed join, holding a lock
     * the joined thread's code takes.
     */
    static final class JoinDuration {
        static void run() throws Exception {
            if (Runtime.version().feature() < 19) {
                System.out.println("SKIPPED join-duration");
                return;
            }
            ReentrantLock archive = new ReentrantLock(); // @jd-lock
            Thread archiver = new Thread(() -> {
                archive.lock();
                archive.unlock();
            }, "archiver");
            archiver.start();
            awaitEnded(archiver);
            java.lang.reflect.Method join = Thread.class.getMethod("join", java.time.Duration.class);
            archive.lock();
            try {
                Prog.check((Boolean) join.invoke(archiver, java.time.Duration.ofSeconds(30)), "ended"); // @jd-join
            } finally {
                archive.unlock();
            }
        }
    }

    /** {@code Semaphore.acquire()} holding a lock the releaser holds when it releases. */
    static final class Semaphores {
        static void run() throws Exception {
            ReentrantLock quota = new ReentrantLock(); // @s-lock
            Semaphore permits = new Semaphore(0); // @s-semaphore
            Prog.onThread("releaser", () -> {
                quota.lock();
                try {
                    permits.release();
                } finally {
                    quota.unlock();
                }
            });
            quota.lock();
            try {
                permits.acquire(); // @s-acquire
            } finally {
                quota.unlock();
            }
        }
    }

    /**
     * {@code CyclicBarrier.await()} by two parties, each holding its shard's lock: one lock class, two
     * instances, so this run cannot hang; two parties that share a shard would (classes, as lockdep's).
     */
    static final class Barrier {
        /** A shard with its lock. */
        static final class Shard {
            final ReentrantLock lock = new ReentrantLock(); // @b-shard-lock
        }

        static void run() {
            CyclicBarrier step = new CyclicBarrier(2); // @b-barrier
            Shard a = new Shard();
            Shard b = new Shard();
            Thread ta = Prog.start("shard-a", () -> party(step, a));
            Thread tb = Prog.start("shard-b", () -> party(step, b));
            Prog.join(ta);
            Prog.join(tb);
        }

        static void party(CyclicBarrier step, Shard shard) throws Exception {
            shard.lock.lock();
            try {
                step.await(); // @b-await
            } finally {
                shard.lock.unlock();
            }
        }
    }

    /** {@code Phaser.arriveAndAwaitAdvance()} holding a lock the other party holds when it arrives. */
    static final class Phasers {
        static void run() {
            ReentrantLock plan = new ReentrantLock(); // @p-lock
            Phaser phase = new Phaser(2); // @p-phaser
            Prog.onThread("early", () -> {
                plan.lock();
                try {
                    phase.arrive();
                } finally {
                    plan.unlock();
                }
            });
            plan.lock();
            try {
                phase.arriveAndAwaitAdvance(); // @p-await
            } finally {
                plan.unlock();
            }
        }
    }

    /**
     * A library-shaped wait: a loading cache whose {@code get} waits for the key's load while holding the
     * cache's monitor, and whose loader publishes the value under that monitor.
     */
    static final class Cache {
        /** The cache. */
        static final class LoadingCache {
            private final Map<String, CompletableFuture<String>> loads = new HashMap<>();

            synchronized CompletableFuture<String> reserve(String key) {
                CompletableFuture<String> f = loads.get(key);
                if (f == null) {
                    f = new CompletableFuture<>(); // @c-future
                    loads.put(key, f);
                }
                return f;
            }

            synchronized void loaded(String key, String value) {
                reserve(key).complete(value); // @c-complete
            }

            synchronized String get(String key) {
                return reserve(key).join(); // @c-join
            }
        }

        static void run() {
            LoadingCache cache = new LoadingCache(); // @c-cache
            cache.reserve("k");
            Prog.onThread("cache-loader", () -> cache.loaded("k", "v"));
            Prog.check(cache.get("k").equals("v"), "the loaded value");
        }
    }

    /**
     * A library-shaped wait: a pool whose {@code borrow} waits on its idle queue while holding the pool's
     * statistics lock, and whose {@code giveBack} refills the queue under that lock.
     */
    static final class Pool {
        /** The pool. */
        static final class ConnectionPool {
            private final LinkedBlockingQueue<String> idle = new LinkedBlockingQueue<>(); // @pool-queue
            private final ReentrantLock stats = new ReentrantLock(); // @pool-lock
            private final List<String> log = new ArrayList<>();

            String borrow() throws InterruptedException {
                stats.lock();
                try {
                    log.add("borrow");
                    return idle.take(); // @pool-take
                } finally {
                    stats.unlock();
                }
            }

            void giveBack(String connection) throws InterruptedException {
                stats.lock();
                try {
                    log.add("return");
                    idle.put(connection); // @pool-put
                } finally {
                    stats.unlock();
                }
            }
        }

        static void run() throws Exception {
            ConnectionPool pool = new ConnectionPool();
            Prog.onThread("returner", () -> pool.giveBack("c1"));
            Prog.check(pool.borrow().equals("c1"), "the connection");
        }
    }
}
