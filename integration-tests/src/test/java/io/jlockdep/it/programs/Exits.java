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
    /** Lock classes of the streaming scenario: every pair is inverted once, so up to n(n-1)/2 findings. */
    static final Class<?>[] TYPES = {
        String.class, Integer.class, Long.class, Short.class, Byte.class, Double.class, Float.class,
        Character.class, Boolean.class, Number.class, Math.class, StringBuilder.class, Thread.class,
        Runtime.class, System.class, Void.class, Enum.class, Record.class, Iterable.class, Comparable.class,
        Runnable.class, Cloneable.class, CharSequence.class, AutoCloseable.class, Appendable.class,
        java.util.List.class, java.util.Map.class, java.util.Set.class, java.util.Deque.class,
        java.util.Optional.class, java.util.Objects.class, java.util.Arrays.class, java.util.UUID.class,
        java.util.Random.class, java.util.Locale.class, java.util.BitSet.class, java.util.Date.class,
        java.util.Timer.class, java.util.Scanner.class, java.util.StringJoiner.class,
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
     * Findings keep coming (two threads invert every pair of {@link #TYPES}' class monitors, over and over)
     * while {@link #EXITERS} threads call {@code System.exit(0)} together, a little after they started.
     */
    static void exitStream() throws Exception {
        CountDownLatch going = new CountDownLatch(2);
        for (int t = 0; t < 2; t++) {
            boolean reverse = t == 1;
            Thread producer = new Thread(() -> {
                going.countDown();
                while (true) {
                    for (int i = 0; i < TYPES.length; i++) {
                        for (int j = i + 1; j < TYPES.length; j++) {
                            Prog.nest(reverse ? TYPES[j] : TYPES[i], reverse ? TYPES[i] : TYPES[j]);
                        }
                    }
                }
            }, "producer-" + t);
            producer.setDaemon(true);
            producer.start();
        }
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
