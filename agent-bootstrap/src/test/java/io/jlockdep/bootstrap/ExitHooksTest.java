package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlockdep.core.LockdepConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExitHooks} with a fake {@link ShutdownAction}: it runs once, with the status the JVM is about to exit
 * with. (The case where the agent wants another status on {@code Shutdown.shutdown()} ends the JVM, and is
 * covered by the integration tests.)
 */
class ExitHooksTest {
    /** Records each status; answers {@code answer}, or the status itself when answer is null. */
    private static final class Finish implements ShutdownAction {
        final List<Integer> calls = new ArrayList<>();
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
    void systemExitFinishesOnceAndTakesTheAgentsStatus() {
        Finish finish = new Finish(3);
        HookTesting.install(LockdepConfig.builder().build(), false, finish);
        assertEquals(3, ExitHooks.beforeExit(0));
        assertEquals(7, ExitHooks.beforeExit(7), "finished already: the status stays");
        ExitHooks.beforeShutdown();
        assertEquals(List.of(0), finish.calls);
    }

    @Test
    void mainReturningIsMinusOneAndMainThrowingIsOne() {
        Finish returned = new Finish(null);
        HookTesting.install(LockdepConfig.builder().build(), false, returned);
        ExitHooks.mainThreadIs(Thread.currentThread());
        ExitHooks.beforeShutdown();
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
