package io.jlockdep.fence;

/**
 * The cookie of a scope the calling thread has entered: a fence signalling section
 * ({@link Signalling#begin()}), a reclaim context ({@link Reclaim#enter()}), a no-reclaim scope
 * ({@link Reclaim#noReclaim()}) or an invalidation context ({@link Invalidation#enter()}).
 *
 * <p>A scope is ended exactly once, on the thread that entered it, and scopes of one kind end innermost
 * first — either through the matching end method or through {@link #close()}, so try-with-resources
 * works. Anything else (ending twice, on another thread, out of order, or with a cookie of another kind)
 * is an {@link IllegalStateException} or {@link IllegalArgumentException} that leaves the thread's scopes
 * as they were. Scopes of different kinds may interleave freely.
 */
public final class Scope implements AutoCloseable {

    /** What a scope is; each kind has its own per-thread stack. */
    enum Kind {
        SIGNALLING("signalling section"),
        RECLAIM("reclaim context"),
        NO_RECLAIM("no-reclaim scope"),
        INVALIDATION("invalidation context");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** The innermost open scope of each kind, per thread (indexed by kind ordinal). */
    private static final ThreadLocal<Scope[]> INNERMOST = new ThreadLocal<Scope[]>() {
        @Override
        protected Scope[] initialValue() {
            return new Scope[Kind.values().length];
        }
    };

    final Kind kind;
    final Thread owner;
    /** The scope of the same kind this one is nested in, or null. */
    final Scope outer;
    /** For signalling sections: what the lockdep point returned, to be handed back at the end. */
    final boolean cookie;
    /** Volatile: another thread may try (wrongly) to end this scope and must see its state. */
    private volatile boolean ended;

    private Scope(Kind kind, Thread owner, Scope outer, boolean cookie) {
        this.kind = kind;
        this.owner = owner;
        this.outer = outer;
        this.cookie = cookie;
    }

    /** Opens a scope of this kind on the calling thread. */
    static Scope open(Kind kind, boolean cookie) {
        Scope[] innermost = INNERMOST.get();
        Scope s = new Scope(kind, Thread.currentThread(), innermost[kind.ordinal()], cookie);
        innermost[kind.ordinal()] = s;
        return s;
    }

    /** Checks that {@code s} may end now as a scope of kind {@code expected}, and ends it. */
    static void end(Scope s, Kind expected) {
        if (s == null) {
            throw new IllegalArgumentException("null cookie where a " + expected.label + " was expected");
        }
        if (s.kind != expected) {
            throw new IllegalArgumentException("a " + s.kind.label + " cookie was passed where a "
                    + expected.label + " was expected");
        }
        if (s.ended) {
            throw new IllegalStateException(expected.label + " already ended");
        }
        Thread current = Thread.currentThread();
        if (s.owner != current) {
            throw new IllegalStateException(expected.label + " begun on thread \"" + s.owner.getName()
                    + "\" cannot end on thread \"" + current.getName() + "\"");
        }
        Scope[] innermost = INNERMOST.get();
        if (innermost[expected.ordinal()] != s) {
            throw new IllegalStateException(expected.label
                    + " ended out of order: a " + expected.label + " nested in it is still open");
        }
        innermost[expected.ordinal()] = s.outer;
        s.ended = true;
    }

    /** Whether the calling thread is inside a scope of this kind. */
    static boolean inside(Kind kind) {
        return INNERMOST.get()[kind.ordinal()] != null;
    }

    /** How many scopes of this kind the calling thread is nested in. */
    static int depth(Kind kind) {
        int n = 0;
        for (Scope s = INNERMOST.get()[kind.ordinal()]; s != null; s = s.outer) {
            n++;
        }
        return n;
    }

    /** Whether this scope has ended. */
    public boolean isEnded() {
        return ended;
    }

    /**
     * Ends this scope with the end method of its kind ({@link Signalling#end}, {@link Reclaim#exit},
     * {@link Reclaim#restore}, {@link Invalidation#exit}), with the same checks.
     */
    @Override
    public void close() {
        if (kind == Kind.SIGNALLING) {
            Signalling.end(this);
        } else if (kind == Kind.RECLAIM) {
            Reclaim.exit(this);
        } else if (kind == Kind.NO_RECLAIM) {
            Reclaim.restore(this);
        } else {
            Invalidation.exit(this);
        }
    }

    @Override
    public String toString() {
        return kind.label + (ended ? " (ended)" : " (open)") + " of thread \"" + owner.getName() + "\"";
    }
}
