package io.jlockdep.core;

/**
 * A named lock with no real lock behind it (lockdep's {@code lockdep_map}): code says it holds it, or
 * might take or wait for it, and the engine orders it against real locks. The fence signalling map,
 * reclaim and invalidation contexts are pseudo-locks. Not reentrant: taking it again while holding it
 * is a finding, except a recursive-shared acquisition after a shared one.
 */
public final class PseudoLock {
    private final Lockdep engine;
    private final LockClass cls;

    PseudoLock(Lockdep engine, LockClass cls) {
        this.engine = engine;
        this.cls = cls;
    }

    /** The pseudo-lock's name (its class name). */
    public String name() {
        return cls.name();
    }

    /** Its class. */
    public LockClass lockClass() {
        return cls;
    }

    /** Holds it in {@code mode}; returns a new finding or null. */
    public Finding acquire(Mode mode) {
        return engine.acquire(this, cls, mode);
    }

    /** Holds it in {@code mode} as a successful trylock would: ordered after, never before, other locks. */
    public void tryAcquire(Mode mode) {
        engine.tryAcquired(this, cls, mode);
    }

    /** Releases the most recent hold. */
    public void release() {
        engine.release(this);
    }

    /** "This path might take (or wait for) it": validates as an acquisition in {@code mode}, holds nothing. */
    public Finding probe(Mode mode) {
        return engine.probe(this, cls, mode);
    }

    /** Whether the calling thread holds it. */
    public boolean isHeld() {
        return engine.isHeld(this);
    }

    /** Whether the calling thread holds it in {@code mode} (either shared mode counts as shared). */
    public boolean isHeld(Mode mode) {
        return engine.isHeld(this, mode);
    }

    /** Throws {@link IllegalStateException} (one line) unless the calling thread holds it. */
    public void assertHeld() {
        if (!isHeld()) {
            throw new IllegalStateException("pseudo-lock " + name() + " is not held by thread \""
                    + Thread.currentThread().getName() + "\"");
        }
    }

    /** Throws {@link IllegalStateException} (one line) if the calling thread holds it. */
    public void assertNotHeld() {
        if (isHeld()) {
            throw new IllegalStateException("pseudo-lock " + name() + " is held by thread \""
                    + Thread.currentThread().getName() + "\"");
        }
    }

    @Override
    public String toString() {
        return "PseudoLock[" + name() + "]";
    }
}
