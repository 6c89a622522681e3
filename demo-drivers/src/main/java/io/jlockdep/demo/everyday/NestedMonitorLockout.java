package io.jlockdep.demo.everyday;

import io.jlockdep.demo.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * A nested-monitor lockout at a café's order desk: the barista waits on the queue's monitor inside the desk's
 * monitor, and the counter needs the desk's monitor to notify. The counter places one order, the barista
 * serves it, then waits 50 ms for another that never comes, and goes on.
 */
public final class NestedMonitorLockout {
    static final String RULE = "never wait on one monitor while holding another that the notifier needs:"
            + " wait() releases only the monitor it is called on";
    /** How long the barista waits for a second order. */
    static final long IDLE_MILLIS = 50;

    private NestedMonitorLockout() {
    }

    public static Scenario mistake() {
        return Scenario.inversion(Scenario.Part.EVERYDAY, "nested-monitor-lockout",
                "the barista waits for the next order with orders.wait() inside the desk's synchronized method,"
                        + " still holding the desk, which the counter must lock before it can notify",
                RULE, "circular", List.of("event notify of ", "OrderDesk"), () -> run(true));
    }

    public static Scenario fixed() {
        return Scenario.clean(Scenario.Part.EVERYDAY, "nested-monitor-lockout-fixed",
                "the barista waits for the next order holding only the queue's monitor, and locks the desk"
                        + " afterwards to count the order served",
                RULE, () -> run(false));
    }

    private static String run(boolean mistake) {
        OrderDesk desk = new OrderDesk(mistake);
        OnThread.run("counter", () -> desk.place("flat white"));
        List<Order> made = new ArrayList<>();
        OnThread.run("barista", () -> {
            for (Order o = desk.next(IDLE_MILLIS); o != null; o = desk.next(IDLE_MILLIS)) {
                made.add(o);
            }
        });
        return desk.placed() + " order placed, " + desk.served() + " served (" + made.get(0).item() + "); then the"
                + " barista waited " + IDLE_MILLIS + " ms for another";
    }
}
