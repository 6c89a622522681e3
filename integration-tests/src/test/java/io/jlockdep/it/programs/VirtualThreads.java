package io.jlockdep.it.programs;

import io.jlockdep.bootstrap.EngineHolder;
import io.jlockdep.core.LockClass;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual threads (JDK 21+; compiled for 17, so started reflectively): {@code COUNT} virtual threads
 * each take a {@code ReentrantLock} and then a monitor of its stripe, sleeping while holding them (on
 * JDK 24+ a virtual thread unmounts while blocked or sleeping in {@code synchronized} and may resume on
 * another carrier). At the end of each one its held-lock stack must hold no lock. Prints {@code DONE=},
 * {@code NOT_EMPTY=}, {@code SUM=}.
 */
public final class VirtualThreads {
    private VirtualThreads() {
    }

    static final int STRIPES = 64;

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        ReentrantLock[] locks = new ReentrantLock[STRIPES];
        Object[] monitors = new Object[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(); // @vt-lock
            monitors[i] = new Object(); // @vt-monitor
        }
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        Method start = builderType.getMethod("start", Runnable.class);
        Object builder = ofVirtual.invoke(null);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger notEmpty = new AtomicInteger();
        long[] sum = new long[STRIPES];
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int stripe = i % STRIPES;
            Runnable body = () -> {
                try {
                    locks[stripe].lock();
                    try {
                        Thread.sleep(1);
                        synchronized (monitors[stripe]) {
                            Thread.sleep(1);
                            sum[stripe]++;
                        }
                    } finally {
                        locks[stripe].unlock();
                    }
                    synchronized (monitors[stripe]) {
                        sum[stripe]++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // No lock may be left: the only entry is the thread's own body, the event context its joiners
                // wait for (docs/engine.md, "Waits and events"), held until this body returns.
                if (EngineHolder.engine().heldLocks().stream().anyMatch(h -> !LockClass.isEventName(h.className()))) {
                    notEmpty.incrementAndGet();
                }
                done.incrementAndGet();
            };
            threads.add((Thread) start.invoke(builder, body));
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long s : sum) {
            total += s;
        }
        System.out.println("DONE=" + done.get());
        System.out.println("NOT_EMPTY=" + notEmpty.get());
        System.out.println("SUM=" + total);
        System.out.println("MAIN_DEPTH=" + EngineHolder.engine().depth());
        Prog.run(new String[0], Prog.scenarios());
    }
}
