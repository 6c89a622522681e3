package io.jlockdep.it.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/** Minimal reproductions of agent bugs found by this suite (see AgentBugsIT). */
public final class AgentBugs {
    private AgentBugs() {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios(
                "stamped-unlock", (Prog.Scenario) AgentBugs::stampedUnlock,
                "instance-edge-limit", (Prog.Scenario) AgentBugs::instanceEdgeLimit,
                "thread-state", (Prog.Scenario) AgentBugs::threadState,
                "dead-instance-edges", (Prog.Scenario) AgentBugs::deadInstanceEdges,
                "hot-synchronized", (Prog.Scenario) AgentBugs::hotSynchronized,
                "layered-streams", (Prog.Scenario) AgentBugs::layeredStreams,
                "pool-worker-gc", (Prog.Scenario) AgentBugs::poolWorkerGc));
    }

    /** {@code StampedLock.unlock(stamp)} for a read and a write stamp, nothing else. */
    static void stampedUnlock() {
        StampedLock lock = new StampedLock(); // @bug-stamped
        long r = lock.readLock();
        lock.unlock(r); // @bug-stamped-unlock-read
        long w = lock.writeLock();
        lock.unlock(w);
    }

    /** One allocation site, so every pair member is of one lock class. */
    static Object member() {
        return new Object();
    }

    /**
     * Same-class nesting of many live instances (one allocation site): once the instance-order graph is
     * full ({@code maxInstanceEdges}), further nestings must still be tracked and released in balance.
     */
    static void instanceEdgeLimit() {
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Object[] pair = {member(), member()}; // one class: both come from member()
            keep.add(pair);
            synchronized (pair[0]) {
                synchronized (pair[1]) { // @bug-pair-inner
                    keep.size();
                }
            }
        }
    }

    /**
     * 2,000 nestings of two short-lived monitors of one class (all collected afterwards), then a real
     * same-class inversion of another class (two Hashtables compared both ways), which must be found.
     */
    static void deadInstanceEdges() throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            Object[] pair = {member(), member()};
            synchronized (pair[0]) {
                synchronized (pair[1]) {
                    pair.hashCode();
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        java.util.Hashtable<String, Integer> h1 = new java.util.Hashtable<>();
        java.util.Hashtable<String, Integer> h2 = new java.util.Hashtable<>();
        h1.put("k", 1);
        h2.put("k", 1);
        Prog.halves("table-1", () -> h1.equals(h2), "table-2", () -> h2.equals(h1));
    }

    /**
     * What Surefire's stream flusher does: a BufferedOutputStream over System.out (a PrintStream over
     * another BufferedOutputStream), written and flushed, next to plain printing; and the same layering
     * on the input side.
     */
    static void layeredStreams() throws java.io.IOException {
        java.io.BufferedOutputStream out = new java.io.BufferedOutputStream(System.out);
        out.write('x');
        out.write('\n');
        out.flush();
        System.out.println("plain");
        java.io.PrintStream ps = new java.io.PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out)), true);
        java.io.PrintStream outer = new java.io.PrintStream(new java.io.BufferedOutputStream(ps), true);
        outer.println("layered");
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(new java.io.BufferedInputStream(
                new java.io.ByteArrayInputStream(new byte[] {1, 2, 3})));
        in.read();
        System.out.println("LAYERED=done");
    }

    private static final Object HOT = new Object();
    private static long hotCount;

    /** A method with a synchronized block, plus ConcurrentHashMap.putVal (one inside the JDK), made hot. */
    static void hotSynchronized() {
        java.util.concurrent.ConcurrentHashMap<Integer, Integer> map = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < 300_000; i++) {
            hotBlock();
            map.put(i & 1023, i);
        }
        System.out.println("HOT=" + hotCount);
    }

    private static void hotBlock() {
        synchronized (HOT) {
            hotCount++;
        }
    }

    /** 100 short-lived threads take a lock one after the other; then the program asks for a thread state. */
    static void threadState() {
        ReentrantLock lock = new ReentrantLock(); // @bug-thread-lock
        for (int i = 0; i < 100; i++) {
            Prog.onThread("short-" + i, () -> {
                lock.lock();
                lock.unlock();
            });
        }
        try {
            System.out.println("STATE=" + Thread.currentThread().getState());
        } catch (Throwable t) {
            System.out.println("STATE_ERROR=" + t);
        }
    }

    /**
     * ForkJoinPool's common-pool workers erase their thread-locals between tasks, where the engine keeps each
     * thread's state; the thread-id slot that then still led to it is weak, so a collection in the middle of a
     * later task on the same worker lost the state with the lock it held: the task's unlock was reported as
     * {@code unbalanced} (seen in Caffeine's {@code performCleanUp}). Each task here takes the same lock, has the
     * collector run while it holds it, and releases it; many tasks, one worker.
     */
    static void poolWorkerGc() throws Exception {
        java.util.concurrent.ForkJoinPool pool = java.util.concurrent.ForkJoinPool.commonPool();
        ReentrantLock lock = new ReentrantLock();
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> {
                lock.lock();
                try {
                    System.gc();
                } finally {
                    lock.unlock();
                }
            }).get();
        }
        System.out.println("POOL=done");
    }
}
