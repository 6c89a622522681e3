package io.jlockdep.core;

import java.util.Comparator;

/**
 * The role a lock plays: all instances created at one site, all monitors of one type, one named
 * pseudo-lock. The engine orders classes, not instances. A class has a stable name, so reports,
 * baselines and graphs from different JVMs agree; obtain classes from {@link Lockdep#lockClass(String)}.
 */
public final class LockClass {
    /** Lockdep's limit on subclasses; deeper nesting wants distinct classes instead. */
    static final int MAX_SUBCLASS = 7;

    private final Lockdep owner;
    private final String name;
    /** An event class: decided by the name once (signals ask on every call). */
    private final boolean event;
    private final int id;
    /** False once the class limit was hit: such locks are held but never ordered. */
    final boolean tracked;
    private volatile boolean reentrant;
    private volatile Comparator<Object> order;
    private volatile boolean manyRoles;
    private volatile String origin;
    /** Set when the first dependency edge from this class is stored. */
    private volatile boolean dependencies;
    private final LockClass[] subclasses = new LockClass[MAX_SUBCLASS + 1];

    LockClass(Lockdep owner, String name, int id, boolean tracked, boolean reentrant) {
        this.owner = owner;
        this.name = name;
        this.event = isEventName(name);
        this.id = id;
        this.tracked = tracked;
        this.reentrant = reentrant;
    }

    /** The stable name, e.g. {@code ReentrantLock@com.acme.Bank.<init>(Bank.java:12)}. */
    public String name() {
        return name;
    }

    /**
     * Where instances of this class were first allocated, e.g. {@code com.acme.Bank.<init>(Bank.java:12)}: shown
     * in reports, never part of the name or of cycle ids (lines move with every edit and JDK).
     *
     * @return null when no allocation of this class was seen
     */
    public String origin() {
        return origin;
    }

    /** Notes {@code where} an instance was allocated; the first note wins, so reports stay stable. */
    public void noteOrigin(String where) {
        if (origin == null && where != null) {
            origin = where;
        }
    }

    /**
     * Whether this is an event class ({@link Lockdep#eventClass}): the pseudo-lock for "the event that ends a
     * wait". Decided by the name alone, so that recordings read back in another JVM agree.
     */
    public boolean isEvent() {
        return event;
    }

    /** Whether a class of this name is an event class: the name starts with {@value #EVENT_PREFIX}. */
    public static boolean isEventName(String name) {
        return name != null && name.startsWith(EVENT_PREFIX);
    }

    /** The prefix of every event class name. */
    public static final String EVENT_PREFIX = "event ";

    /**
     * Whether some dependency edge starts at this class: for an event class, whether code producing it was
     * seen taking a lock (a task type whose body locked something), so a wait for it can close a cycle.
     */
    public boolean hasDependencies() {
        return dependencies;
    }

    void markDependencies() {
        if (!dependencies) {
            dependencies = true;
        }
    }

    /** A dense engine-internal index; not stable across runs (use {@link #name()}). */
    public int id() {
        return id;
    }

    /**
     * The subclass for "same role, one level deeper" nesting (lockdep's {@code _nested}): a distinct class
     * named {@code name + "/" + subclass}, so the order class → class/1 is recorded instead of recursion.
     *
     * @param subclass 1 to 7
     * @throws IllegalArgumentException for any other value
     */
    public LockClass nested(int subclass) {
        if (subclass < 1 || subclass > MAX_SUBCLASS) {
            throw new IllegalArgumentException("subclass must be 1.." + MAX_SUBCLASS + ", got " + subclass);
        }
        LockClass c = subclasses[subclass];
        if (c == null) {
            c = reentrant ? owner.lockClass(name + "/" + subclass) : owner.pseudoClass(name + "/" + subclass);
            subclasses[subclass] = c;
        }
        return c;
    }

    /** Whether a thread may re-acquire an instance it holds (Java locks) or not (pseudo-locks, StampedLock). */
    public boolean isReentrant() {
        return reentrant;
    }

    void markNonReentrant() {
        reentrant = false;
    }

    /**
     * Marks this class as standing for objects of many roles, e.g. the type-level class of monitors whose
     * allocation was not seen. Nesting two of its instances says nothing about one role nesting in itself,
     * so {@code sameClass=strict} judges such nestings by instance order, as the default policy does.
     *
     * @return this class
     */
    public LockClass markManyRoles() {
        manyRoles = true;
        return this;
    }

    /** Whether {@link #markManyRoles()} was called. */
    public boolean hasManyRoles() {
        return manyRoles;
    }

    /**
     * Declares an ordering rule for holding two instances of this class at once (lockdep's
     * {@code lock_set_cmp_fn}): taking {@code next} while holding {@code held} is fine when
     * {@code order.compare(held, next) < 0}, and a {@code recursive} finding otherwise. The comparator is
     * called on the acquiring thread, only when two instances of this class are nested; it must be fast
     * and must not take locks.
     *
     * @return this class
     */
    public LockClass orderBy(Comparator<Object> order) {
        this.order = order;
        return this;
    }

    Comparator<Object> order() {
        return order;
    }

    @Override
    public String toString() {
        return name;
    }
}
