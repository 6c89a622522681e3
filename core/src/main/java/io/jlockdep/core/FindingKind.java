package io.jlockdep.core;

/** What a finding is about. The {@link #id()} is the stable name used in reports, JFR and the CLI. */
public enum FindingKind {
    /** A strong cycle of lock classes: two or more code paths take the same locks in opposite orders. */
    CIRCULAR("circular", "possible circular locking dependency detected"),
    /** A thread takes a lock it (or its class, under the strict policy or an ordering rule) already holds. */
    RECURSIVE("recursive", "possible recursive locking detected"),
    /** A thread holding the read side of a read/write lock blocks on its write side: a certain self-deadlock. */
    RW_UPGRADE("rw-upgrade", "possible read-to-write upgrade deadlock detected"),
    /** Two instances of one class are nested in opposite orders on different paths. */
    INSTANCE_INVERSION("instance-inversion", "possible same-class instance inversion detected"),
    /** An acquisition names a nest lock (acquire context) that the thread does not hold. */
    NEST_LOCK_NOT_HELD("nest-lock-not-held", "nested lock was not taken"),
    /** A thread releases a lock it does not hold. */
    UNBALANCED("unbalanced", "bad unlock balance detected");

    private final String id;
    private final String headline;

    FindingKind(String id, String headline) {
        this.id = id;
        this.headline = headline;
    }

    /** The stable identifier, e.g. {@code circular}. */
    public String id() {
        return id;
    }

    /** The report's headline after {@code WARNING: }. */
    public String headline() {
        return headline;
    }
}
