package io.jlockdep.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many threads lock random lists of ww mutexes (in random order, with duplicates) under acquire
 * contexts, backing off as told; a few lock single mutexes without a context, some contexts inject
 * back-offs. Everything completes (the timeout is only a guard) and no mutex is ever held twice.
 */
class WwStressTest {
    private static final int MUTEXES = 12;
    private static final int THREADS = 8;
    private static final int TRANSACTIONS = 400;

    @ParameterizedTest(name = "waitDie={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomTransactionsCompleteWithMutualExclusion(boolean waitDie) throws Exception {
        WwClass cls = waitDie ? WwClass.waitDie("stress-wait-die") : WwClass.woundWait("stress-wound-wait");
        WwMutex[] m = new WwMutex[MUTEXES];
        for (int i = 0; i < MUTEXES; i++) {
            m[i] = new WwMutex(cls, "s" + i);
        }
        AtomicIntegerArray owner = new AtomicIntegerArray(MUTEXES);
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong backoffs = new AtomicLong();
        CyclicBarrier go = new CyclicBarrier(THREADS);
        List<FenceTests.Worker<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t + 1;
            workers.add(FenceTests.run("stress-" + id, () -> {
                Random rnd = new Random(1234L * id + (waitDie ? 1 : 0));
                go.await();
                for (int tx = 0; tx < TRANSACTIONS; tx++) {
                    if (tx % 10 == 9) {
                        // A plain lock of one mutex, no context.
                        int i = rnd.nextInt(MUTEXES);
                        m[i].lock();
                        use(owner, Set.of(i), id, violations);
                        m[i].unlock();
                        done.incrementAndGet();
                        continue;
                    }
                    List<Integer> list = new ArrayList<>();
                    int n = 1 + rnd.nextInt(6);
                    for (int k = 0; k < n; k++) {
                        list.add(rnd.nextInt(MUTEXES));
                    }
                    WwAcquireContext ctx = id % 3 == 0
                            ? new WwAcquireContext(cls, rnd.nextLong())
                            : new WwAcquireContext(cls);
                    try {
                        WwMutex contended = null;
                        for (;;) {
                            try {
                                if (contended != null) {
                                    contended.lockSlow(ctx);
                                }
                                for (int i : list) {
                                    m[i].lock(ctx);
                                }
                                break;
                            } catch (WouldDeadlockException e) {
                                backoffs.incrementAndGet();
                                ctx.unlockAll();
                                contended = e.contended();
                            }
                        }
                        ctx.done();
                        Set<Integer> distinct = new LinkedHashSet<>(list);
                        assertEquals(distinct.size(), ctx.acquiredCount());
                        use(owner, distinct, id, violations);
                        ctx.unlockAll();
                    } finally {
                        ctx.close();
                    }
                    done.incrementAndGet();
                }
            }));
        }
        for (FenceTests.Worker<Void> w : workers) {
            w.join();
        }
        assertEquals(0, violations.get(), "a mutex was held by two threads at once");
        assertEquals(THREADS * TRANSACTIONS, done.get());
        assertTrue(backoffs.get() > 0, "back-off paths ran (at least the injected ones)");
        for (WwMutex x : m) {
            assertTrue(!x.isLocked());
        }
    }

    /** Marks the mutexes as owned by {@code id}, lets others run, and checks nobody else got them meanwhile. */
    private static void use(AtomicIntegerArray owner, Set<Integer> held, int id, AtomicInteger violations) {
        for (int i : held) {
            if (!owner.compareAndSet(i, 0, id)) {
                violations.incrementAndGet();
            }
        }
        Thread.yield();
        for (int i : held) {
            if (!owner.compareAndSet(i, id, 0)) {
                violations.incrementAndGet();
            }
        }
    }
}
