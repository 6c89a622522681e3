package io.jlockdep.core;

/**
 * How strongly a finding's instances back it. The engine orders lock classes, so a cycle of classes is a
 * potential deadlock whichever instances took its orders; this says whether the observed instances alone
 * already close it. Part of no cycle id.
 */
public enum Evidence {
    /** Each edge's acquired instance is the next edge's held instance: the cycle closed over the same locks. */
    WITNESSED("witnessed", "same instances"),
    /** The instances are known and differ somewhere: only the classes close the cycle. */
    CLASS_ONLY("class-only", "different instances of the same classes"),
    /**
     * Some instance is not known (collected since, an order primed from a contract or merged from another
     * JVM): treated as class-only.
     */
    UNKNOWN("class-only", "instances not known: collected, or an order declared in a contract or merged"
            + " from another JVM"),
    /**
     * A cycle through an instantaneous event ({@code countDown}, {@code notify}, a queue insertion): the
     * signal has no instance to compare, so only the classes close it. Treated as class-only.
     */
    SIGNALLED("class-only", "through an event signalled while a lock was held: a signal has no instance to"
            + " compare");

    private final String id;
    private final String description;

    Evidence(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** {@code witnessed} or {@code class-only} (also for {@link #UNKNOWN}, {@link #SIGNALLED}): the word reports and events use. */
    public String id() {
        return id;
    }

    /** The reason shown after the id, e.g. {@code same instances}. */
    public String description() {
        return description;
    }

    /** {@code witnessed (same instances)}. */
    @Override
    public String toString() {
        return id + " (" + description + ")";
    }
}
