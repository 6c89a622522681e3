package io.jlockdep.benchmarks.churn;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Short-lived same-class nesting: {@code N} times, two freshly allocated locks of one class (one allocation
 * site each kind) taken nested, then dropped. Under the agent each pair is an instance-order edge between two
 * instances that die right after. Prints the loop's wall time, the main thread's CPU time (whole run, start-up
 * included) and the collectors' time; {@code benchmarks/churn.sh} runs it plain and under the agent in fresh JVMs.
 *
 * <p>Usage: {@code Churn N monitor|reentrant}.
 */
public final class Churn {
    static volatile long sink;

    private Churn() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        boolean monitors = "monitor".equals(args[1]);
        long start = System.nanoTime();
        if (monitors) {
            monitorPairs(n);
        } else {
            reentrantPairs(n);
        }
        long nanos = System.nanoTime() - start;
        System.out.println("CHURN_NANOS=" + nanos);
        // CPU time of the loop's thread and collection time: on a shared machine they vary less than the wall time.
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.println("CHURN_CPU_NANOS=" + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        System.out.println("CHURN_GC_MILLIS=" + gcMillis);
    }

    static void monitorPairs(int n) {
        for (int i = 0; i < n; i++) {
            Object outer = newMonitor();
            Object inner = newMonitor();
            synchronized (outer) {
                synchronized (inner) {
                    sink++;
                }
            }
        }
    }

    static void reentrantPairs(int n) {
        for (int i = 0; i < n; i++) {
            ReentrantLock outer = newLock();
            ReentrantLock inner = newLock();
            outer.lock();
            try {
                inner.lock();
                try {
                    sink++;
                } finally {
                    inner.unlock();
                }
            } finally {
                outer.unlock();
            }
        }
    }

    /** One allocation site: both monitors of a pair are one class. */
    private static Object newMonitor() {
        return new Object();
    }

    /** One allocation site: both locks of a pair are one class. */
    private static ReentrantLock newLock() {
        return new ReentrantLock();
    }
}
