package io.jlockdep.cli;

import io.jlockdep.core.LockClass;
import java.util.List;

/**
 * How an order reads when one of its ends is an event class (a pseudo lock named {@code event …}, decided only by
 * {@link LockClass#isEventName}), worded as the engine's own report words it: {@code L -> E} is a wait for E while
 * holding L, {@code E -> L} is L taken by code that produces E. Orders between two locks keep the lock words.
 */
final class Waits {
    private Waits() {
    }

    /** Whether {@code cls} names an event class. */
    static boolean isEvent(String cls) {
        return LockClass.isEventName(cls);
    }

    /** Whether the order waits for an event ({@code L -> E}). */
    static boolean isWait(EdgeRecord e) {
        return isEvent(e.to);
    }

    /** Whether the order is a lock taken by code producing an event ({@code E -> L}). */
    static boolean isProduction(EdgeRecord e) {
        return !isEvent(e.to) && isEvent(e.from);
    }

    /** Whether any of these orders has an event at one end. */
    static boolean throughEvent(List<EdgeRecord> edges) {
        for (EdgeRecord e : edges) {
            if (isEvent(e.from) || isEvent(e.to)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words between an order's target and source, as in the engine's chain lines: {@code waited for while
     * holding}, {@code taken by code that produces} or {@code taken while holding}.
     */
    static String how(EdgeRecord e) {
        if (isWait(e)) {
            return "waited for while holding";
        }
        return isProduction(e) ? "taken by code that produces" : "taken while holding";
    }

    /**
     * The order as a phrase whose subject is a thread: {@code waits for E while holding L},
     * {@code takes L in code that produces E}, or {@code takes B while holding A}.
     */
    static String sentence(EdgeRecord e) {
        if (isWait(e)) {
            return "waits for " + e.to + (isEvent(e.from) ? " in code that produces " : " while holding ") + e.from;
        }
        if (isProduction(e)) {
            return "takes " + e.to + " in code that produces " + e.from;
        }
        return "takes " + e.to + " while holding " + e.from;
    }

    /**
     * The order as a phrase whose subject is its source: {@code L held while waiting for E},
     * {@code E produced by code that takes L}, or {@code A held while taking B}.
     */
    static String fromSource(EdgeRecord e) {
        if (isWait(e)) {
            return e.from + (isEvent(e.from) ? " produced by code that waits for " : " held while waiting for ") + e.to;
        }
        if (isProduction(e)) {
            return e.from + " produced by code that takes " + e.to;
        }
        return e.from + " held while taking " + e.to;
    }

    /** A scenario step asking for {@code cls}: {@code wait(E);} for an event, else {@code lock(A);}/{@code rlock(A);}. */
    static String op(boolean shared, String cls, String shown) {
        if (isEvent(cls)) {
            return "wait(" + shown + ");";
        }
        return (shared ? "rlock(" : "lock(") + shown + ");";
    }

    /** A scenario step where {@code cls} is already "held": for an event, running the code that produces it. */
    static String holding(boolean shared, String cls, String shown) {
        return isEvent(cls) ? "produce(" + shown + "):" : op(shared, cls, shown);
    }
}
