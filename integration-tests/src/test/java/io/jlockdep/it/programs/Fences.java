package io.jlockdep.it.programs;

import io.jlockdep.fence.Fence;
import io.jlockdep.fence.Reservation;
import io.jlockdep.fence.Scope;
import io.jlockdep.fence.Signalling;
import io.jlockdep.fence.Timeline;
import io.jlockdep.fence.WwAcquireContext;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fence core under the agent: the wait/signal deadlocks its lockdep mapping finds, and their fixed
 * twins (run in a JVM of their own: they share the fence pseudo-locks with the bad ones).
 */
public final class Fences {
    private Fences() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static java.util.Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "wait-under-lock", (Prog.Scenario) Fences::waitUnderLock,
                "reservation-in-section", (Prog.Scenario) Fences::reservationInSection,
                "context-in-section", (Prog.Scenario) Fences::contextInSection,
                "fixed-wait-unlocked", (Prog.Scenario) Fences::fixedWaitUnlocked,
                "fixed-reserve-before-publish", (Prog.Scenario) Fences::fixedReserveBeforePublish);
    }

    /**
     * The signaller takes the driver lock inside its signalling section; the waiter holds that lock while
     * it waits for the fence. The signaller runs first (the fence is signalled when the waiter waits), so
     * nothing blocks: the wait is still announced and closes the cycle.
     */
    static void waitUnderLock() {
        ReentrantLock driver = new ReentrantLock(); // @fence-driver
        Timeline ring = new Timeline("it-ring");
        Fence done = ring.createFence(null);
        Prog.halves("irq", () -> {
            Scope section = Signalling.begin();
            try {
                driver.lock(); // @fence-signaller-lock
                driver.unlock();
                done.signal();
            } finally {
                Signalling.end(section);
            }
        }, "submitter", () -> {
            driver.lock();
            try {
                done.await(); // @fence-wait
            } finally {
                driver.unlock();
            }
        });
    }

    /**
     * A reservation locked inside a signalling section (a display commit tail): reported on its first and
     * only occurrence, because the contract reservation -> ... -> fence wait is primed at start.
     */
    static void reservationInSection() {
        Reservation bo = new Reservation("it-bo");
        Prog.onThread("commit-tail", () -> {
            try (Scope section = Signalling.begin()) {
                bo.lock(); // @fence-reservation-lock
                bo.unlock();
            }
        });
    }

    /** An acquire context begun inside a signalling section: also closes the primed contract. */
    static void contextInSection() {
        Reservation bo = new Reservation("it-bo-ctx");
        Prog.onThread("ctx-tail", () -> {
            try (Scope section = Signalling.begin()) {
                try (WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS)) {
                    bo.lock(ctx);
                    ctx.unlockAll();
                }
            }
        });
    }

    /** Fixed twin of wait-under-lock: the waiter drops the driver lock before it waits. */
    static void fixedWaitUnlocked() {
        ReentrantLock driver = new ReentrantLock(); // @fixed-driver
        Timeline ring = new Timeline("it-ring-fixed");
        Fence done = ring.createFence(null);
        Prog.halves("irq-fixed", () -> {
            try (Scope section = Signalling.begin()) {
                driver.lock();
                driver.unlock();
                done.signal();
            }
        }, "submitter-fixed", () -> {
            driver.lock();
            driver.unlock();
            done.await();
        });
    }

    /**
     * Fixed twin of reservation-in-section: buffers are locked with an acquire context, slots reserved
     * and the fence published before the signalling section; the section only signals; readers wait
     * without locks, and waiting under a reservation lock is allowed by the contract.
     */
    static void fixedReserveBeforePublish() throws Exception {
        Reservation vertex = new Reservation("it-vertex");
        Reservation texture = new Reservation("it-texture");
        Timeline ring = new Timeline("it-gfx");
        Fence done = ring.createFence(null);
        try (WwAcquireContext ctx = new WwAcquireContext(Reservation.WW_CLASS)) {
            for (Reservation bo : List.of(vertex, texture, vertex)) {
                bo.lock(ctx);
            }
            for (Reservation bo : List.of(vertex, texture)) {
                bo.reserveFences(1);
                bo.addFence(done, Reservation.Usage.WRITE);
            }
            ctx.unlockAll();
        }
        Prog.onThread("irq-publish", () -> {
            try (Scope section = Signalling.begin()) {
                ring.lock().lock();
                ring.lock().unlock();
                done.signal();
            }
        });
        texture.await(Reservation.Usage.forAccess(false));
        vertex.lock();
        try {
            vertex.await(Reservation.Usage.forAccess(true));
        } finally {
            vertex.unlock();
        }
    }
}
