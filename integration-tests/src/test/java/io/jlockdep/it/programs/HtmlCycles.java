package io.jlockdep.it.programs;

import io.jlockdep.api.Jlockdep;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cycles of the HTML report's integration test: a two-lock inversion (a lock and a monitor, each half during
 * its own "test"), a three-lock cycle over three threads (one named with markup), and an inversion the test
 * suppresses with {@code suppress=FILE} (class glob {@code ReentrantLock io.jlockdep.it.programs.HtmlCycles.MUTED*}).
 */
public final class HtmlCycles {
    private HtmlCycles() {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios(
                "two-locks", (Prog.Scenario) HtmlCycles::twoLocks,
                "three-locks", (Prog.Scenario) HtmlCycles::threeLocks,
                "muted", (Prog.Scenario) HtmlCycles::muted));
    }

    static final ReentrantLock CART = new ReentrantLock(); // @html-cart
    static final Inventory INVENTORY = new Inventory();

    /** A monitor type of the program's own. */
    static final class Inventory {
    }

    /** CART then INVENTORY during one test, INVENTORY then CART during another. */
    static void twoLocks() {
        Jlockdep.setContext("test com.acme.shop.CartTest.checkout()");
        Prog.onThread("checkout", () -> {
            CART.lock();
            try {
                synchronized (INVENTORY) { // @html-checkout
                    INVENTORY.hashCode();
                }
            } finally {
                CART.unlock();
            }
        });
        Jlockdep.setContext("test com.acme.shop.InventoryTest.restock()");
        Prog.onThread("restock", () -> {
            synchronized (INVENTORY) {
                CART.lock(); // @html-restock
                CART.unlock();
            }
        });
        Jlockdep.setContext(null);
    }

    static final ReentrantLock PAYMENTS = new ReentrantLock();
    static final ReentrantLock SHIPPING = new ReentrantLock();
    static final ReentrantLock INVOICES = new ReentrantLock();

    /** A thread name with markup: the page shows it as text. */
    public static final String SHIPPER = "shipper<script>alert(1)</script>";

    /** PAYMENTS -> SHIPPING, SHIPPING -> INVOICES, INVOICES -> PAYMENTS, each on its own thread. */
    static void threeLocks() {
        Prog.onThread("payer", () -> Prog.nest(PAYMENTS, SHIPPING));
        Prog.onThread(SHIPPER, () -> Prog.nest(SHIPPING, INVOICES));
        Prog.onThread("biller", () -> Prog.nest(INVOICES, PAYMENTS));
    }

    static final ReentrantLock MUTED_1 = new ReentrantLock();
    static final ReentrantLock MUTED_2 = new ReentrantLock();

    /** An inversion the test's suppress file hides: counted, not reported. */
    static void muted() {
        Prog.halves("muted-a", () -> Prog.nest(MUTED_1, MUTED_2), "muted-b", () -> Prog.nest(MUTED_2, MUTED_1));
    }
}
