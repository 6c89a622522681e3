package io.jlockdep.it.programs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a JVM with findings ends: several threads calling {@code System.exit} at once, findings still being
 * produced while it exits, and a real deadlock that only a kill ends (see ExitsIT). Unlike the other
 * programs, these do not return through {@link Prog#run}: they exit, or hang.
 */
public final class Exits {
    /** Threads that call {@code System.exit} at the same moment. */
    static final int EXITERS = 4;
    /**
     * Lock classes of the streaming scenario, one allocation site each ({@code ReentrantLock@Exits.<clinit>#n}):
     * every pair inverted once gives up to n(n-1)/2 findings.
     */
    static final ReentrantLock[] LOCKS = {
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
        new ReentrantLock(),
    };

    private Exits() {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios(
                "exit-race", (Prog.Scenario) Exits::exitRace,
                "exit-stream", (Prog.Scenario) Exits::exitStream,
                "deadlock", (Prog.Scenario) Exits::deadlock));
    }

    /** One finding, then {@link #EXITERS} threads call {@code System.exit(0)} at the same moment. */
    static void exitRace() throws Exception {
        ReentrantLock a = new ReentrantLock(); // @exit-a
        ReentrantLock b = new ReentrantLock(); // @exit-b
        Prog.halves("ab", () -> Prog.nest(a, b), "ba", () -> Prog.nest(b, a));
        exitAtOnce();
    }

    /**
     * Findings keep coming (one thread takes every pair of {@link #LOCKS} in both orders, over and over: one
     * thread cannot deadlock with itself) while {@link #EXITERS} threads call {@code System.exit(0)} together,
     * a little after it started.
     */
    static void exitStream() throws Exception {
        CountDownLatch going = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            going.countDown();
            while (true) {
                for (int i = 0; i < LOCKS.length; i++) {
                    for (int j = i + 1; j < LOCKS.length; j++) {
                        Prog.nest(LOCKS[i], LOCKS[j]);
                        Prog.nest(LOCKS[j], LOCKS[i]);
                    }
                }
            }
        }, "producer");
        producer.setDaemon(true);
        producer.start();
        going.await();
        Thread.sleep(50);
        exitAtOnce();
    }

    /** Starts {@link #EXITERS} threads that pass a barrier together and call {@code System.exit(0)}; never returns. */
    private static void exitAtOnce() throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(EXITERS);
        for (int i = 0; i < EXITERS; i++) {
            Thread t = new Thread(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    Prog.fail(e);
                }
                System.exit(0);
            }, "exiter-" + i);
            t.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * A real deadlock: two threads take A then B and B then A, meeting at a barrier while each holds its
     * first lock, so both block for good. Prints {@code DEADLOCKED} once both are blocked; never ends.
     */
    static void deadlock() throws Exception {
        ReentrantLock a = new ReentrantLock(); // @dead-a
        ReentrantLock b = new ReentrantLock(); // @dead-b
        CyclicBarrier bothHold = new CyclicBarrier(2);
        Thread t1 = Prog.start("ab", () -> {
            a.lock();
            bothHold.await();
            b.lock();
        });
        Thread t2 = Prog.start("ba", () -> {
            b.lock();
            bothHold.await();
            a.lock();
        });
        Prog.awaitParked(t1);
        Prog.awaitParked(t2);
        Prog.sleep(100);
        System.out.println("DEADLOCKED");
        System.out.flush();
        t1.join();
    }
}
