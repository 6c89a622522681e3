package io.jlockdep.it.programs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * One inversion, made only once the agent's own recording ({@code jfr=}) is running: a finding made before that
 * is committed later by the reporter thread (docs/agent.md), so a test of the acquiring thread's JFR stack
 * trace must not depend on how fast JFR started on a busy machine. Exit 3 if no recording ran within a minute.
 */
public final class LateFinding {
    static final ReentrantLock FIRST = new ReentrantLock();
    static final ReentrantLock SECOND = new ReentrantLock();

    private LateFinding() {
    }

    public static void main(String[] args) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!recording()) {
            if (System.nanoTime() - deadline > 0) {
                System.exit(3);
            }
            Thread.sleep(20);
        }
        Thread.sleep(500); // the agent marks its sink ready right after its recording starts
        Prog.halves("opener", () -> Prog.nest(FIRST, SECOND),
                "closer", () -> Prog.nest(SECOND, FIRST)); // @closes-cycle
    }

    private static boolean recording() {
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                return true;
            }
        }
        return false;
    }
}
