package io.jlockdep.it.programs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Correct uses of waits and events, really concurrent (the waits do block, the producers do run while the
 * waiters hold their locks): none may be reported. Each kind in its own nested class, as in {@link Waits}.
 */
public final class WaitsClean {
    private WaitsClean() {
    }

    /** Every scenario, in order. */
    public static final String[] ALL = {
        "future-unrelated", "async-unrelated", "countdown-unlocked", "condition-own", "monitor-own",
        "two-executors", "join-after-unlock", "queue-unlocked-put", "semaphore-mutex", "barrier-unlocked",
        "await-other-condition", "notify-under-other-lock", "barrier-own-locks", "nested-tasks",
        "future-completed-under-lock", "phaser-unlocked-arrive", "virtual-join-unrelated",
    };

    static final int WORKERS = 3;

    public static void main(String[] args) {
        Prog.watchdog("WaitsClean", 60);
        Prog.run(args.length == 1 && args[0].equals("all") ? ALL : args, Prog.scenarios(
                "future-unrelated", (Prog.Scenario) FutureUnrelated::run,
                "async-unrelated", (Prog.Scenario) AsyncUnrelated::run,
                "countdown-unlocked", (Prog.Scenario) CountdownUnlocked::run,
                "condition-own", (Prog.Scenario) ConditionOwn::run,
                "monitor-own", (Prog.Scenario) MonitorOwn::run,
                "two-executors", (Prog.Scenario) TwoExecutors::run,
                "join-after-unlock", (Prog.Scenario) JoinAfterUnlock::run,
                "queue-unlocked-put", (Prog.Scenario) QueueUnlockedPut::run,
                "semaphore-mutex", (Prog.Scenario) SemaphoreMutex::run,
                "barrier-unlocked", (Prog.Scenario) BarrierUnlocked::run,
                "await-other-condition", (Prog.Scenario) AwaitOtherCondition::run,
                "notify-under-other-lock", (Prog.Scenario) NotifyUnderOtherLock::run,
                "barrier-own-locks", (Prog.Scenario) BarrierOwnLocks::run,
                "nested-tasks", (Prog.Scenario) NestedTasks::run,
                "future-completed-under-lock", (Prog.Scenario) FutureCompletedUnderLock::run,
                "phaser-unlocked-arrive", (Prog.Scenario) PhaserUnlockedArrive::run,
                "virtual-join-unrelated", (Prog.Scenario) VirtualJoinUnrelated::run));
    }

    /** A future waited for under a lock its task never takes (the task takes another lock, while the wait lasts). */
    static final class FutureUnrelated {
        static void run() throws Exception {
            ReentrantLock view = new ReentrantLock();
            ReentrantLock store = new ReentrantLock();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                view.lock();
                Future<Integer> f = executor.submit(() -> {
                    Prog.sleep(20); // the waiter below holds the view lock by now, and waits
                    store.lock();
                    try {
                        return 7;
                    } finally {
                        store.unlock();
                    }
                });
                try {
                    Prog.check(f.get() == 7, "the value");
                } finally {
                    view.unlock();
                }
            } finally {
                executor.shutdown();
            }
        }
    }

    /** {@code supplyAsync(..).join()} under a monitor the body never takes; the body waits on nothing held. */
    static final class AsyncUnrelated {
        static void run() {
            Object page = new Object();
            Object cache = new Object();
            CompletableFuture<String> f;
            synchronized (page) {
                f = CompletableFuture.supplyAsync(() -> {
                    synchronized (cache) {
                        return "v";
                    }
                });
                Prog.check(f.join().equals("v"), "the value");
            }
        }
    }

    /** Workers count down outside any lock (after taking another lock); the waiter holds a lock meanwhile. */
    static final class CountdownUnlocked {
        static void run() throws Exception {
            ReentrantLock coordinator = new ReentrantLock();
            ReentrantLock work = new ReentrantLock();
            CountDownLatch done = new CountDownLatch(WORKERS);
            List<Thread> threads = new ArrayList<>();
            coordinator.lock();
            try {
                for (int i = 0; i < WORKERS; i++) {
                    threads.add(Prog.start("worker-" + i, () -> {
                        work.lock();
                        work.unlock();
                        done.countDown();
                    }));
                }
                done.await();
            } finally {
                coordinator.unlock();
            }
            for (Thread t : threads) {
                Prog.join(t);
            }
        }
    }

    /** A bounded buffer: waits on the conditions of its own lock, the only one held; signals under it. */
    static final class ConditionOwn {
        static final class Buffer {
            private final ReentrantLock lock = new ReentrantLock();
            private final Condition notEmpty = lock.newCondition();
            private final Condition notFull = lock.newCondition();
            private final ArrayDeque<Integer> items = new ArrayDeque<>();

            void put(int v) throws InterruptedException {
                lock.lock();
                try {
                    while (items.size() == 2) {
                        notFull.await();
                    }
                    items.add(v);
                    notEmpty.signal();
                } finally {
                    lock.unlock();
                }
            }

            int take() throws InterruptedException {
                lock.lock();
                try {
                    while (items.isEmpty()) {
                        notEmpty.await();
                    }
                    int v = items.remove();
                    notFull.signal();
                    return v;
                } finally {
                    lock.unlock();
                }
            }
        }

        static void run() throws Exception {
            Buffer buffer = new Buffer();
            Thread producer = Prog.start("producer", () -> {
                for (int i = 0; i < 200; i++) {
                    buffer.put(i);
                }
            });
            int sum = 0;
            for (int i = 0; i < 200; i++) {
                sum += buffer.take();
            }
            Prog.join(producer);
            Prog.check(sum == 199 * 100, "every item");
        }
    }

    /** {@code Object.wait} on the only monitor held; the notifier holds only that monitor. */
    static final class MonitorOwn {
        static final class Mailbox {
            private String message;

            synchronized void send(String m) throws InterruptedException {
                while (message != null) {
                    wait();
                }
                message = m;
                notifyAll();
            }

            synchronized String receive() throws InterruptedException {
                while (message == null) {
                    wait();
                }
                String m = message;
                message = null;
                notifyAll();
                return m;
            }
        }

        static void run() throws Exception {
            Mailbox box = new Mailbox();
            Thread sender = Prog.start("sender", () -> {
                for (int i = 0; i < 100; i++) {
                    box.send("m" + i);
                }
            });
            for (int i = 0; i < 100; i++) {
                Prog.check(box.receive().equals("m" + i), "message " + i);
            }
            Prog.join(sender);
        }
    }

    /**
     * A waiter holding a lock waits for one executor's task and for its termination, while only another
     * executor's tasks (of another type) take that lock.
     */
    static final class TwoExecutors {
        /** What the first executor runs: nothing locked. */
        static final class Render implements Callable<Integer> {
            @Override
            public Integer call() {
                return 1;
            }
        }

        /** What the second executor runs: the lock. */
        static final class Persist implements Callable<Integer> {
            private final ReentrantLock lock;

            Persist(ReentrantLock lock) {
                this.lock = lock;
            }

            @Override
            public Integer call() {
                lock.lock();
                try {
                    return 2;
                } finally {
                    lock.unlock();
                }
            }
        }

        static void run() throws Exception {
            ReentrantLock session = new ReentrantLock();
            ExecutorService renderers = Executors.newFixedThreadPool(2);
            ExecutorService persisters = Executors.newSingleThreadExecutor();
            try {
                List<Future<Integer>> saved = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    saved.add(persisters.submit(new Persist(session)));
                }
                session.lock();
                try {
                    Prog.check(renderers.submit(new Render()).get() == 1, "render");
                    Prog.check(renderers.invokeAll(List.of(new Render(), new Render())).size() == 2, "renders");
                    renderers.shutdown();
                    Prog.check(renderers.awaitTermination(30, TimeUnit.SECONDS), "renderers terminated");
                } finally {
                    session.unlock();
                }
                for (Future<Integer> f : saved) {
                    Prog.check(f.get() == 2, "persisted");
                }
            } finally {
                renderers.shutdown();
                persisters.shutdown();
            }
        }
    }

    /** A thread's code takes a lock; it is joined after that lock was released. */
    static final class JoinAfterUnlock {
        static void run() throws Exception {
            ReentrantLock table = new ReentrantLock();
            Object registry = new Object();
            Thread t = new Thread(() -> {
                table.lock();
                table.unlock();
            }, "table-writer");
            table.lock();
            try {
                t.start();
                Prog.awaitParked(t); // blocked on the table lock, which is held here
            } finally {
                table.unlock();
            }
            synchronized (registry) { // a lock the thread never takes
                t.join();
            }
        }
    }

    /** Producers compute under a lock, release it, then put; the consumer holds its own lock around take. */
    static final class QueueUnlockedPut {
        static void run() throws Exception {
            ReentrantLock compute = new ReentrantLock();
            ReentrantLock consumer = new ReentrantLock();
            ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(2);
            AtomicInteger next = new AtomicInteger();
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                producers.add(Prog.start("producer-" + p, () -> {
                    for (int i = 0; i < 50; i++) {
                        int v;
                        compute.lock();
                        try {
                            v = next.incrementAndGet();
                        } finally {
                            compute.unlock();
                        }
                        queue.put(v);
                    }
                }));
            }
            long sum = 0;
            consumer.lock();
            try {
                for (int i = 0; i < 100; i++) {
                    sum += queue.take();
                }
            } finally {
                consumer.unlock();
            }
            for (Thread t : producers) {
                Prog.join(t);
            }
            Prog.check(sum == 100 * 101 / 2, "every item");
        }
    }

    /** A semaphore used as a mutex, bare and inside a monitor, by several threads at once. */
    static final class SemaphoreMutex {
        static void run() {
            Semaphore mutex = new Semaphore(1);
            Object section = new Object();
            AtomicInteger inside = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < WORKERS; t++) {
                threads.add(Prog.start("user-" + t, () -> {
                    for (int i = 0; i < 50; i++) {
                        mutex.acquire();
                        try {
                            Prog.check(inside.incrementAndGet() == 1, "mutual exclusion");
                            inside.decrementAndGet();
                        } finally {
                            mutex.release();
                        }
                        synchronized (section) {
                            mutex.acquire();
                            try {
                                Prog.check(inside.incrementAndGet() == 1, "mutual exclusion");
                                inside.decrementAndGet();
                            } finally {
                                mutex.release();
                            }
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                Prog.join(t);
            }
        }
    }

    /** Barrier parties hold no lock when they arrive; between phases they take a shared lock. */
    static final class BarrierUnlocked {
        static void run() {
            ReentrantLock totals = new ReentrantLock();
            CyclicBarrier phase = new CyclicBarrier(WORKERS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < WORKERS; t++) {
                threads.add(Prog.start("party-" + t, () -> {
                    for (int round = 0; round < 10; round++) {
                        totals.lock();
                        totals.unlock();
                        phase.await();
                    }
                }));
            }
            for (Thread t : threads) {
                Prog.join(t);
            }
        }
    }

    /**
     * A waiter holding an unrelated lock awaits a condition of another lock (released by the await); the signaller
     * holds only the condition's lock.
     */
    static final class AwaitOtherCondition {
        private static volatile boolean ready;

        static void run() throws Exception {
            ReentrantLock request = new ReentrantLock();
            ReentrantLock state = new ReentrantLock();
            Condition changed = state.newCondition();
            Thread waiter = Prog.start("waiter", () -> {
                request.lock();
                try {
                    state.lock();
                    try {
                        while (!ready) {
                            changed.await();
                        }
                    } finally {
                        state.unlock();
                    }
                } finally {
                    request.unlock();
                }
            });
            Prog.awaitParked(waiter);
            state.lock();
            try {
                ready = true;
                changed.signalAll();
            } finally {
                state.unlock();
            }
            Prog.join(waiter);
        }
    }

    /** {@code wait} on the only monitor held; the notifier holds another lock as well, which the waiter never takes. */
    static final class NotifyUnderOtherLock {
        private static boolean ready;

        static void run() throws Exception {
            Object signal = new Object();
            ReentrantLock journal = new ReentrantLock();
            Thread waiter = Prog.start("waiter", () -> {
                synchronized (signal) {
                    while (!ready) {
                        signal.wait();
                    }
                }
            });
            Prog.awaitParked(waiter);
            journal.lock();
            try {
                synchronized (signal) {
                    ready = true;
                    signal.notifyAll();
                }
            } finally {
                journal.unlock();
            }
            Prog.join(waiter);
        }
    }

    /** Barrier parties each hold a lock of their own (two classes) when they arrive; no party takes the other's. */
    static final class BarrierOwnLocks {
        static void run() {
            ReentrantLock left = new ReentrantLock();
            ReentrantLock right = new ReentrantLock();
            CyclicBarrier meet = new CyclicBarrier(2);
            Thread a = Prog.start("left", () -> hold(left, meet));
            Thread b = Prog.start("right", () -> hold(right, meet));
            Prog.join(a);
            Prog.join(b);
        }

        static void hold(ReentrantLock own, CyclicBarrier meet) throws Exception {
            for (int i = 0; i < 5; i++) {
                own.lock();
                try {
                    meet.await();
                } finally {
                    own.unlock();
                }
            }
        }
    }

    /**
     * A task waits for a subtask on another executor; the caller waits for the task holding a lock that neither
     * takes (the subtask takes another).
     */
    static final class NestedTasks {
        /** The outer task. */
        static final class Outer implements Callable<Integer> {
            private final ExecutorService inner;
            private final ReentrantLock data;

            Outer(ExecutorService inner, ReentrantLock data) {
                this.inner = inner;
                this.data = data;
            }

            @Override
            public Integer call() throws Exception {
                return inner.submit(new Inner(data)).get() + 1;
            }
        }

        /** The inner task. */
        static final class Inner implements Callable<Integer> {
            private final ReentrantLock data;

            Inner(ReentrantLock data) {
                this.data = data;
            }

            @Override
            public Integer call() {
                data.lock();
                try {
                    return 1;
                } finally {
                    data.unlock();
                }
            }
        }

        static void run() throws Exception {
            ReentrantLock caller = new ReentrantLock();
            ReentrantLock data = new ReentrantLock();
            ExecutorService outer = Executors.newSingleThreadExecutor();
            ExecutorService inner = Executors.newSingleThreadExecutor();
            try {
                caller.lock();
                try {
                    Prog.check(outer.submit(new Outer(inner, data)).get() == 2, "the value");
                } finally {
                    caller.unlock();
                }
            } finally {
                outer.shutdown();
                inner.shutdown();
            }
        }
    }

    /** A future completed under a lock the waiter (holding another lock) never takes. */
    static final class FutureCompletedUnderLock {
        static void run() throws Exception {
            ReentrantLock producerLock = new ReentrantLock();
            Object consumerLock = new Object();
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread producer = Prog.start("completer", () -> {
                Prog.sleep(20);
                producerLock.lock();
                try {
                    result.complete("r");
                } finally {
                    producerLock.unlock();
                }
            });
            synchronized (consumerLock) {
                Prog.check(result.get().equals("r"), "the result");
            }
            Prog.join(producer);
        }
    }

    /** Parties arrive at a phaser without a lock; the one waiting for the advance holds a lock they never take. */
    static final class PhaserUnlockedArrive {
        static void run() {
            ReentrantLock coordinator = new ReentrantLock();
            ReentrantLock work = new ReentrantLock();
            java.util.concurrent.Phaser phaser = new java.util.concurrent.Phaser(WORKERS + 1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                threads.add(Prog.start("arriver-" + i, () -> {
                    work.lock();
                    work.unlock();
                    phaser.arrive();
                }));
            }
            coordinator.lock();
            try {
                phaser.arriveAndAwaitAdvance();
            } finally {
                coordinator.unlock();
            }
            for (Thread t : threads) {
                Prog.join(t);
            }
        }
    }

    /**
     * Virtual threads (JDK 21+, made reflectively; nothing before 21) take a lock while the joiner holds another,
     * and one is joined after the joiner released the lock it takes.
     */
    static final class VirtualJoinUnrelated {
        static void run() throws Exception {
            if (Runtime.version().feature() < 21) {
                System.out.println("SKIPPED virtual-join-unrelated");
                return;
            }
            ReentrantLock stock = new ReentrantLock();
            Object report = new Object();
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            java.lang.reflect.Method unstarted = Class.forName("java.lang.Thread$Builder")
                    .getMethod("unstarted", Runnable.class);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                threads.add((Thread) unstarted.invoke(builder, (Runnable) () -> {
                    stock.lock();
                    stock.unlock();
                }));
            }
            stock.lock();
            try {
                for (Thread t : threads) {
                    t.start();
                }
            } finally {
                stock.unlock();
            }
            synchronized (report) {
                for (Thread t : threads) {
                    t.join();
                }
            }
        }
    }
}
