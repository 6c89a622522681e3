package io.jlockdep.it.programs;

import io.jlockdep.bootstrap.LockNames;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Millions of short-lived locks ({@code ReentrantLock} and {@code new Object()} monitors allocated here,
 * in instrumented code, some nested under a long-lived lock, some nested in pairs of one class) and tens
 * of thousands of short-lived threads. After each phase it collects garbage and prints the used heap and
 * what the agent's hooks still know ({@code LockNames.knownLocks()}): both must stay bounded.
 *
 * <p>Usage: {@code ShortLived LOCKS THREADS [PAIRS]}. Prints {@code HEAP_<phase>=bytes} and
 * {@code KNOWN_<phase>=count} for the phases {@code BASE}, {@code LOCKS}, {@code THREADS} and, with PAIRS,
 * {@code PAIRS}: that many nestings of two short-lived monitors of one class (same-class nesting, so each
 * is an instance-order edge), followed by a real same-class inversion (two Hashtables compared both ways),
 * which must still be found.
 */
public final class ShortLived {
    private ShortLived() {
    }

    static final ReentrantLock LONG_LIVED = new ReentrantLock(); // @memory-long-lived
    static final Object SHARED = new Object();
    static volatile long sink;

    public static void main(String[] args) throws InterruptedException {
        int locks = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);

        churn(10_000);
        measure("BASE");

        churn(locks);
        measure("LOCKS");

        int batch = 64;
        for (int started = 0; started < threads; started += batch) {
            List<Thread> group = new ArrayList<>(batch);
            for (int i = 0; i < batch && started + i < threads; i++) {
                Thread t = new Thread(ShortLived::threadBody, "short-" + (started + i));
                t.start();
                group.add(t);
            }
            for (Thread t : group) {
                t.join();
            }
        }
        measure("THREADS");

        if (args.length > 2) {
            pairs(Integer.parseInt(args[2]));
            measure("PAIRS");
            java.util.Hashtable<String, Integer> h1 = new java.util.Hashtable<>();
            java.util.Hashtable<String, Integer> h2 = new java.util.Hashtable<>();
            h1.put("k", 1);
            h2.put("k", 1);
            Prog.halves("table-1", () -> h1.equals(h2), "table-2", () -> h2.equals(h1));
        }
        Prog.run(new String[0], Prog.scenarios());
    }

    /** {@code n} rounds of: a new ReentrantLock, a new Object monitor, and a nested same-class pair. */
    static void churn(int n) {
        for (int i = 0; i < n; i++) {
            ReentrantLock lock = new ReentrantLock(); // @memory-lock
            Object monitor = new Object(); // @memory-monitor
            if ((i & 1) == 0) {
                LONG_LIVED.lock();
                try {
                    lock.lock();
                    try {
                        synchronized (monitor) {
                            sink++;
                        }
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    LONG_LIVED.unlock();
                }
            } else {
                Object other = new Object(); // @memory-other
                synchronized (monitor) {
                    synchronized (other) {
                        sink++;
                    }
                }
            }
        }
    }

    /** {@code n} nestings of two new monitors allocated at one site (one lock class). */
    static void pairs(int n) {
        for (int i = 0; i < n; i++) {
            Object[] pair = {new Object(), new Object()}; // @memory-pair
            synchronized (pair[0]) {
                synchronized (pair[1]) {
                    sink++;
                }
            }
        }
    }

    static void threadBody() {
        ReentrantLock mine = new ReentrantLock();
        mine.lock();
        try {
            synchronized (SHARED) {
                sink++;
            }
        } finally {
            mine.unlock();
        }
        LONG_LIVED.lock();
        LONG_LIVED.unlock();
    }

    /**
     * Used heap after GC, once it settled: collects every 100 ms for at least 1.5 s and until three
     * measurements in a row agree within 512 KB (at most 40 rounds), and prints the smallest. Weak tables
     * are swept by the agent's daemon thread after the GC clears their references: soon after a
     * collection, and within a second in any case.
     */
    static void measure(String phase) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long min = Long.MAX_VALUE;
        long[] last = new long[3];
        for (int i = 0; i < 40; i++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            min = Math.min(min, used);
            last[i % 3] = used;
            if (i >= 14) {
                long lo = Math.min(last[0], Math.min(last[1], last[2]));
                long hi = Math.max(last[0], Math.max(last[1], last[2]));
                if (hi - lo < 512 * 1024) {
                    break;
                }
            }
        }
        System.out.println("HEAP_" + phase + "=" + min);
        System.out.println("KNOWN_" + phase + "=" + LockNames.knownLocks());
    }
}
