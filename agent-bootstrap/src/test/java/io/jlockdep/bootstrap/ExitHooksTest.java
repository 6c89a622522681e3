package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlockdep.core.LockdepConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExitHooks} with a fake {@link ShutdownAction}: every exit reaches it, with the status the JVM is about
 * to exit with (the action itself runs once and makes concurrent exits wait: ExitsIT). (The case where the
 * agent wants another status on {@code Shutdown.shutdown()} ends the JVM, and is covered by the integration
 * tests.)
 */
class ExitHooksTest {
    /** Records each status; answers {@code answer}, or the status itself when answer is null. */
    private static final class Finish implements ShutdownAction {
        final List<Integer> calls = new CopyOnWriteArrayList<>();
        final Integer answer;

        Finish(Integer answer) {
            this.answer = answer;
        }

        @Override
        public int finish(int status) {
            calls.add(status);
            return answer != null ? answer : status;
        }
    }

    @AfterEach
    void disarm() {
        ExitHooks.mainThreadIs(null);
        HookTesting.uninstall();
    }

    @Test
    void systemExitTakesTheAgentsStatus() {
        Finish finish = new Finish(3);
        HookTesting.install(LockdepConfig.builder().build(), false, finish);
        assertEquals(3, ExitHooks.beforeExit(0));
        assertEquals(List.of(0), finish.calls);
    }

    /**
     * Before, only the first exiting thread reached the action and the others went straight on to the
     * shutdown hooks and {@code halt}, while the first was still writing the reports: each exit must reach
     * the action (which makes the others wait), with its own status.
     */
    @Test
    void everyExitingThreadReachesTheAction() throws InterruptedException {
        Finish finish = new Finish(null);
        HookTesting.install(LockdepConfig.builder().build(), false, finish);
        Thread[] exiters = new Thread[4];
        int[] returned = new int[exiters.length];
        for (int i = 0; i < exiters.length; i++) {
            int index = i;
            exiters[i] = new Thread(new Runnable() {
                @Override
                public void run() {
                    returned[index] = ExitHooks.beforeExit(10 + index);
                }
            });
            exiters[i].start();
        }
        for (Thread t : exiters) {
            t.join();
        }
        assertEquals(Set.of(10, 11, 12, 13), new HashSet<>(finish.calls));
        assertEquals(4, finish.calls.size());
        for (int i = 0; i < exiters.length; i++) {
            assertEquals(10 + i, returned[i], "each exit keeps its own status");
        }
    }

    @Test
    void mainReturningIsMinusOneAndMainThrowingIsOne() {
        Finish returned = new Finish(null);
        HookTesting.install(LockdepConfig.builder().build(), false, returned);
        ExitHooks.mainThreadIs(Thread.currentThread());
        ExitHooks.beforeShutdown();
        assertEquals(List.of(-1), returned.calls);

        Finish threw = new Finish(null);
        HookTesting.install(LockdepConfig.builder().build(), false, threw);
        ExitHooks.mainThreadIs(Thread.currentThread());
        ExitHooks.uncaughtException();
        ExitHooks.beforeShutdown();
        assertEquals(List.of(1), threw.calls);
    }

    @Test
    void anotherThreadDyingDoesNotChangeTheLaunchersStatus() throws InterruptedException {
        Finish finish = new Finish(null);
        HookTesting.install(LockdepConfig.builder().build(), false, finish);
        ExitHooks.mainThreadIs(Thread.currentThread());
        Thread worker = new Thread(new Runnable() {
            @Override
            public void run() {
                ExitHooks.uncaughtException();
            }
        });
        worker.start();
        worker.join();
        ExitHooks.beforeShutdown();
        assertEquals(List.of(-1), finish.calls);
    }

    @Test
    void aFailingFinishKeepsTheProgramsStatus() {
        HookTesting.install(LockdepConfig.builder().build(), false, new ShutdownAction() {
            @Override
            public int finish(int status) {
                throw new IllegalStateException("reporter broke");
            }
        });
        assertEquals(4, ExitHooks.beforeExit(4));
    }

    @Test
    void withoutAnActionNothingHappens() {
        HookTesting.uninstall();
        assertEquals(5, ExitHooks.beforeExit(5));
        ExitHooks.uncaughtException();
        ExitHooks.beforeShutdown();
    }
}
