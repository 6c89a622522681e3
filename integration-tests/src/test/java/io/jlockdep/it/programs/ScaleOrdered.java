package io.jlockdep.it.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Thousands of correctly ordered locks: {@value #LEVELS} lock classes (32 {@code ReentrantLock}
 * allocation sites, 16 monitor types, 8 {@code new Object()} sites, 8 read/write lock sites), each with
 * {@value #PER_LEVEL} instances, taken by several threads in random nests that always follow the level
 * order (and, inside one level, ascending instance order). Nothing may be reported.
 *
 * <p>Usage: {@code ScaleOrdered THREADS OPERATIONS}. Prints {@code LOCKS=}, {@code ACQUISITIONS=}.
 */
public final class ScaleOrdered {
    public static final int LEVELS = 64;
    public static final int PER_LEVEL = 40;

    private ScaleOrdered() {
    }

    /** One lock of the hierarchy. */
    interface Node {
        void with(Runnable inside);
    }

    static final class LockNode implements Node {
        final ReentrantLock lock;

        LockNode(ReentrantLock lock) {
            this.lock = lock;
        }

        @Override
        public void with(Runnable inside) {
            lock.lock();
            try {
                inside.run();
            } finally {
                lock.unlock();
            }
        }
    }

    static final class MonitorNode implements Node {
        final Object monitor;

        MonitorNode(Object monitor) {
            this.monitor = monitor;
        }

        @Override
        public void with(Runnable inside) {
            synchronized (monitor) {
                inside.run();
            }
        }
    }

    static final class ReadWriteNode implements Node {
        final ReentrantReadWriteLock lock;
        final boolean write;

        ReadWriteNode(ReentrantReadWriteLock lock, boolean write) {
            this.lock = lock;
            this.write = write;
        }

        @Override
        public void with(Runnable inside) {
            if (write) {
                lock.writeLock().lock();
                try {
                    inside.run();
                } finally {
                    lock.writeLock().unlock();
                }
            } else {
                lock.readLock().lock();
                try {
                    inside.run();
                } finally {
                    lock.readLock().unlock();
                }
            }
        }
    }

    static final class M0 { }
    static final class M1 { }
    static final class M2 { }
    static final class M3 { }
    static final class M4 { }
    static final class M5 { }
    static final class M6 { }
    static final class M7 { }
    static final class M8 { }
    static final class M9 { }
    static final class M10 { }
    static final class M11 { }
    static final class M12 { }
    static final class M13 { }
    static final class M14 { }
    static final class M15 { }

    static ReentrantLock reentrantLock(int site) {
        switch (site) {
            case 0: return new ReentrantLock();
            case 1: return new ReentrantLock();
            case 2: return new ReentrantLock();
            case 3: return new ReentrantLock();
            case 4: return new ReentrantLock();
            case 5: return new ReentrantLock();
            case 6: return new ReentrantLock();
            case 7: return new ReentrantLock();
            case 8: return new ReentrantLock();
            case 9: return new ReentrantLock();
            case 10: return new ReentrantLock();
            case 11: return new ReentrantLock();
            case 12: return new ReentrantLock();
            case 13: return new ReentrantLock();
            case 14: return new ReentrantLock();
            case 15: return new ReentrantLock();
            case 16: return new ReentrantLock();
            case 17: return new ReentrantLock();
            case 18: return new ReentrantLock();
            case 19: return new ReentrantLock();
            case 20: return new ReentrantLock();
            case 21: return new ReentrantLock();
            case 22: return new ReentrantLock();
            case 23: return new ReentrantLock();
            case 24: return new ReentrantLock();
            case 25: return new ReentrantLock();
            case 26: return new ReentrantLock();
            case 27: return new ReentrantLock();
            case 28: return new ReentrantLock();
            case 29: return new ReentrantLock();
            case 30: return new ReentrantLock();
            case 31: return new ReentrantLock();
            default: throw new IllegalArgumentException("site " + site);
        }
    }

    static Object monitor(int type) {
        switch (type) {
            case 0: return new M0();
            case 1: return new M1();
            case 2: return new M2();
            case 3: return new M3();
            case 4: return new M4();
            case 5: return new M5();
            case 6: return new M6();
            case 7: return new M7();
            case 8: return new M8();
            case 9: return new M9();
            case 10: return new M10();
            case 11: return new M11();
            case 12: return new M12();
            case 13: return new M13();
            case 14: return new M14();
            case 15: return new M15();
            default: throw new IllegalArgumentException("type " + type);
        }
    }

    static Object plainObject(int site) {
        switch (site) {
            case 0: return new Object();
            case 1: return new Object();
            case 2: return new Object();
            case 3: return new Object();
            case 4: return new Object();
            case 5: return new Object();
            case 6: return new Object();
            case 7: return new Object();
            default: throw new IllegalArgumentException("site " + site);
        }
    }

    static ReentrantReadWriteLock readWriteLock(int site) {
        switch (site) {
            case 0: return new ReentrantReadWriteLock();
            case 1: return new ReentrantReadWriteLock();
            case 2: return new ReentrantReadWriteLock();
            case 3: return new ReentrantReadWriteLock();
            case 4: return new ReentrantReadWriteLock();
            case 5: return new ReentrantReadWriteLock();
            case 6: return new ReentrantReadWriteLock();
            case 7: return new ReentrantReadWriteLock();
            default: throw new IllegalArgumentException("site " + site);
        }
    }

    /** Level 0..63: interleaves the kinds so nests mix them. */
    static Object newLock(int level) {
        int kind = level % 8;
        int n = level / 8;
        switch (kind) {
            case 0: case 1: case 2: case 3:
                return reentrantLock(n * 4 + kind);
            case 4: case 5:
                return monitor(n * 2 + kind - 4);
            case 6:
                return plainObject(n);
            default:
                return readWriteLock(n);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        int operations = Integer.parseInt(args[1]);
        Object[][] locks = new Object[LEVELS][PER_LEVEL];
        for (int level = 0; level < LEVELS; level++) {
            for (int i = 0; i < PER_LEVEL; i++) {
                locks[level][i] = newLock(level);
            }
        }
        System.out.println("LOCKS=" + LEVELS * PER_LEVEL);
        List<Thread> workers = new ArrayList<>();
        long[] acquisitions = new long[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Prog.start("ordered-" + t, () -> {
                Random rnd = new Random(id * 7919L);
                for (int op = 0; op < operations; op++) {
                    List<Node> chain = chain(locks, rnd);
                    acquisitions[id] += chain.size();
                    run(chain, 0);
                }
            }));
        }
        for (Thread w : workers) {
            Prog.join(w);
        }
        long total = 0;
        for (long a : acquisitions) {
            total += a;
        }
        System.out.println("ACQUISITIONS=" + total);
        Prog.run(new String[0], Prog.scenarios());
    }

    /** A random nest: increasing levels; sometimes two instances of one level, lower index first. */
    static List<Node> chain(Object[][] locks, Random rnd) {
        List<Node> chain = new ArrayList<>();
        int depth = 1 + rnd.nextInt(8);
        int level = rnd.nextInt(LEVELS / 2);
        for (int d = 0; d < depth && level < LEVELS; d++) {
            int i = rnd.nextInt(PER_LEVEL);
            chain.add(node(locks[level][i], rnd));
            if (rnd.nextInt(6) == 0 && i + 1 < PER_LEVEL && !(locks[level][i] instanceof ReentrantReadWriteLock)) {
                chain.add(node(locks[level][i + 1 + rnd.nextInt(PER_LEVEL - i - 1)], rnd));
            }
            level += 1 + rnd.nextInt(6);
        }
        return chain;
    }

    static Node node(Object lock, Random rnd) {
        if (lock instanceof ReentrantLock) {
            return new LockNode((ReentrantLock) lock);
        }
        if (lock instanceof ReentrantReadWriteLock) {
            return new ReadWriteNode((ReentrantReadWriteLock) lock, rnd.nextBoolean());
        }
        return new MonitorNode(lock);
    }

    static void run(List<Node> chain, int i) {
        if (i == chain.size()) {
            return;
        }
        chain.get(i).with(() -> run(chain, i + 1));
    }
}
