package io.jlockdep.it.programs;

import io.jlockdep.annotation.SignalPoint;
import io.jlockdep.annotation.SignallingSection;
import io.jlockdep.annotation.WaitPoint;
import io.jlockdep.api.Jlockdep;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * User-declared wait points and signalling sections: annotations with their own map names, the default
 * (fence) map, and plain methods declared with the {@code waits=}/{@code sections=} options.
 */
public final class UserPoints {
    private UserPoints() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static java.util.Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "annotated", (Prog.Scenario) UserPoints::annotated,
                "signal-point", (Prog.Scenario) UserPoints::signalPoint,
                "annotated-clean", (Prog.Scenario) UserPoints::annotatedClean,
                "default-map", (Prog.Scenario) UserPoints::defaultMap,
                "option-points", (Prog.Scenario) UserPoints::optionPoints,
                "named-instances", (Prog.Scenario) UserPoints::namedInstances);
    }

    /**
     * Two read/write locks of one allocation site, named through the in-JVM API (by the outer object, whose
     * identity for the agent is its sync), taken in both orders: an instance inversion naming both.
     */
    static void namedInstances() {
        ReentrantReadWriteLock[] tables = new ReentrantReadWriteLock[2];
        for (int i = 0; i < 2; i++) {
            tables[i] = new ReentrantReadWriteLock(); // @named-table
        }
        Jlockdep.nameInstance(tables[0], "left");
        Jlockdep.nameInstance(tables[1], "right");
        Prog.halves("left-first", () -> Prog.nest(tables[0].writeLock(), tables[1].writeLock()),
                "right-first", () -> Prog.nest(tables[1].writeLock(), tables[0].writeLock()));
    }

    /** A job queue: workers complete jobs in a "jobs" section, clients wait for them. */
    static final class Jobs {
        final CountDownLatch done = new CountDownLatch(1);

        @SignallingSection("jobs")
        void complete(Runnable work) {
            work.run();
            done.countDown();
        }

        @WaitPoint("jobs")
        void await() throws InterruptedException {
            done.await();
        }
    }

    /** The worker takes the cache lock inside its section; a client holds it while it waits for the job. */
    static void annotated() {
        Jobs jobs = new Jobs();
        ReentrantLock cache = new ReentrantLock(); // @jobs-cache
        Prog.halves("job-worker", () -> jobs.complete(() -> {
            cache.lock();
            cache.unlock();
        }), "job-client", () -> {
            cache.lock();
            try {
                jobs.await();
            } finally {
                cache.unlock();
            }
        });
    }

    /** Events fired by a {@code @SignalPoint} (a section of its own) that takes a lock. */
    static final class Events {
        final CountDownLatch fired = new CountDownLatch(1);
        final ReentrantLock listeners;

        Events(ReentrantLock listeners) {
            this.listeners = listeners;
        }

        @SignalPoint("events")
        void fire() {
            listeners.lock();
            try {
                fired.countDown();
            } finally {
                listeners.unlock();
            }
        }

        @WaitPoint("events")
        void awaitFired() throws InterruptedException {
            fired.await();
        }
    }

    static void signalPoint() {
        ReentrantLock listeners = new ReentrantLock(); // @events-listeners
        Events events = new Events(listeners);
        Prog.halves("event-source", events::fire, "event-sink", () -> {
            listeners.lock();
            try {
                events.awaitFired();
            } finally {
                listeners.unlock();
            }
        });
    }

    /** Map "quiet": the client releases the lock before it waits. Nothing to report. */
    static final class QuietJobs {
        final CountDownLatch done = new CountDownLatch(1);

        @SignallingSection("quiet")
        void complete(Runnable work) {
            work.run();
            done.countDown();
        }

        @WaitPoint("quiet")
        void await() throws InterruptedException {
            done.await();
        }
    }

    static void annotatedClean() {
        QuietJobs jobs = new QuietJobs();
        ReentrantLock state = new ReentrantLock(); // @quiet-state
        Prog.halves("quiet-worker", () -> jobs.complete(() -> {
            state.lock();
            state.unlock();
        }), "quiet-client", () -> {
            state.lock();
            state.unlock();
            jobs.await();
        });
    }

    /** Annotations without a map name join the fence map: a lock held across one is taken in a fence section. */
    static final class Flusher {
        final CountDownLatch flushed = new CountDownLatch(1);

        @WaitPoint
        void awaitFlush() throws InterruptedException {
            flushed.await();
        }
    }

    static void defaultMap() {
        Flusher flusher = new Flusher();
        ReentrantLock device = new ReentrantLock(); // @default-device
        Prog.halves("fence-irq", () -> {
            try (Scope section = Signalling.begin()) {
                device.lock();
                device.unlock();
                flusher.flushed.countDown();
            }
        }, "flush-waiter", () -> {
            device.lock();
            try {
                flusher.awaitFlush();
            } finally {
                device.unlock();
            }
        });
    }

    /** A latch and a worker without annotations, declared by the options waits= and sections=. */
    static final class Latch {
        final CountDownLatch latch = new CountDownLatch(1);

        void await() throws InterruptedException {
            latch.await();
        }

        void open() {
            latch.countDown();
        }
    }

    static final class Worker {
        void complete(Latch latch, ReentrantLock lock) {
            lock.lock();
            lock.unlock();
            latch.open();
        }
    }

    static void optionPoints() {
        Latch latch = new Latch();
        Worker worker = new Worker();
        ReentrantLock pool = new ReentrantLock(); // @option-pool
        Prog.halves("option-worker", () -> worker.complete(latch, pool), "option-waiter", () -> {
            pool.lock();
            try {
                latch.await();
            } finally {
                pool.unlock();
            }
        });
    }
}
