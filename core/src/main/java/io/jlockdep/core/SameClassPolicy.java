package io.jlockdep.core;

import java.util.Locale;

/**
 * What the engine does when a thread holds two instances of one lock class at once.
 *
 * <p>Class keys make ordered same-class nesting (transfers that always lock the lower account first)
 * look like recursion, while the real same-class bug is an inversion between instances
 * ({@code a.equals(b)} against {@code b.equals(a)} on two synchronized lists).
 */
public enum SameClassPolicy {
    /** Track the order of instances inside the class and report an instance-level inversion (default). */
    INSTANCE,
    /**
     * Report every unannotated same-class nesting, as Linux lockdep does; a class that stands for many roles
     * ({@link LockClass#markManyRoles()}) keeps the instance order.
     */
    STRICT,
    /** Ignore same-class nesting. */
    OFF;

    /**
     * Parses {@code instance}, {@code strict} or {@code off} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static SameClassPolicy parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "instance": return INSTANCE;
                case "strict": return STRICT;
                case "off": return OFF;
                default: break;
            }
        }
        throw new IllegalArgumentException("invalid same-class policy '" + s + "' (valid: instance, strict, off)");
    }
}
