package io.jlockdep.fence;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A class of wound/wait mutexes (the kernel's {@code ww_class}): the mutexes that may be locked together
 * under one {@link WwAcquireContext}, and the counter that gives each context its stamp (its age: a
 * smaller stamp is older). The flavour decides what happens when a context holding locks runs into one
 * held by another context:
 * <ul>
 *   <li><b>wait-die</b> ({@link #waitDie}): an older context waits; a younger one dies, i.e. gets
 *       {@link WouldDeadlockException} and backs off.</li>
 *   <li><b>wound-wait</b> ({@link #woundWait}): an older context wounds the younger holder and waits; the
 *       wounded context backs off at its next contended acquisition. A younger context waits.</li>
 * </ul>
 * Either way the oldest context never backs off, so every transaction eventually completes.
 *
 * <p>The name is what lockdep sees: a class {@code <name>_acquire} for its contexts and one class
 * {@code <name>_mutex} for all its mutexes. Use one instance per name.
 */
public final class WwClass {
    private final String name;
    private final boolean waitDie;
    private final AtomicLong lastStamp = new AtomicLong();

    private WwClass(String name, boolean waitDie) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a ww class needs a name");
        }
        this.name = name;
        this.waitDie = waitDie;
    }

    /**
     * A wound-wait class (the kernel's {@code DEFINE_WW_CLASS}).
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public static WwClass woundWait(String name) {
        return new WwClass(name, false);
    }

    /**
     * A wait-die class (the kernel's {@code DEFINE_WD_CLASS}).
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public static WwClass waitDie(String name) {
        return new WwClass(name, true);
    }

    /** The class name. */
    public String name() {
        return name;
    }

    /** Whether this is a wait-die class (false: wound-wait). */
    public boolean isWaitDie() {
        return waitDie;
    }

    /** The next stamp: 1, 2, 3 … in the order contexts are created. */
    long nextStamp() {
        return lastStamp.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ww class " + name + (waitDie ? " (wait-die)" : " (wound-wait)");
    }
}
