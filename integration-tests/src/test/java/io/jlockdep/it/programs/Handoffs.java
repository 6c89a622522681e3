package io.jlockdep.it.programs;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Locks released by a thread that does not hold them: a {@code StampedLock}'s stamps (and a
 * {@code Semaphore}'s permits) handed from a holder thread to a releaser thread, in every release form and
 * after each conversion ({@code tryConvertTo…}),
 * far more often than the per-thread depth limit (64); then a real inversion of the same
 * {@code StampedLock} against a {@code ReentrantLock}, its first half on the holder, its second on the
 * releaser. Each stamp is taken again only after its release returned (the releaser says so), so no
 * acquisition here can block on a stamp still out.
 */
public final class Handoffs {
    /** Hand-offs in all, cycling through the release forms. */
    static final int ROUNDS = 150;

    private Handoffs() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    static Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios("stamped", (Prog.Scenario) Handoffs::stamped);
    }

    static void stamped() {
        StampedLock stamped = new StampedLock(); // @handoff-stamped
        ReentrantLock other = new ReentrantLock(); // @handoff-other
        Semaphore permits = new Semaphore(1);
        SynchronousQueue<Long> stamps = new SynchronousQueue<>();
        SynchronousQueue<Boolean> released = new SynchronousQueue<>();
        CountDownLatch forwardDone = new CountDownLatch(1);

        Thread holder = Prog.start("holder", () -> {
            for (int i = 0; i < ROUNDS; i++) {
                long s;
                switch (i % 8) {
                    case 0: s = stamped.writeLock(); break;
                    case 1: s = stamped.readLock(); break;
                    case 2: s = stamped.tryWriteLock(); break;
                    case 3: s = stamped.readLock(); break;
                    case 4: stamped.asWriteLock().lock(); s = 0L; break;
                    // Conversions: the hold changes mode (or ends) on this thread, then travels as before.
                    case 5: s = stamped.tryConvertToWriteLock(stamped.readLock()); break;
                    case 6: s = stamped.tryConvertToReadLock(stamped.writeLock()); break;
                    default: s = stamped.tryConvertToOptimisticRead(stamped.writeLock()); break;
                }
                Prog.check(s != 0L || i % 8 == 4, "stamp " + i);
                permits.acquire();
                stamps.put(s);
                released.take();
            }
            // First half of the inversion: the stamped lock, then the other.
            long w = stamped.writeLock();
            try {
                other.lock(); // @handoff-forward-inner
                other.unlock();
            } finally {
                stamped.unlockWrite(w);
            }
            forwardDone.countDown();
        });
        Thread releaser = Prog.start("releaser", () -> {
            for (int i = 0; i < ROUNDS; i++) {
                long s = stamps.take();
                switch (i % 8) {
                    case 0: case 5: stamped.unlockWrite(s); break;
                    case 1: case 6: stamped.unlockRead(s); break;
                    case 2: stamped.unlock(s); break;
                    case 3: Prog.check(stamped.tryUnlockRead(), "tryUnlockRead " + i); break;
                    case 4: stamped.asWriteLock().unlock(); break;
                    default: Prog.check(stamped.validate(s), "optimistic stamp " + i); break; // nothing held
                }
                permits.release();
                released.put(Boolean.TRUE);
            }
            forwardDone.await();
            // Second half: the other, then the stamped lock.
            other.lock();
            try {
                long w = stamped.writeLock(); // @handoff-backward-inner
                stamped.unlockWrite(w);
            } finally {
                other.unlock();
            }
        });
        Prog.join(holder);
        Prog.join(releaser);
        System.out.println("HANDOFFS " + ROUNDS);
    }
}
