package io.jlockdep.cli;

import io.jlockdep.core.FindingKind;
import java.util.Arrays;
import java.util.List;

/** What each finding kind means: the SARIF rules, and names for the other outputs. */
final class Kinds {
    /** One kind: its id ({@code circular}), rule name, and descriptions. */
    static final class Kind {
        final String id;
        final String ruleName;
        final String shortDescription;
        final String fullDescription;
        final String help;

        Kind(String id, String ruleName, String shortDescription, String fullDescription, String help) {
            this.id = id;
            this.ruleName = ruleName;
            this.shortDescription = shortDescription;
            this.fullDescription = fullDescription;
            this.help = help;
        }

        /** The SARIF rule id, {@code jlockdep/circular}. */
        String ruleId() {
            return "jlockdep/" + id;
        }
    }

    /** The known kinds, in the engine's order ({@link FindingKind}, as {@link Outcome#KIND_ORDER}). */
    static final List<Kind> ALL = Arrays.stream(FindingKind.values()).map(Kinds::describe).toList();

    private static Kind describe(FindingKind kind) {
        String id = kind.id();
        return switch (kind) {
            case CIRCULAR -> new Kind(id, "CircularLockingDependency",
                    "Potential deadlock: locks taken in opposite orders",
                    "Two or more code paths take the same lock classes in a different order (a cycle in the lock"
                            + " dependency graph). Run at the same time, each thread can hold a lock the other waits for."
                            + " The cycle can also run through an event (a future's completion, a latch's countDown,"
                            + " a queue's put, a notify): a thread waits for it while holding a lock that the code"
                            + " producing the event takes.",
                    "jlockdep saw every order of this cycle run (on any threads, in any JVM for merged findings). Pick"
                            + " one global order for these locks and take them in that order everywhere, or stop"
                            + " holding one while taking the other. For a cycle through an event, do not wait for it"
                            + " while holding the lock (release it first), or produce the event without taking that"
                            + " lock. The report lists where each order was first taken, with its stack.");
            case RECURSIVE -> new Kind(id, "RecursiveLocking",
                    "Potential self-deadlock: a lock (or lock class) taken while already held",
                    "A thread takes a non-reentrant lock, or a second lock of the same class under the strict"
                            + " same-class policy or an ordering rule, while it already holds it.",
                    "Do not re-acquire a non-reentrant lock; if two instances of one class are nested on purpose,"
                            + " give them an order (nesting subclass or ordering rule).");
            case RW_UPGRADE -> new Kind(id, "ReadToWriteUpgrade",
                    "Certain self-deadlock: write lock requested while holding the read lock",
                    "A thread holding the read side of a ReentrantReadWriteLock asks for its write side. The write"
                            + " lock waits for all readers, including this thread: it never returns.",
                    "Release the read lock before taking the write lock (and re-check the state after), or take"
                            + " the write lock from the start.");
            case INSTANCE_INVERSION -> new Kind(id, "SameClassInstanceInversion",
                    "Potential deadlock: two instances of one class nested in opposite orders",
                    "Two instances of the same lock class are nested in one order on one path and in the opposite"
                            + " order on another (for example a.equals(b) and b.equals(a) on synchronized collections).",
                    "Nest instances of one class in a fixed order (by id, by address of a stable key), or avoid"
                            + " holding two of them at once.");
            case NEST_LOCK_NOT_HELD -> new Kind(id, "NestLockNotHeld",
                    "Lock taken under a nest lock (acquire context) the thread does not hold",
                    "An acquisition names a nest lock (an acquire context that makes taking many locks of one class"
                            + " safe), but the thread does not hold that nest lock.",
                    "Take the nest lock (enter the acquire context) before the nested locks.");
            case UNBALANCED -> new Kind(id, "UnbalancedUnlock",
                    "A thread releases a lock it does not hold",
                    "A release without a matching acquisition on this thread: the lock bookkeeping is unbalanced.",
                    "Release only what this thread acquired, exactly once (use try/finally).");
        };
    }

    private Kinds() {
    }

    /** The kind with {@code id}, or a generic entry for a kind this version does not know. */
    static Kind of(String id) {
        for (Kind k : ALL) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return new Kind(id, "Other", "Lock misuse found by jlockdep (" + id + ")",
                "A finding of kind '" + id + "' reported by a newer jlockdep agent.",
                "See the report text of the finding.");
    }
}
