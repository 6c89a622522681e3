package io.jlockdep.demo.everyday;

import io.jlockdep.demo.scenario.Scenario;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A dispatcher that awaits a batch's CountDownLatch inside its synchronized collect(), while its worker counts
 * each job down inside the dispatcher's synchronized completion. The worker finishes the batch before the
 * dispatcher collects it, so the latch is already at zero and nothing hangs.
 */
public final class LatchUnderLock {
    static final String RULE = "never await a latch holding a lock that the counting thread holds at countDown():"
            + " count down outside the lock";

    private LatchUnderLock() {
    }

    public static Scenario mistake() {
        return Scenario.inversion(Scenario.Part.EVERYDAY, "latch-under-lock",
                "a dispatcher awaits a batch's CountDownLatch inside its synchronized collect(), and the worker"
                        + " counts each job down inside the dispatcher's synchronized completion",
                RULE, "circular", List.of("event countDown of CountDownLatch io.jlockdep.demo.everyday.Batch.done",
                        "Dispatcher"), () -> run(true));
    }

    public static Scenario fixed() {
        return Scenario.clean(Scenario.Part.EVERYDAY, "latch-under-lock-fixed",
                "the worker puts each result in the batch's concurrent queue and counts the latch down outside"
                        + " any lock; the dispatcher still awaits it inside collect()",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) throws Exception {
        try (Dispatcher dispatcher = new Dispatcher(mistake)) {
            AtomicReference<Batch> batch = new AtomicReference<>();
            AtomicReference<List<String>> results = new AtomicReference<>();
            OnThread.run("dispatcher", () -> {
                Batch b = dispatcher.dispatch(List.of("invoice-1", "invoice-2", "invoice-3"));
                batch.set(b);
                // The two halves one after the other: the worker finishes the batch before the dispatcher
                // collects it (in production, the dispatcher was busy elsewhere for long enough, usually).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (b.remaining() > 0) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the worker did not finish the batch in 20 s");
                    }
                    Thread.sleep(1);
                }
                results.set(dispatcher.collect(b));
            });
            return "1 batch of " + batch.get().jobs.size() + " jobs dispatched, " + dispatcher.completed()
                    + " completed by the worker, then collected: " + results.get();
        }
    }
}
