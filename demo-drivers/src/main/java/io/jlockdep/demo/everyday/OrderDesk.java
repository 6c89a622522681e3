package io.jlockdep.demo.everyday;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The desk between a café's counter and its barista: the counter places orders, the barista takes them in turn
 * and waits when there are none. The desk's own monitor guards its books; the queue of open orders is guarded
 * by, and waited on through, the queue's monitor.
 */
public final class OrderDesk {
    private final Deque<Order> orders = new ArrayDeque<>();
    private final boolean waitHoldingDesk;
    /** Guarded by this desk's monitor. */
    private int placed;
    /** Guarded by this desk's monitor. */
    private int served;

    /** A desk whose {@link #next} waits for an order holding the desk's monitor, if {@code waitHoldingDesk} (the mistake). */
    public OrderDesk(boolean waitHoldingDesk) {
        this.waitHoldingDesk = waitHoldingDesk;
    }

    /** Places an order and wakes the barista. */
    public synchronized Order place(String item) {
        placed++;
        Order o = new Order(placed, item);
        synchronized (orders) {
            orders.addLast(o);
            orders.notifyAll();
        }
        return o;
    }

    /** The next order, waiting at most {@code timeoutMillis} for one; null if none came. */
    public Order next(long timeoutMillis) throws InterruptedException {
        return waitHoldingDesk ? nextWaitingInsideDesk(timeoutMillis) : nextWaitingOutsideDesk(timeoutMillis);
    }

    /**
     * DELIBERATE MISTAKE: waits for an order inside the desk's monitor. {@code orders.wait()} releases only the
     * queue's monitor: the barista still holds the desk, which {@link #place} needs before it can add the order
     * and notify — a nested-monitor lockout. The two threads never take the two monitors in opposite orders, so
     * lock ordering alone sees nothing. Rule broken: never wait on one monitor while holding another that the
     * notifier needs.
     */
    private synchronized Order nextWaitingInsideDesk(long timeoutMillis) throws InterruptedException {
        Order o = awaitOrder(timeoutMillis);
        if (o != null) {
            served++;
        }
        return o;
    }

    /** The fix: waits holding only the queue's monitor, and takes the desk afterwards for the books. */
    private Order nextWaitingOutsideDesk(long timeoutMillis) throws InterruptedException {
        Order o = awaitOrder(timeoutMillis);
        if (o != null) {
            synchronized (this) {
                served++;
            }
        }
        return o;
    }

    private Order awaitOrder(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (orders) {
            while (orders.isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                orders.wait(left);
            }
            return orders.removeFirst();
        }
    }

    /** Orders placed so far. */
    public synchronized int placed() {
        return placed;
    }

    /** Orders served so far. */
    public synchronized int served() {
        return served;
    }
}
